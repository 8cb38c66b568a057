"""Quota class commands: quota-class-show, quota-class-update."""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._projects import quota_options, quota_table, quota_values

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


@arg("class_name", metavar="<class>", help="Name of quota class to list the quotas for.")
def do_quota_class_show(cs: Client, args: Namespace) -> output.Output:
    """List the quotas for a quota class."""
    return quota_table(cs.quota_classes.get(args.class_name))


@arg("class_name", metavar="<class>", help="Name of quota class to set the quotas for.")
@quota_options(network_until="2.49")
def do_quota_class_update(cs: Client, args: Namespace) -> output.Output:
    """Update the quotas for a quota class (Admin only)."""
    return quota_table(cs.quota_classes.update(args.class_name, **quota_values(args)))
