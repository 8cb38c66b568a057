"""cs.servers.wait: polling until a state, an error state, deletion or the deadline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.v2.helpers import (
    S,
)

MakeClient = Callable[..., Client]


# -- wait ---------------------------------------------------------------------------------


class FakeTime:
    """An injected clock and sleep (``wait(sleep=, clock=)``): nothing really sleeps and
    nothing is patched process-wide."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert len(self.slept) < 100, "the wait ignored its deadline"
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


def _state(status: str, task: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "json": {"server": {"id": "s1", "status": status, "OS-EXT-STS:task_state": task, **extra}}
    }


def test_wait_polls_until_active_with_task_state_cleared(
    mock: requests_mock.Mocker, cs: Client, fake: FakeTime
) -> None:
    matcher = mock.get(
        S + "/s1",
        [_state("BUILD", "spawning"), _state("ACTIVE", "image_uploading"), _state("ACTIVE")],
    )
    seen: list[str] = []
    server = cs.servers.wait(
        "s1", on_poll=lambda s: seen.append(s.status), sleep=fake.sleep, clock=fake.clock
    )
    assert server is not None and server.status == "ACTIVE"
    assert matcher.call_count == 3
    assert fake.slept == [0.5, 1.0]
    assert seen == ["BUILD", "ACTIVE"]


def test_wait_error_state_raises_with_the_fault(
    mock: requests_mock.Mocker, cs: Client, fake: FakeTime
) -> None:
    mock.get(S + "/s1", [_state("BUILD"), _state("ERROR", fault={"message": "No valid\nhost"})])
    with pytest.raises(
        exceptions.ResourceInErrorState, match=r"^Server s1 is in ERROR state: No valid host$"
    ):
        cs.servers.wait("s1", sleep=fake.sleep, clock=fake.clock)
    assert fake.slept == [0.5]


def test_wait_for_deletion_returns_none_when_gone(
    mock: requests_mock.Mocker, cs: Client, fake: FakeTime
) -> None:
    matcher = mock.get(
        S + "/s1",
        [
            _state("ACTIVE"),
            _state("ACTIVE", "deleting"),
            {"status_code": 404, "json": {"itemNotFound": {"message": "gone"}}},
        ],
    )
    assert cs.servers.wait("s1", deleted=True, sleep=fake.sleep, clock=fake.clock) is None
    assert fake.slept == [0.5, 1.0]
    assert matcher.call_count == 3  # ACTIVE is not "deleted"


def test_wait_times_out_at_the_deadline(
    mock: requests_mock.Mocker, cs: Client, fake: FakeTime
) -> None:
    mock.get(S + "/s1", json={"server": {"id": "s1", "status": "BUILD"}})
    with pytest.raises(
        exceptions.WaitTimeout, match=r"Timed out after 3s waiting for server s1 to become ACTIVE"
    ):
        cs.servers.wait("s1", timeout=3, sleep=fake.sleep, clock=fake.clock)
    # 0.5, 1, then capped by the 2 s poll interval and by what is left of the deadline.
    assert fake.slept == [0.5, 1.0, 1.5]
    assert fake.now == 3.0


def test_unset_is_the_generic_sentinel_of_base() -> None:
    from novaclient_lite import base
    from novaclient_lite.v2 import servers

    assert servers.UNSET is base.UNSET and repr(base.UNSET) == "UNSET"
    assert isinstance(base.UNSET, base.Unset)
