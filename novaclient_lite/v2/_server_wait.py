"""Polling until a resource reaches a state: ``cs.servers.wait``, ``cs.glance.wait``.

One loop (:func:`poll`) for every kind.  Every wait has a deadline; ERROR (a
killed image) and disappearance end it early with a typed error.  The shell's
``--wait`` is this loop plus a progress line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from novaclient_lite import exceptions

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server

T = TypeVar("T")

#: The first pause between two polls; it doubles up to the poll interval
#: (most state changes take well under a second).
FIRST_POLL = 0.5


def poll(
    fetch: Callable[[], T],
    *,
    done: Callable[[T], bool],
    describe: Callable[[T], str],
    what: str,
    goal: str,
    timeout: float,
    poll_interval: float,
    on_poll: Callable[[T], None] | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
) -> T:
    """The one polling loop (servers, images): ``fetch()`` until ``done(item)``.

    ``done`` raises to end the wait early (an ERROR or killed state); the pause
    starts at :data:`FIRST_POLL` and doubles up to ``poll_interval``.

    Raises:
        WaitTimeout: "Timed out after <timeout>s waiting for <what> to <goal> (<describe>)."
        whatever ``fetch`` and ``done`` raise.
    """
    sleep = sleep or time.sleep
    clock = clock or time.monotonic
    deadline = clock() + timeout
    delay = min(FIRST_POLL, poll_interval)
    while True:
        item = fetch()
        if done(item):
            return item
        if on_poll is not None:
            on_poll(item)
        remaining = deadline - clock()
        if remaining <= 0:
            raise exceptions.WaitTimeout(
                f"Timed out after {timeout:g}s waiting for {what} to {goal} ({describe(item)})."
            )
        sleep(min(delay, remaining))
        delay = min(delay * 2, poll_interval)


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
    wanted = {status} if isinstance(status, str) else set(status)

    def fetch() -> Server | None:
        try:
            return get(server_id)
        except exceptions.NotFound:
            if deleted:
                return None
            raise exceptions.NotFound(
                f"Server {server_id} disappeared while waiting for it to become "
                f"{'/'.join(sorted(wanted))}.",
                code=404,
            ) from None

    def done(server: Server | None) -> bool:
        if server is None:
            return True
        if server.get("status") == "ERROR" and "ERROR" not in wanted:
            raise exceptions.ResourceInErrorState(
                f"Server {server_id} is in ERROR state{_fault(server)}"
            )
        task = server.get("OS-EXT-STS:task_state")
        return not deleted and server.get("status") in wanted and not (task_state_clear and task)

    def describe(server: Server | None) -> str:
        task = server.get("OS-EXT-STS:task_state") if server is not None else None
        current = str(server.get("status") or "?") if server is not None else "?"
        return f"status {current}{', task ' + str(task) if task else ''}"

    def progress(server: Server | None) -> None:
        if on_poll is not None and server is not None:
            on_poll(server)

    return poll(
        fetch,
        done=done,
        describe=describe,
        what=f"server {server_id}",
        goal="be deleted" if deleted else f"become {'/'.join(sorted(wanted))}",
        timeout=timeout,
        poll_interval=poll_interval,
        on_poll=progress,
        sleep=sleep,
        clock=clock,
    )


def _fault(server: Any) -> str:
    fault = server.get("fault") or {}
    message = fault.get("message") if isinstance(fault, dict) else None
    return f": {' '.join(str(message).split())}" if message else ""
