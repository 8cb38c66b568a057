"""multi.for_each and waiting.wait_for_server (fake clock: nothing really sleeps)."""

from __future__ import annotations

import io
import threading

import pytest

from novaclient_lite import exceptions
from novaclient_lite.shell.environment import Environment
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.waiting import wait_for_server
from tests.unit.shell.support import FakeClock
from tests.unit.support import COMPUTE_URL

SID = "9168b536-cd40-4630-b43f-b259807c6e87"


def make_env(clock: FakeClock | None = None, tty: bool = False) -> Environment:
    clock = clock or FakeClock()
    return Environment(
        io.StringIO(),
        io.StringIO(),
        io.StringIO(),
        stdout_isatty=tty,
        stderr_isatty=tty,
        sleep=clock.sleep,
        clock=clock,
    )


def test_for_each_tries_every_target_in_order():
    seen: list[str] = []
    lock = threading.Lock()

    def action(target: str) -> str | None:
        with lock:
            seen.append(target)
        if target == "b":
            raise exceptions.NotFound("No server b.", code=404)
        return None if target == "a" else f"done {target}"

    results = for_each(make_env(), ["a", "b", "c"], action, what="delete server")
    assert sorted(seen) == ["a", "b", "c"]
    assert results.lines == [
        "Request to delete server a has been accepted.",
        "ERROR (NotFound): No server b. (HTTP 404) for b",
        "done c",
    ]
    assert results.failures == 1 and results.targets == ["a", "b", "c"]


def test_for_each_runs_concurrently_with_a_bound():
    active, peak = 0, 0
    lock = threading.Lock()
    gate = threading.Barrier(3, timeout=5)

    def action(target: str) -> None:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        gate.wait()
        with lock:
            active -= 1

    for_each(make_env(), ["a", "b", "c"], action, what="x", max_workers=3)
    assert peak == 3


def test_for_each_never_runs_more_than_max_workers_at_once():
    """Seven targets, two workers: each action holds its slot until a third one starts
    (which the bound forbids) or 0.1 s passes, so an unbounded pool is caught at once."""
    active, peak = 0, 0
    seen: list[str] = []
    changed = threading.Condition()

    def action(target: str) -> None:
        nonlocal active, peak
        with changed:
            active += 1
            peak = max(peak, active)
            seen.append(target)
            changed.notify_all()
            changed.wait_for(lambda: active > 2, timeout=0.1)
            active -= 1

    results = for_each(make_env(), list("abcdefg"), action, what="x", max_workers=2)
    assert peak == 2
    assert sorted(seen) == list("abcdefg") and results.failures == 0


def test_for_each_lets_bugs_propagate():
    def action(target: str) -> None:
        raise KeyError(target)

    with pytest.raises(KeyError):
        for_each(make_env(), ["a"], action, what="x")


def server(status: str, task: str | None = None, progress: int = 0, **extra):
    return {
        "server": {
            "id": SID,
            "status": status,
            "OS-EXT-STS:task_state": task,
            "progress": progress,
            **extra,
        }
    }


def test_wait_until_active_with_progress_on_tty(mock, cs):
    mock.get(
        f"{COMPUTE_URL}/servers/{SID}",
        [
            {"json": server("BUILD", "spawning", 40)},
            {"json": server("BUILD", "spawning", 80)},
            {"json": server("ACTIVE")},
        ],
    )
    clock = FakeClock()
    env = make_env(clock, tty=True)
    result = wait_for_server(cs, SID, env, timeout=60, poll_interval=2)
    assert result.status == "ACTIVE"
    assert clock.sleeps == [0.5, 1.0]  # quick first polls, doubling
    err = env.stderr.getvalue()
    assert f"Server {SID}: BUILD (spawning) 40%" in err and "80%" in err
    assert err.endswith(f"Server {SID}: ACTIVE\n")
    assert env.stdout.getvalue() == ""


def test_no_progress_without_tty(mock, cs):
    mock.get(
        f"{COMPUTE_URL}/servers/{SID}", [{"json": server("BUILD")}, {"json": server("ACTIVE")}]
    )
    env = make_env()
    wait_for_server(cs, SID, env, timeout=60)
    assert env.stderr.getvalue() == ""


def test_wait_for_task_state_to_clear(mock, cs):
    mock.get(
        f"{COMPUTE_URL}/servers/{SID}",
        [{"json": server("ACTIVE", "rebooting")}, {"json": server("ACTIVE")}],
    )
    clock = FakeClock()
    wait_for_server(cs, SID, make_env(clock), timeout=60, task_state_clear=True)
    assert len(clock.sleeps) == 1


def test_wait_timeout(mock, cs):
    mock.get(f"{COMPUTE_URL}/servers/{SID}", json=server("BUILD", "spawning"))
    clock = FakeClock()
    with pytest.raises(
        exceptions.WaitTimeout,
        match=r"Timed out after 5s .* \(status BUILD, "
        r"task spawning\)",
    ):
        wait_for_server(cs, SID, make_env(clock), timeout=5, poll_interval=2)
    assert clock.sleeps == [0.5, 1.0, 2.0, 1.5]  # doubling to the interval, cut at the deadline


def test_wait_error_state(mock, cs):
    mock.get(
        f"{COMPUTE_URL}/servers/{SID}",
        json=server("ERROR", fault={"message": "No valid host was found."}),
    )
    with pytest.raises(
        exceptions.ResourceInErrorState, match="is in ERROR state: No valid host was found."
    ):
        wait_for_server(cs, SID, make_env(), timeout=60)


def test_wait_server_disappears(mock, cs):
    mock.get(
        f"{COMPUTE_URL}/servers/{SID}",
        status_code=404,
        json={"itemNotFound": {"code": 404, "message": "gone"}},
    )
    with pytest.raises(exceptions.NotFound, match="disappeared while waiting"):
        wait_for_server(cs, SID, make_env(), timeout=60)


def test_wait_for_delete(mock, cs):
    mock.get(
        f"{COMPUTE_URL}/servers/{SID}",
        [
            {"json": server("ACTIVE", "deleting")},
            {"status_code": 404, "json": {"itemNotFound": {"code": 404, "message": "gone"}}},
        ],
    )
    assert wait_for_server(cs, SID, make_env(), timeout=60, gone_ok=True, ready={"DELETED"}) is None
