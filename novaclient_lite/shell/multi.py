"""Run one action on several targets (``nova delete vm1 vm2 vm3``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from novaclient_lite.shell import output

if TYPE_CHECKING:
    from novaclient_lite.shell.environment import Environment

#: As many as a requests.Session keeps connections to one host (``DEFAULT_POOLSIZE``):
#: more threads would open connections that the pool then closes (and logs), fewer
#: leave connections idle; ``nova delete`` of 100 servers runs 10 rounds, not 13.
MAX_WORKERS = 10


def error_line(exc: BaseException) -> str:
    """``ERROR (NotFound): <message>`` for an exception."""
    return f"ERROR ({type(exc).__name__}): {exc}"


def for_each(
    env: Environment,
    targets: list[str],
    action: Callable[[str], str | None],
    *,
    what: str,
    max_workers: int = MAX_WORKERS,
) -> output.Results:
    """Call ``action(target)`` for every target, at most ``max_workers`` at once.

    Every target is tried.  ``action`` returns the success line, or None for
    ``"Request to <what> <target> has been accepted."``.  A failure gives
    ``"ERROR (<Class>): <message> for <target>"``; only library errors
    (``ClientException``) and ``ValueError`` are caught, bugs propagate.
    A target whose change a dry run held back (``RequestNotSent``) succeeded;
    with ``env.dry_run`` the targets run one by one, so their requests are
    printed in input order.

    Returns:
        ``Results`` with one line per target in input order.
    """
    from novaclient_lite.exceptions import ClientException, RequestNotSent

    def run(target: str) -> tuple[str, bool]:
        try:
            line = action(target)
        except RequestNotSent:
            return f"Request to {what} {target} was not sent (dry run).", True
        except (ClientException, ValueError) as exc:
            return f"{error_line(exc)} for {target}", False
        return line or f"Request to {what} {target} has been accepted.", True

    workers = 1 if env.dry_run else max(1, min(max_workers, len(targets)))
    if workers == 1:
        outcomes = [run(t) for t in targets]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(run, targets))
    return output.Results(
        lines=[line for line, _ in outcomes],
        failures=sum(1 for _, ok in outcomes if not ok),
        targets=list(targets),
    )
