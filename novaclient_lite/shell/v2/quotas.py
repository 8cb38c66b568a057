"""Quota commands: quota-show, quota-defaults, quota-update."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client

#: The quota rows in python-novaclient's order; others the server sends follow, sorted.
QUOTAS = ("instances", "cores", "ram", "floating_ips", "fixed_ips", "metadata_items",
          "injected_files", "injected_file_content_bytes", "injected_file_path_bytes",
          "key_pairs", "security_groups", "security_group_rules", "server_groups",
          "server_group_members")
#: The quotas quota-update can set (Nova removed the others in 2.36 and 2.57).
UPDATABLE = ("instances", "cores", "ram", "metadata_items", "key_pairs", "server_groups",
             "server_group_members")




def _project_id(cs: Client, tenant: str | None) -> str:
    project = tenant or cs.session.get_project_id()
    if not project:
        raise exceptions.CommandError("No project in this session's token: use --tenant.")
    return str(project)


def quota_table(quotas: Any) -> output.Table:
    """Quota/Limit rows (and In Use/Reserved when the values are detailed)."""
    info = quotas.to_dict()
    names = [q for q in QUOTAS if q in info] + sorted(set(info) - set(QUOTAS) - {"id"})
    if any(isinstance(info[n], dict) for n in names):
        rows = [{"quota": n, **(info[n] if isinstance(info[n], dict) else {"limit": info[n]})}
                for n in names]
        return output.Table(rows, ["Quota", "Limit", "In Use", "Reserved"])
    return output.Table([{"quota": n, "limit": info[n]} for n in names], ["Quota", "Limit"])


@arg("--tenant", metavar="<tenant-id>", default=None,
     help="ID of tenant to list the quotas for (default: the session's project).")
@arg("--user", metavar="<user-id>", default=None, help="ID of user to list the quotas for.")
@arg("--detail", action="store_true", default=False,
     help="Show detailed info (limit, reserved, in-use).")
def do_quota_show(cs: Client, args: Namespace) -> output.Output:
    """List the quotas for a tenant/user."""
    project = _project_id(cs, args.tenant)
    return quota_table(cs.quotas.get(project, user_id=args.user, detail=args.detail))


@arg("--tenant", metavar="<tenant-id>", default=None,
     help="ID of tenant to list the default quotas for (default: the session's project).")
def do_quota_defaults(cs: Client, args: Namespace) -> output.Output:
    """List the default quotas for a tenant."""
    return quota_table(cs.quotas.defaults(_project_id(cs, args.tenant)))


def _quota_update_args(func: Any) -> Any:
    for name in reversed(UPDATABLE):
        flag = "--" + name.replace("_", "-")
        func = arg(flag, metavar=f"<{name.replace('_', '-')}>", type=int, default=None,
                   help=f"New value for the '{name}' quota (-1: unlimited).")(func)
    return func


@arg("tenant", metavar="<tenant-id>", help="ID of tenant to set the quotas for.")
@arg("--user", metavar="<user-id>", default=None, help="ID of user to set the quotas for.")
@_quota_update_args
@arg("--force", action="store_true", default=None,
     help="Set the quota even if it is below the current usage.")
def do_quota_update(cs: Client, args: Namespace) -> output.Output:
    """Update the quotas for a tenant/user (Admin only)."""
    values = {q: getattr(args, q) for q in UPDATABLE if getattr(args, q) is not None}
    return quota_table(cs.quotas.update(args.tenant, user_id=args.user, force=args.force,
                                        **values))
