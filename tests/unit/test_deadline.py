"""The whole-response deadline's watchdog thread: when it wakes, and what it cuts."""

from __future__ import annotations

import socket
import threading
import time
from types import SimpleNamespace
from typing import Any

from novaclient_lite._deadline import _Watchdog


class FakeSocket:
    def __init__(self) -> None:
        self.shut = threading.Event()

    def shutdown(self, how: int) -> None:
        assert how == socket.SHUT_RDWR
        self.shut.set()


def response(sock: FakeSocket) -> Any:
    return SimpleNamespace(raw=SimpleNamespace(connection=SimpleNamespace(sock=sock)))


def settled(dog: _Watchdog) -> None:
    """Wait until the thread sleeps towards the earliest deadline."""
    for _ in range(200):
        with dog._cond:
            if dog._heap and dog._wake_at == dog._heap[0][0]:
                return
        time.sleep(0.01)
    raise AssertionError("the watchdog thread did not settle")


def notifies(dog: _Watchdog) -> list[int]:
    """Record each notify of the thread from now on (and still deliver it)."""
    notified: list[int] = []
    real_notify = dog._cond.notify

    def spy(n: int = 1) -> None:
        notified.append(n)
        real_notify(n)

    dog._cond.notify = spy  # type: ignore[method-assign]
    return notified


def test_requests_with_later_deadlines_do_not_wake_the_thread() -> None:
    dog = _Watchdog()
    first = dog.watch(time.monotonic() + 60, None)
    settled(dog)
    notified = notifies(dog)
    later = [dog.watch(time.monotonic() + 61 + i, None) for i in range(5)]
    assert notified == []
    sooner = dog.watch(time.monotonic() + 30, None)
    assert notified == [1]
    for token in [first, *later, sooner]:
        assert dog.release(token) is False


def test_an_expired_deadline_cuts_the_socket_and_release_reports_it() -> None:
    dog = _Watchdog()
    idle = dog.watch(time.monotonic() + 60, None)
    settled(dog)
    sock = FakeSocket()
    token = dog.watch(time.monotonic() + 0.05, response(sock))  # sooner: wakes the thread
    assert sock.shut.wait(5)
    assert dog.release(token) is True
    assert dog.release(idle) is False


def test_a_huge_deadline_leaves_the_thread_alive() -> None:
    dog = _Watchdog()
    far = dog.watch(time.monotonic() + 1e12, None)  # beyond the lock's time_t
    time.sleep(0.1)
    assert dog._thread is not None and dog._thread.is_alive()
    sock = FakeSocket()
    token = dog.watch(time.monotonic() + 0.05, response(sock))
    assert sock.shut.wait(5)
    assert dog.release(token) is True
    assert dog.release(far) is False


def asleep(dog: _Watchdog) -> None:
    """Wait until the thread waits on its condition (whatever it sleeps towards)."""
    for _ in range(200):
        with dog._cond:
            if dog._cond._waiters:  # type: ignore[attr-defined]
                return
        time.sleep(0.01)
    raise AssertionError("the watchdog thread did not go to sleep")


def test_requests_released_before_the_thread_runs_do_not_wake_it_each_time() -> None:
    # Short requests in a row: each is released before the thread looks at the heap,
    # so the thread finds nothing to watch; it must still not need a notify per request.
    dog = _Watchdog()
    assert dog.release(dog.watch(time.monotonic() + 60, None)) is False
    asleep(dog)
    notified = notifies(dog)
    for i in range(5):
        assert dog.release(dog.watch(time.monotonic() + 61 + i, None)) is False
    assert notified == []
    sock = FakeSocket()
    token = dog.watch(time.monotonic() + 0.05, response(sock))  # sooner: wakes it
    assert notified == [1]
    assert sock.shut.wait(5)
    assert dog.release(token) is True
