"""Quota commands: quota-show, quota-defaults, quota-update, quota-delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._projects import (
    quota_options,
    quota_table,
    quota_values,
    session_project,
)

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


@arg(
    "--tenant",
    metavar="<tenant-id>",
    default=None,
    help="ID of tenant to list the quotas for (default: the session's project).",
)
@arg("--user", metavar="<user-id>", default=None, help="ID of user to list the quotas for.")
@arg(
    "--detail",
    action="store_true",
    default=False,
    help="Show detailed info (limit, reserved, in-use).",
)
def do_quota_show(cs: Client, args: Namespace) -> output.Output:
    """List the quotas for a tenant/user."""
    project = session_project(cs, args.tenant)
    return quota_table(cs.quotas.get(project, user_id=args.user, detail=args.detail))


@arg(
    "--tenant",
    metavar="<tenant-id>",
    default=None,
    help="ID of tenant to list the default quotas for (default: the session's project).",
)
def do_quota_defaults(cs: Client, args: Namespace) -> output.Output:
    """List the default quotas for a tenant."""
    return quota_table(cs.quotas.defaults(session_project(cs, args.tenant)))


@arg("tenant", metavar="<tenant-id>", help="ID of tenant to set the quotas for.")
@arg("--user", metavar="<user-id>", default=None, help="ID of user to set the quotas for.")
@quota_options(network_until="2.35")
@arg(
    "--force",
    action="store_true",
    default=None,
    help="Whether force update the quota even if the already used and reserved exceeds "
    "the new quota.",
)
def do_quota_update(cs: Client, args: Namespace) -> output.Output:
    """Update the quotas for a tenant/user (Admin only)."""
    return quota_table(
        cs.quotas.update(
            args.tenant, user_id=args.user, force=bool(args.force), **quota_values(args)
        )
    )


@arg("--tenant", metavar="<tenant-id>", required=True, help="ID of tenant to delete quota for.")
@arg("--user", metavar="<user-id>", default=None, help="ID of user to delete quota for.")
def do_quota_delete(cs: Client, args: Namespace) -> None:
    """Delete quota for a tenant/user so their quota will revert back to default."""
    cs.quotas.delete(args.tenant, user_id=args.user)
