"""Waiting for a server (or a new image) to reach a state (``--wait``/``--poll``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from novaclient_lite.shell.registry import arg

if TYPE_CHECKING:
    from novaclient_lite.shell.environment import Environment
    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.images import Image
    from novaclient_lite.v2.servers import Server

F = TypeVar("F", bound=Callable[..., Any])

#: Seconds ``--wait`` waits by default (``--wait-timeout``).
DEFAULT_WAIT_TIMEOUT = 600.0


def wait_args(func: F) -> F:
    """Add ``--wait`` (alias ``--poll``) and ``--wait-timeout`` to a command."""
    func = arg(
        "--wait-timeout",
        metavar="<seconds>",
        type=float,
        default=DEFAULT_WAIT_TIMEOUT,
        help=f"Give up waiting after this many seconds (default {DEFAULT_WAIT_TIMEOUT:g}).",
    )(func)
    return arg(
        "--wait",
        "--poll",
        dest="wait",
        action="store_true",
        default=False,
        help="Wait until the operation has finished (progress is shown on a terminal).",
    )(func)


@overload
def wait_for_server(
    cs: Client,
    server_id: str,
    env: Environment,
    *,
    ready: set[str] | None = ...,
    task_state_clear: bool = ...,
    timeout: float,
    poll_interval: float = ...,
    gone_ok: Literal[False] = ...,
) -> Server: ...


@overload
def wait_for_server(
    cs: Client,
    server_id: str,
    env: Environment,
    *,
    ready: set[str] | None = ...,
    task_state_clear: bool = ...,
    timeout: float,
    poll_interval: float = ...,
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
    """``cs.servers.wait`` with a progress line on a terminal (``--wait``).

    Args:
        ready: statuses that end the wait (default ACTIVE).
        task_state_clear: also wait for ``OS-EXT-STS:task_state`` to be empty.
        gone_ok: wait until the server is deleted; returns None.

    Raises:
        ResourceInErrorState: the server went to ERROR (with its fault message).
        WaitTimeout: ``timeout`` seconds passed.
        NotFound: the server disappeared (unless ``gone_ok``).
    """
    progress = _Progress(env, server_id)
    try:
        server = cs.servers.wait(
            server_id,
            ready or {"ACTIVE"},
            task_state_clear=task_state_clear,
            timeout=timeout,
            poll_interval=poll_interval,
            deleted=gone_ok,
            on_poll=progress.poll,
            sleep=env.sleep,
            clock=env.clock,
        )
        progress.done("deleted" if server is None else str(server.get("status")))
        return server
    finally:
        progress.close()


def wait_for_image(
    cs: Client, image_id: str, env: Environment, *, timeout: float, poll_interval: float = 2.0
) -> Image:
    """``cs.glance.wait`` (until ``active``) with a progress line on a terminal.

    Raises:
        ResourceInErrorState: the image went to killed or deleted.
        WaitTimeout: ``timeout`` seconds passed.
        NotFound: the image disappeared.
        EndpointNotFound: no image service in the catalog.
    """
    progress = _Progress(env, image_id, kind="Image")
    try:
        image = cs.glance.wait(
            image_id,
            timeout=timeout,
            poll_interval=poll_interval,
            on_poll=progress.poll,
            sleep=env.sleep,
            clock=env.clock,
        )
        progress.done(str(image.get("status")))
        return image
    finally:
        progress.close()


class _Progress:
    """A single, rewritten progress line on stderr, shown only on a terminal."""

    def __init__(self, env: Environment, server_id: str, kind: str = "Server") -> None:
        self.env = env
        self.server_id = server_id
        self.label = f"{kind} {server_id}"
        self.shown = False

    def poll(self, server: Server | Image) -> None:
        self.show(
            str(server.get("status") or "?"),
            server.get("OS-EXT-STS:task_state"),
            server.get("progress"),
        )

    def show(self, status: str, task: Any, percent: Any) -> None:
        if not self.env.stderr_isatty:
            return
        text = f"{self.label}: {status}"
        if task:
            text += f" ({task})"
        if isinstance(percent, int) and percent:
            text += f" {percent}%"
        self.env.stderr.write("\r\x1b[K" + text)
        self.env.stderr.flush()
        self.shown = True

    def done(self, status: str) -> None:
        if self.shown:
            self.env.stderr.write(f"\r\x1b[K{self.label}: {status}\n")
            self.shown = False

    def close(self) -> None:
        if self.shown:
            self.env.stderr.write("\n")
            self.shown = False
