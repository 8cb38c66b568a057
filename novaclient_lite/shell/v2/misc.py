"""Limits, quotas, availability zones, server groups and API versions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite.shell import output
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._util import key_values

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.server_groups import ServerGroup

#: python-novaclient's names for the absolute limits: key -> (row name, column).
_LIMITS = {
    "maxServerMeta": ("Server Meta", "max"), "maxPersonality": ("Personality", "max"),
    "maxPersonalitySize": ("Personality Size", "max"), "maxImageMeta": ("ImageMeta", "max"),
    "maxTotalKeypairs": ("Keypairs", "max"), "totalCoresUsed": ("Cores", "used"),
    "maxTotalCores": ("Cores", "max"), "totalRAMUsed": ("RAM", "used"),
    "maxTotalRAMSize": ("RAM", "max"), "totalInstancesUsed": ("Instances", "used"),
    "maxTotalInstances": ("Instances", "max"), "totalFloatingIpsUsed": ("FloatingIps", "used"),
    "maxTotalFloatingIps": ("FloatingIps", "max"),
    "totalSecurityGroupsUsed": ("SecurityGroups", "used"),
    "maxSecurityGroups": ("SecurityGroups", "max"),
    "maxSecurityGroupRules": ("SecurityGroupRules", "max"),
    "maxServerGroups": ("ServerGroups", "max"), "totalServerGroupsUsed": ("ServerGroups", "used"),
    "maxServerGroupMembers": ("ServerGroupMembers", "max"),
}
#: The quota rows in python-novaclient's order; others the server sends follow, sorted.
QUOTAS = ("instances", "cores", "ram", "floating_ips", "fixed_ips", "metadata_items",
          "injected_files", "injected_file_content_bytes", "injected_file_path_bytes",
          "key_pairs", "security_groups", "security_group_rules", "server_groups",
          "server_group_members")
#: The quotas quota-update can set (Nova removed the others in 2.36 and 2.57).
UPDATABLE = ("instances", "cores", "ram", "metadata_items", "key_pairs", "server_groups",
             "server_group_members")


@arg("--tenant", metavar="<tenant>", default=None,
     help="Display information from single tenant (Admin only).")
@arg("--reserved", action="store_true", default=False, end_version="2.74",
     help="Include reservations count.")
def do_limits(cs: Client, args: Namespace) -> output.Output:
    """Print absolute limits (Name, Used, Max)."""
    limits = cs.limits.get(reserved=args.reserved, project_id=args.tenant)
    rows: dict[str, dict[str, Any]] = {}
    for key, value in limits.absolute.items():
        name, column = _LIMITS.get(key, (key, "other"))
        rows.setdefault(name, {"name": name, "used": "-", "max": "-", "other": "-"})
        rows[name][column] = value
    columns = ["Name", "Used", "Max"]
    if any(r["other"] != "-" for r in rows.values()):
        columns.append("Other")
    return output.Table([rows[n] for n in sorted(rows)], columns)


def _project_id(cs: Client, tenant: str | None) -> str:
    from novaclient_lite import exceptions

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


def do_availability_zone_list(cs: Client, args: Namespace) -> output.Output:
    """List all the availability zones (with hosts and services for admins)."""
    from novaclient_lite import exceptions

    try:
        zones = cs.availability_zones.list(detailed=True)
    except exceptions.Forbidden:
        zones = cs.availability_zones.list(detailed=False)
    rows: list[dict[str, str]] = []
    for zone in zones:
        rows.append({"name": zone.name,
                     "status": "available" if zone.available else "not available"})
        for host, services in sorted((zone.get("hosts") or {}).items()):
            rows.append({"name": f"|- {host}", "status": ""})
            for service, state in services.items():
                status = "enabled" if state.get("active") else "disabled"
                smiley = ":-)" if state.get("available") else "XXX"
                rows.append({"name": f"| |- {service}",
                             "status": f"{status} {smiley} {state.get('updated_at')}"})
    return output.Table(rows, ["Name", "Status"])


def group_table(cs: Client, groups: list[ServerGroup]) -> output.Table:
    """python-novaclient's server group columns for the negotiated version."""
    from novaclient_lite.api_versions import APIVersion

    version = cs.api_version
    if version < APIVersion(2, 13):
        columns = ["Id", "Name", "Policies", "Members", "Metadata"]
    elif version < APIVersion(2, 64):
        columns = ["Id", "Name", "Project Id", "User Id", "Policies", "Members", "Metadata"]
    else:
        columns = ["Id", "Name", "Project Id", "User Id", "Policy", "Rules", "Members"]
    return output.Table(groups, columns, {"Policy": lambda g: g.policy})


@arg("--limit", metavar="<limit>", type=int, default=None,
     help="Maximum number of server groups to display.")
@arg("--offset", metavar="<offset>", type=int, default=None,
     help="The offset of groups list to display; use with limit to return a slice.")
@arg("--all-projects", action="store_true", default=False,
     help="Display server groups from all projects (Admin only).")
def do_server_group_list(cs: Client, args: Namespace) -> output.Output:
    """Print a list of all server groups."""
    groups = cs.server_groups.list(all_projects=args.all_projects, limit=args.limit,
                                   offset=args.offset)
    return group_table(cs, groups)


def _rules(items: list[str]) -> dict[str, Any]:
    rules: dict[str, Any] = {}
    for key, value in key_values(items).items():
        rules[key] = int(value) if value and value.isdigit() else value
    return rules


@arg("name", metavar="<name>", help="Server group name.")
@arg("policy", metavar="<policy>",
     help="Policy for the server group: affinity, anti-affinity, soft-affinity or "
          "soft-anti-affinity.")
@arg("--rule", metavar="<key=value>", dest="rules", action="append", default=[],
     start_version="2.64",
     help='A rule for the policy. Currently, only the "max_server_per_host" rule is '
          'supported for the "anti-affinity" policy.')
def do_server_group_create(cs: Client, args: Namespace) -> output.Output:
    """Create a new server group with the specified details."""
    group = cs.server_groups.create(args.name, args.policy, _rules(args.rules) or None)
    return group_table(cs, [group])


@arg("id", metavar="<id>", nargs="+", help="Unique ID(s) or name(s) of the server group(s).")
def do_server_group_delete(cs: Client, args: Namespace) -> output.Output:
    """Delete specific server group(s)."""

    def delete(name: str) -> str:
        cs.server_groups.delete(cs.server_groups.find(name))
        return f"Server group {name} has been successfully deleted."

    return for_each(args.env, args.id, delete, what="delete server group")


@arg("id", metavar="<id>", help="Unique ID (or name) of the server group to get.")
def do_server_group_get(cs: Client, args: Namespace) -> output.Output:
    """Get a specific server group."""
    return group_table(cs, [cs.server_groups.find(args.id)])


def do_version_list(cs: Client, args: Namespace) -> output.Output:
    """List all API versions."""
    from novaclient_lite.api_versions import MAX_VERSION, MIN_VERSION

    versions = cs.versions.list()
    columns = ["Id", "Status", "Updated", "Min Version", "Version"]
    return output.Group([
        output.Message("Client supported API versions:\n"
                       f"Minimum version {MIN_VERSION}\nMaximum version {MAX_VERSION}\n\n"
                       "Server supported API versions:"),
        output.Table(versions, columns),
    ])
