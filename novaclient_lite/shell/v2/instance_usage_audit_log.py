"""The instance usage audit log command: instance-usage-audit-log."""

from __future__ import annotations

import pprint
from typing import TYPE_CHECKING

from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


@arg(
    "--before",
    metavar="<before>",
    default=None,
    help="Filters the response by the date and time before which to list usage audits. "
    "The date and time stamp format is as follows: CCYY-MM-DD hh:mm:ss.NNNNNN ex "
    "2015-08-27 09:49:58 or 2015-08-27 09:49:58.123456.",
)
def do_instance_usage_audit_log(cs: Client, args: Namespace) -> output.Output:
    """List/Get server usage audits."""
    audit_log = cs.instance_usage_audit_log.get(before=args.before).to_dict()
    if "hosts_not_run" in audit_log and args.format == "table":
        audit_log["hosts_not_run"] = pprint.pformat(audit_log["hosts_not_run"])
    return output.Record(audit_log)
