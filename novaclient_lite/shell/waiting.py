"""Waiting for a server to reach a state (``--wait``/``--poll``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from novaclient_lite.shell.registry import arg

if TYPE_CHECKING:
    from novaclient_lite.shell.environment import Environment
    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.servers import Server

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_TIMEOUT = 600.0


def wait_args(func: F) -> F:
    """Add ``--wait`` (alias ``--poll``) and ``--wait-timeout`` to a command."""
    func = arg(
        "--wait-timeout", metavar="<seconds>", type=float, default=DEFAULT_TIMEOUT,
        help=f"Give up waiting after this many seconds (default {DEFAULT_TIMEOUT:g}).",
    )(func)
    return arg(
        "--wait", "--poll", dest="wait", action="store_true", default=False,
        help="Wait until the operation has finished (progress is shown on a terminal).",
    )(func)


#: The first pause between two polls; it doubles up to the poll interval.
FIRST_POLL = 0.5


@overload
def wait_for_server(
    cs: Client, server_id: str, env: Environment, *, ready: set[str] | None = ...,
    task_state_clear: bool = ..., timeout: float, poll_interval: float = ...,
    gone_ok: Literal[False] = ...,
) -> Server: ...


@overload
def wait_for_server(
    cs: Client, server_id: str, env: Environment, *, ready: set[str] | None = ...,
    task_state_clear: bool = ..., timeout: float, poll_interval: float = ...,
    gone_ok: bool,
) -> Server | None: ...


def wait_for_server(
    cs: Client,
    server_id: str,
    env: Environment,
    *,
    ready: set[str] | None = None,
    task_state_clear: bool = False,
    timeout: float,
    poll_interval: float = 2.0,
    gone_ok: bool = False,
) -> Server | None:
    """Poll ``GET /servers/{id}`` until its status is in ``ready`` (default ACTIVE).

    Polls quickly at first (0.5 s, then doubling up to ``poll_interval``):
    most state changes take well under a second.

    Args:
        task_state_clear: also wait for ``OS-EXT-STS:task_state`` to be empty.
        gone_ok: a 404 means success (waiting for a delete); returns None.

    Raises:
        ResourceInErrorState: the server went to ERROR (with its fault message).
        WaitTimeout: ``timeout`` seconds passed.
        NotFound: the server disappeared (unless ``gone_ok``).
    """
    from novaclient_lite import exceptions

    wanted = ready or {"ACTIVE"}
    deadline = env.clock() + timeout
    progress = _Progress(env, server_id)
    status = "?"
    delay = min(FIRST_POLL, poll_interval)
    try:
        while True:
            try:
                server = cs.servers.get(server_id)
            except exceptions.NotFound:
                if gone_ok:
                    progress.done("deleted")
                    return None
                raise exceptions.NotFound(
                    f"Server {server_id} disappeared while waiting for it "
                    f"to become {'/'.join(sorted(wanted))}.", code=404
                ) from None
            status = str(server.get("status") or "?")
            task = server.get("OS-EXT-STS:task_state")
            if status == "ERROR" and "ERROR" not in wanted:
                fault = server.get("fault") or {}
                reason = f": {fault['message']}" if isinstance(fault, dict) and fault.get(
                    "message") else ""
                raise exceptions.ResourceInErrorState(
                    f"Server {server_id} is in ERROR state{reason}"
                )
            if status in wanted and not (task_state_clear and task):
                progress.done(status)
                return server
            progress.show(status, task, server.get("progress"))
            remaining = deadline - env.clock()
            if remaining <= 0:
                raise exceptions.WaitTimeout(
                    f"Timed out after {timeout:g}s waiting for server {server_id} to become "
                    f"{'/'.join(sorted(wanted))} (status {status}"
                    f"{', task ' + str(task) if task else ''})."
                )
            env.sleep(min(delay, remaining))
            delay = min(delay * 2, poll_interval)
    finally:
        progress.close()


class _Progress:
    """A single, rewritten progress line on stderr, shown only on a terminal."""

    def __init__(self, env: Environment, server_id: str) -> None:
        self.env = env
        self.server_id = server_id
        self.shown = False

    def show(self, status: str, task: Any, percent: Any) -> None:
        if not self.env.stderr_isatty:
            return
        text = f"Server {self.server_id}: {status}"
        if task:
            text += f" ({task})"
        if isinstance(percent, int) and percent:
            text += f" {percent}%"
        self.env.stderr.write("\r\x1b[K" + text)
        self.env.stderr.flush()
        self.shown = True

    def done(self, status: str) -> None:
        if self.shown:
            self.env.stderr.write(f"\r\x1b[KServer {self.server_id}: {status}\n")
            self.shown = False

    def close(self) -> None:
        if self.shown:
            self.env.stderr.write("\n")
            self.shown = False
