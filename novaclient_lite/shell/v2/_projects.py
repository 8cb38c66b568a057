"""Helpers of the per-project admin commands (quota-*, quota-class-*, usage).

The session's project (the default of ``--tenant``), the quota table and the
quota options with their microversion ranges.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from novaclient_lite import exceptions
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client

F = TypeVar("F", bound=Callable[..., Any])

#: The quota rows in python-novaclient's order; others the server sends follow, sorted.
QUOTAS = (
    "instances",
    "cores",
    "ram",
    "floating_ips",
    "fixed_ips",
    "metadata_items",
    "injected_files",
    "injected_file_content_bytes",
    "injected_file_path_bytes",
    "key_pairs",
    "security_groups",
    "security_group_rules",
    "server_groups",
    "server_group_members",
)
_NETWORK = frozenset({"floating_ips", "fixed_ips", "security_groups", "security_group_rules"})
_INJECTED = frozenset({"injected_files", "injected_file_content_bytes", "injected_file_path_bytes"})


def session_project(cs: Client, tenant: str | None) -> str:
    """``tenant``, or the project of the session's token.

    Raises:
        CommandError: neither is known (e.g. an unscoped token).
    """
    project = tenant or cs.session.get_project_id()
    if not project:
        raise exceptions.CommandError("No project in this session's token: use --tenant.")
    return str(project)


def quota_table(quotas: Any) -> output.Table:
    """Quota/Limit rows (and In Use/Reserved when the values are detailed)."""
    info = quotas.to_dict()
    names = [q for q in QUOTAS if q in info] + sorted(set(info) - set(QUOTAS) - {"id"})
    if any(isinstance(info[n], dict) for n in names):
        rows = [
            {"quota": n, **(info[n] if isinstance(info[n], dict) else {"limit": info[n]})}
            for n in names
        ]
        return output.Table(rows, ["Quota", "Limit", "In Use", "Reserved"])
    return output.Table([{"quota": n, "limit": info[n]} for n in names], ["Quota", "Limit"])


def quota_options(network_until: str) -> Callable[[F], F]:
    """``--instances`` ... ``--server-group-members``, each within its microversion range.

    ``network_until`` is the last version with the network quotas (2.35 for
    quota sets, 2.49 for quota classes); the injected-file quotas end at 2.56.
    """

    def decorate(func: F) -> F:
        for name in reversed(QUOTAS):
            flag = name.replace("_", "-")
            until = network_until if name in _NETWORK else "2.56" if name in _INJECTED else None
            func = arg(
                f"--{flag}",
                metavar=f"<{flag}>",
                type=int,
                default=None,
                end_version=until,
                help=f'New value for the "{flag}" quota (-1: unlimited).',
            )(func)
        return func

    return decorate


def quota_values(args: Namespace) -> dict[str, Any]:
    """The quotas the user set on the command line."""
    return {q: getattr(args, q) for q in QUOTAS if getattr(args, q, None) is not None}
