"""Polling a server until it reaches a state: ``cs.servers.wait(...)``.

Every wait has a deadline; ERROR and disappearance end it early with a typed
error.  The shell's ``--wait`` is this loop plus a progress line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server

#: The first pause between two polls; it doubles up to the poll interval
#: (most state changes take well under a second).
FIRST_POLL = 0.5


def wait_for(
    get: Callable[[str], Server],
    server_id: str,
    *,
    status: Iterable[str],
    task_state_clear: bool,
    timeout: float,
    poll_interval: float,
    deleted: bool,
    on_poll: Callable[[Server], None] | None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
) -> Server | None:
    """The loop behind :meth:`ServerManager.wait`; see there."""
    sleep = sleep or time.sleep
    clock = clock or time.monotonic
    wanted = {status} if isinstance(status, str) else set(status)
    deadline = clock() + timeout
    delay = min(FIRST_POLL, poll_interval)
    while True:
        try:
            server = get(server_id)
        except exceptions.NotFound:
            if deleted:
                return None
            raise exceptions.NotFound(
                f"Server {server_id} disappeared while waiting for it to become "
                f"{'/'.join(sorted(wanted))}.", code=404,
            ) from None
        current = str(server.get("status") or "?")
        task = server.get("OS-EXT-STS:task_state")
        if current == "ERROR" and "ERROR" not in wanted:
            raise exceptions.ResourceInErrorState(
                f"Server {server_id} is in ERROR state{_fault(server)}"
            )
        if not deleted and current in wanted and not (task_state_clear and task):
            return server
        if on_poll is not None:
            on_poll(server)
        remaining = deadline - clock()
        if remaining <= 0:
            goal = "be deleted" if deleted else f"become {'/'.join(sorted(wanted))}"
            raise exceptions.WaitTimeout(
                f"Timed out after {timeout:g}s waiting for server {server_id} to {goal} "
                f"(status {current}{', task ' + str(task) if task else ''})."
            )
        sleep(min(delay, remaining))
        delay = min(delay * 2, poll_interval)


def _fault(server: Any) -> str:
    fault = server.get("fault") or {}
    message = fault.get("message") if isinstance(fault, dict) else None
    return f": {' '.join(str(message).split())}" if message else ""
