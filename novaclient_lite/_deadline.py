"""A whole-response deadline: one daemon thread cuts off bodies that arrive too slowly.

A socket read timeout bounds each read, not the response: a server that sends
one byte every few seconds can hold a request forever.  ``WATCHDOG.watch``
registers a response with its deadline; if it is still being read then, the
watchdog shuts its socket down, which ends the blocked read, and the reader
turns that into a ``Timeout``.  The thread starts on first use and sleeps until
the earliest deadline: a request costs a lock, and wakes the thread only when
its deadline comes before the one the thread sleeps towards (requests with the
same timeout never do), not a thread switch per request.  With nothing left to
watch the thread still sleeps towards the latest deadline it was given, so a
run of short requests, each released before the thread gets to run, does not
wake it once per request either.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from typing import Any


class _Watchdog:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int]] = []
        self._live: dict[int, Any] = {}
        self._expired: set[int] = set()
        self._ids = itertools.count()
        self._thread: threading.Thread | None = None
        #: When the thread wakes next (time.monotonic()); None: not until notified.
        self._wake_at: float | None = None
        #: The latest deadline watched so far (time.monotonic()).
        self._latest = float("-inf")

    def watch(self, deadline: float, response: Any) -> int:
        """Cut ``response`` off at ``deadline`` (time.monotonic()) unless released first."""
        with self._cond:
            token = next(self._ids)
            self._live[token] = response
            heapq.heappush(self._heap, (deadline, token))
            self._latest = max(self._latest, deadline)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="novaclient-lite-deadline", daemon=True
                )
                self._thread.start()
            elif self._wake_at is None or deadline < self._wake_at:
                self._cond.notify()
        return token

    def release(self, token: int) -> bool:
        """Stop watching; True when the deadline had already cut the response off."""
        with self._cond:
            self._live.pop(token, None)
            # Deadlines share one budget, so released entries usually sit on top: drop
            # them now rather than when the thread next wakes (the heap stays small).
            while self._heap and self._heap[0][1] not in self._live:
                heapq.heappop(self._heap)
            if token in self._expired:
                self._expired.discard(token)
                return True
            return False

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._heap and self._heap[0][1] not in self._live:
                    heapq.heappop(self._heap)  # released before its deadline
                now = time.monotonic()
                if self._heap:
                    self._wake_at = self._heap[0][0]
                else:  # NOTE: idle, but the next request's deadline is likely later still
                    self._wake_at = self._latest if self._latest > now else None
                wait = None if self._wake_at is None else self._wake_at - now
                if wait is None or wait > 0:
                    # NOTE: capped: a huge --timeout would overflow the lock's time_t.
                    self._cond.wait(None if wait is None else min(wait, threading.TIMEOUT_MAX))
                    continue
                _, token = heapq.heappop(self._heap)
                response = self._live.pop(token)
                self._expired.add(token)
            _cut(response)


def _cut(response: Any) -> None:
    """Shut the response's socket down so that a blocked read returns at once."""
    raw = getattr(response, "raw", None)
    connection = getattr(raw, "connection", None) or getattr(raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


WATCHDOG = _Watchdog()
