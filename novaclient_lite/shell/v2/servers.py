"""Server commands: boot, list, show, update, delete.

The actions on existing servers (reboot, stop, resize, image-create, ...) are
in :mod:`novaclient_lite.shell.v2.server_actions`; the helpers both modules
share (name lookup, ``key=value`` parsing, the server record) live here.

This client has no Image API (Glance) or Network API (Neutron) dependency:
images and networks are given by ID, flavors by name or ID.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions
from novaclient_lite.shell import output, waiting
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.registry import arg

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.api_versions import APIVersion
    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.servers import Server

SERVER_HELP = "Name or ID of server."
SERVERS_HELP = "Name or ID of server(s)."
POWER_STATES = ("NOSTATE", "Running", "", "Paused", "Shutdown", "", "Crashed", "Suspended")
LIST_COLUMNS = ["ID", "Name", "Status", "Task State", "Power State", "Networks"]
#: python-novaclient's --block-device keys -> block_device_mapping_v2 keys.
BDM_KEYS = {"id": "uuid", "source": "source_type", "dest": "destination_type",
            "bus": "disk_bus", "device": "device_name", "size": "volume_size",
            "format": "guest_format", "bootindex": "boot_index", "type": "device_type",
            "shutdown": "delete_on_termination", "tag": "tag", "volume_type": "volume_type"}
NIC_KEYS = {"net-id": "uuid", "port-id": "port", "v4-fixed-ip": "fixed_ip",
            "v6-fixed-ip": "fixed_ip", "tag": "tag"}
NIC_FORM = ("--nic takes auto, none, or net-id=<uuid>|port-id=<uuid>"
            "[,v4-fixed-ip=<ip>|v6-fixed-ip=<ip>][,tag=<tag>]")


# -- helpers shared with server_actions ------------------------------------------------


def find_server(cs: Client, name_or_id: str, all_tenants: bool | int = False) -> Server:
    """A server by UUID or exact name (``all_tenants``: search every project by name)."""
    if not all_tenants:
        return cs.servers.find(name_or_id)
    from novaclient_lite.find import find_resource

    return find_resource(name_or_id, kind="server", get=cs.servers.get, id_is_uuid=True,
                         list_by_name=lambda name: cs.servers.list(
                             search_opts={"name": f"^{re.escape(name)}$", "all_tenants": 1}))


def act_on_server(cs: Client, target: str, call: Callable[[str], object],
                  all_tenants: bool | int = False) -> str:
    """Run ``call(server_id)`` on the server ``target`` names; returns the id used.

    A UUID is tried as an id by the action itself, one request instead of a
    GET and the action; only a 404 sends it through the name lookup, so the
    result and the errors are those of :func:`find_server` (ID first, then name).
    """
    from novaclient_lite.find import looks_like_uuid

    if looks_like_uuid(target):
        try:
            call(target)
            return target
        except exceptions.NotFound:
            pass
    server_id = str(find_server(cs, target, all_tenants).id)
    call(server_id)
    return server_id


def image_ref(value: str) -> str:
    """An image ID as given; a name cannot be resolved without the Image API."""
    from novaclient_lite.find import looks_like_uuid

    if looks_like_uuid(value):
        return value
    raise exceptions.CommandError(
        f"'{value}' is not an image ID. This client does not use the Image API (Glance) "
        "to look up image names: pass the image's ID (see 'openstack image list')."
    )


def parse_pairs(values: Iterable[str], option: str, *, need_value: bool = True) -> dict[str, str]:
    """``["k=v", ...]`` as a dict; a malformed item is a ValidationError naming it."""
    pairs: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not key or (need_value and not sep):
            raise exceptions.ValidationError(
                f"Invalid {option} '{item}': expected the form key=value."
            )
        pairs[key] = value
    return pairs


def read_file(path: str) -> bytes:
    """The bytes of a user-data file; a CommandError when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise exceptions.CommandError(f"Can't open '{path}': {exc}") from None


def wait(cs: Client, args: Namespace, server_id: str, ready: set[str]) -> Server:
    """Wait (``--wait``) until the server is in ``ready`` with no task running."""
    return waiting.wait_for_server(cs, server_id, args.env, ready=ready, task_state_clear=True,
                                   timeout=args.wait_timeout)


def server_record(cs: Client, server: Server, *, minimal: bool = False,
                  admin_pass: str | None = None) -> output.Record:
    """A server as python-novaclient's ``show`` prints it (networks, flavor, image flattened)."""
    info = server.to_dict()
    for label, addresses in sorted(server.networks.items()):
        info[f"{label} network"] = ", ".join(addresses)
    flavor = info.pop("flavor", None) or {}
    if "original_name" in flavor:  # 2.47+: the flavor is embedded
        if minimal:
            info["flavor"] = flavor["original_name"]
        else:
            info.update({f"flavor:{key}": value for key, value in flavor.items()})
    elif flavor:
        info["flavor"] = flavor.get("id") if minimal else _flavor_label(cs, flavor.get("id"))
    image = info.get("image")
    info["image"] = (image.get("id") if isinstance(image, dict) else image) or (
        "Attempt to boot from volume - no image supplied")
    if isinstance(info.get("security_groups"), list):
        info["security_groups"] = ", ".join(
            sorted({str(g.get("name")) for g in info["security_groups"]}))
    for key in ("links", "addresses", "OS-EXT-SRV-ATTR:user_data"):
        info.pop(key, None)
    if admin_pass is not None:
        info["adminPass"] = admin_pass
    return output.Record(info)


def _flavor_label(cs: Client, flavor_id: Any) -> str:
    try:
        return f"{cs.flavors.get(str(flavor_id)).name} ({flavor_id})"
    except exceptions.ClientException:
        return f"Flavor not found ({flavor_id})"


# -- boot ----------------------------------------------------------------------------------


def parse_nics(values: list[str]) -> str | list[dict[str, str]] | None:
    """``--nic`` values as Nova's ``networks``; checked before anything is sent."""
    if not values:
        return None
    if any(item in ("auto", "none") for v in values for item in v.split(",")):
        if len(values) > 1 or values[0] not in ("auto", "none"):
            raise exceptions.ValidationError(
                "--nic auto or none cannot be used with any other --nic value.")
        return values[0]
    return [_parse_nic(value) for value in values]


def _parse_nic(value: str) -> dict[str, str]:
    from novaclient_lite.find import looks_like_uuid

    nic: dict[str, str] = {}
    for item in value.split(","):
        key, sep, val = item.partition("=")
        if key == "net-name":
            raise exceptions.ValidationError(
                f"Invalid --nic '{value}': net-name needs the Network API, which this client "
                "does not use; pass net-id=<network UUID>.")
        if not sep or not val or key not in NIC_KEYS or NIC_KEYS[key] in nic:
            raise exceptions.ValidationError(f"Invalid --nic '{value}': {NIC_FORM}.")
        if key in ("net-id", "port-id") and not looks_like_uuid(val):
            raise exceptions.ValidationError(f"Invalid --nic '{value}': {key} must be a UUID.")
        version = 4 if key == "v4-fixed-ip" else 6 if key == "v6-fixed-ip" else 0
        if version and not _is_ip(val, version):
            raise exceptions.ValidationError(
                f"Invalid --nic '{value}': '{val}' is not an IPv{version} address.")
        nic[NIC_KEYS[key]] = val
    if ("uuid" in nic) == ("port" in nic):
        raise exceptions.ValidationError(
            f"Invalid --nic '{value}': give exactly one of net-id or port-id.")
    return nic


def _is_ip(text: str, version: int) -> bool:
    try:
        import ipaddress

        return ipaddress.ip_address(text).version == version
    except ValueError:
        return False


def parse_block_device(spec: str) -> dict[str, Any]:
    """One ``--block-device key=value,...`` as a block_device_mapping_v2 entry."""
    bdm: dict[str, Any] = {}
    for item in spec.split(","):
        key, sep, value = item.partition("=")
        if not sep or key not in BDM_KEYS:
            raise exceptions.ValidationError(
                f"Invalid --block-device '{spec}': '{item}' is not key=value with a key among "
                f"{', '.join(BDM_KEYS)}.")
        bdm[BDM_KEYS[key]] = value
    source = bdm.setdefault("source_type", "blank")
    dest = bdm.setdefault("destination_type",
                          "local" if source in ("image", "blank") else "volume")
    shutdown = bdm.get("delete_on_termination", "remove" if dest == "local" else None)
    problems = [
        (source not in ("volume", "image", "snapshot", "blank"),
         f"source must be volume, image, snapshot or blank, not '{source}'"),
        (dest not in ("local", "volume"), f"dest must be local or volume, not '{dest}'"),
        (shutdown not in (None, "remove", "preserve"),
         f"shutdown must be remove or preserve, not '{shutdown}'"),
    ] + [(key in bdm and not str(bdm[key]).lstrip("-").isdigit(),
          f"{key.replace('volume_size', 'size').replace('boot_index', 'bootindex')} "
          f"must be an integer") for key in ("volume_size", "boot_index")]
    for failed, why in problems:
        if failed:
            raise exceptions.ValidationError(f"Invalid --block-device '{spec}': {why}.")
    if shutdown is not None:
        bdm["delete_on_termination"] = shutdown == "remove"
    for key in ("volume_size", "boot_index"):
        if key in bdm:
            bdm[key] = int(bdm[key])
    return bdm


def _check_bdm_versions(bdms: list[dict[str, Any]], version: APIVersion) -> None:
    from novaclient_lite.api_versions import APIVersion

    # NOTE: device tags exist at 2.32 and again from 2.42; volume_type from 2.67.
    if any("tag" in b for b in bdms) and not (version == APIVersion(2, 32)
                                              or version >= APIVersion(2, 42)):
        raise exceptions.UnsupportedAttribute("--block-device tag", start="2.42")
    if any("volume_type" in b for b in bdms) and version < APIVersion(2, 67):
        raise exceptions.UnsupportedAttribute("--block-device volume_type", start="2.67")


def _block_devices(args: Namespace) -> list[dict[str, Any]]:
    bdms = [parse_block_device(spec) for spec in args.block_device]
    for source, value in (("volume", args.boot_volume), ("snapshot", args.snapshot)):
        if value:
            bdms.insert(0, {"uuid": value, "source_type": source, "destination_type": "volume",
                            "boot_index": 0, "delete_on_termination": False})
    local = {"source_type": "blank", "destination_type": "local", "boot_index": -1,
             "delete_on_termination": True}
    for spec in args.ephemeral:
        eph = parse_pairs(spec.split(","), "--ephemeral")
        if set(eph) - {"size", "format"} or not eph.get("size", "").isdigit():
            raise exceptions.ValidationError(
                f"Invalid --ephemeral '{spec}': expected size=<GiB>[,format=<format>].")
        bdms.append({**local, "volume_size": int(eph["size"]),
                     **({"guest_format": eph["format"]} if "format" in eph else {})})
    if args.swap is not None:
        bdms.append({**local, "guest_format": "swap", "volume_size": args.swap})
    return bdms


def _config_drive(value: str | None) -> bool | None:
    text = str(value).lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0", "", "none"):
        return None
    raise exceptions.CommandError("The value of the '--config-drive' option must be a boolean "
                                  f"value, not '{value}'.")


def _hints(values: list[str]) -> dict[str, Any]:
    hints: dict[str, Any] = {}
    for item in values:
        ((key, value),) = parse_pairs([item], "--hint").items()
        # NOTE: a repeated hint becomes a list of values, as Nova's filters expect.
        if key not in hints:
            hints[key] = value
        elif isinstance(hints[key], list):
            hints[key].append(value)
        else:
            hints[key] = [hints[key], value]
    return hints


def _boot_options(args: Namespace) -> tuple[str | None, dict[str, Any]]:
    """The image and the create() arguments of ``boot``; all checks, nothing sent."""
    if not args.flavor:
        raise exceptions.CommandError("you need to specify a Flavor ID.")
    networks, bdms = parse_nics(args.nics), _block_devices(args)
    image = image_ref(args.image) if args.image else None
    if len([x for x in (image, args.boot_volume, args.snapshot) if x]) > 1 or not (image or bdms):
        raise exceptions.CommandError(
            "you need to specify exactly one source ID (Image, Snapshot, or Volume) or a block "
            "device mapping.")
    return image, {
        "networks": networks, "block_device_mapping_v2": bdms or None,
        "metadata": parse_pairs(args.meta, "--meta") or None,
        "scheduler_hints": _hints(args.hints) or None,
        "config_drive": _config_drive(args.config_drive),
        "user_data": read_file(args.user_data) if args.user_data else None,
        "key_name": args.key_name or args.env.vars.get("NOVACLIENT_DEFAULT_KEY_NAME"),
        "security_groups": args.security_groups.split(",") if args.security_groups else None,
        "availability_zone": args.availability_zone, "description": args.description,
        "tags": args.tags.split(",") if args.tags else None, "min_count": args.min_count,
        "max_count": args.max_count, "admin_pass": args.admin_pass, "hostname": args.hostname,
    }


def _positive(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive integer")
    return int(text)


@arg("--flavor", metavar="<flavor>", help="Name or ID of flavor (see 'nova flavor-list').")
@arg("--image", metavar="<image>", help="ID of image (image names need the Image API, "
     "which this client does not use).")
@arg("--boot-volume", metavar="<volume_id>", help="Volume ID to boot from.")
@arg("--snapshot", metavar="<snapshot_id>", help="Snapshot ID to boot from (creates a volume).")
@arg("--min-count", metavar="<number>", type=_positive,
     help="Boot at least <number> servers (limited by quota).")
@arg("--max-count", metavar="<number>", type=_positive,
     help="Boot up to <number> servers (limited by quota).")
@arg("--meta", metavar="<key=value>", action="append", default=[],
     help="Record arbitrary key/value metadata on the server. Can be repeated.")
@arg("--key-name", metavar="<key-name>",
     help="Name of a key pair (see 'nova keypair-list') [env: NOVACLIENT_DEFAULT_KEY_NAME].")
@arg("name", metavar="<name>", help="Name for the new server.")
@arg("--user-data", metavar="<user-data>", help="User data file, exposed by the metadata server.")
@arg("--availability-zone", metavar="<availability-zone>",
     help="The availability zone for server placement.")
@arg("--security-groups", metavar="<security-groups>",
     help="Comma separated list of security group names.")
@arg("--block-device", metavar="key1=value1[,key2=value2...]", action="append", default=[],
     help="Block device mapping with the keys id, source (image, snapshot, volume or blank), "
     "dest (volume or local), bus, type, device, size, format, bootindex, shutdown (preserve "
     "or remove), tag (2.42+) and volume_type (2.67+).")
@arg("--swap", metavar="<swap_size>", type=_positive,
     help="Create and attach a local swap block device of <swap_size> MiB.")
@arg("--ephemeral", metavar="size=<size>[,format=<format>]", action="append", default=[],
     help="Create and attach a local ephemeral block device of <size> GiB.")
@arg("--hint", dest="hints", metavar="<key=value>", action="append", default=[],
     help="Send arbitrary key/value pairs to the scheduler for custom use.")
@arg("--nic", dest="nics", metavar="<auto,none,net-id=net-uuid,port-id=port-uuid,"
     "v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,tag=tag>", action="append", default=[],
     help="Create a NIC on the server; repeat for several NICs. 'auto' or 'none' (2.37+) stand "
     "alone. Either net-id or port-id is needed; tag needs 2.32-2.36 or 2.42+. "
     "Default: auto from 2.37.")
@arg("--config-drive", metavar="<value>", default=None,
     help="Enable config drive. The value must be a boolean value.")
@arg("--admin-pass", metavar="<value>", help="Admin password for the instance.")
@arg("--description", metavar="<description>", start_version="2.19",
     help="Description for the server.")
@arg("--tags", metavar="<tags>", start_version="2.52",
     help="Tags for the server, separated by commas: --tags <tag1,tag2>.")
@arg("--hostname", metavar="<hostname>", start_version="2.90",
     help="Hostname for the instance (stored in the metadata server).")
@arg("--return-reservation-id", action="store_true",
     help="Return a reservation id bound to created servers.")
@waiting.wait_args
def do_boot(cs: Client, args: Namespace) -> output.Record:
    """Boot a new server."""
    image, options = _boot_options(args)
    _check_bdm_versions(options["block_device_mapping_v2"] or [], cs.api_version)
    created = cs.servers.create(args.name, image, cs.flavors.find(args.flavor), **options,
                                return_reservation_id=args.return_reservation_id)
    if args.return_reservation_id:
        return output.Record({"reservation_id": created.get("reservation_id")})
    server = wait(cs, args, created.id, {"ACTIVE"}) if args.wait else cs.servers.get(created.id)
    # NOTE: adminPass is only in the create response: shown once, with the full server.
    return server_record(cs, server, admin_pass=created.get("adminPass"))


# -- list and show ------------------------------------------------------------------------


def _iso_time(option: str, value: str | None) -> str | None:
    """Check an ISO 8601 time as Nova will read it (oslo.utils, imported only here)."""
    if value is not None:
        from oslo_utils import timeutils

        try:
            timeutils.parse_isotime(value)
        except ValueError:
            raise exceptions.CommandError(f"Invalid {option} value: {value}") from None
    return value


def _sort(text: str | None) -> tuple[list[str], list[str]]:
    keys, dirs = [], []
    for item in (text or "").split(",") if text else []:
        key, _, direction = item.partition(":")
        if direction not in ("", "asc", "desc"):
            raise exceptions.CommandError(f"Unknown sort direction: {direction}")
        keys.append(key)
        dirs.append(direction or "desc")
    return keys, dirs


def _search_opts(cs: Client, args: Namespace) -> dict[str, Any]:
    """``list``'s filters by their API names; user input is checked before any request."""
    from novaclient_lite.shell.options import env_flag

    all_tenants = args.all_tenants if args.all_tenants is not None else int(
        env_flag(args.env.vars.get("ALL_TENANTS")))
    opts = {"changes-since": _iso_time("changes-since", args.changes_since),
            "changes-before": _iso_time("changes-before", args.changes_before),
            "image": image_ref(args.image) if args.image else None,
            # NOTE: --tenant implies --all-tenants, as in python-novaclient.
            "all_tenants": 1 if args.tenant or all_tenants else None,
            "reservation_id": args.reservation_id, "ip": args.ip, "ip6": args.ip6,
            "name": args.name, "status": args.status, "tenant_id": args.tenant,
            "user_id": args.user, "host": args.host, "deleted": args.deleted or None,
            "availability_zone": args.availability_zone, "key_name": args.key_name,
            "locked": args.locked, "tags": args.tags, "tags-any": args.tags_any,
            "not-tags": args.not_tags, "not-tags-any": args.not_tags_any}
    opts["flavor"] = cs.flavors.find(args.flavor).id if args.flavor else None
    return opts


def list_row(server: Server) -> dict[str, Any]:
    """A server's keys as python-novaclient's list shows them (extension prefixes dropped)."""
    info = server.to_dict()
    for old, new in (("OS-EXT-SRV-ATTR:host", "host"), ("OS-EXT-STS:task_state", "task_state"),
                     ("OS-EXT-SRV-ATTR:instance_name", "instance_name"),
                     ("OS-EXT-STS:power_state", "power_state"), ("hostId", "host_id")):
        if old in info and new not in info:
            info[new] = info[old]
    info.setdefault("task_state", "N/A")
    state = info.get("power_state")
    info["power_state"] = (POWER_STATES[state] if isinstance(state, int)
                           and 0 <= state < len(POWER_STATES) else "N/A")
    if isinstance(info.get("flavor"), dict) and "original_name" in info["flavor"]:
        info.update({f"flavor:{k}": v for k, v in info["flavor"].items()})
    info["networks"] = "; ".join(f"{net}={', '.join(addrs)}"
                                 for net, addrs in sorted(server.networks.items()) if addrs)
    if isinstance(info.get("security_groups"), list):
        info["security_groups"] = ", ".join(str(g.get("name")) for g in info["security_groups"])
    return info


def _field_title(field: str) -> str:
    prefix, colon, name = field.rpartition(":")
    name = name.replace("_", " ")
    name = name.title() if name.isupper() or name.islower() else name
    return f"{prefix}: {name}" if colon else name


def _field_columns(fields: str, rows: list[dict[str, Any]]) -> tuple[list[str], dict[str, Any]]:
    wanted = [f for f in dict.fromkeys(fields.split(",")) if f and f != "id"]
    missing = [f for f in wanted if rows and f not in rows[0]]
    if missing:
        raise exceptions.CommandError(f"Non-existent fields are specified: {missing}")
    getters: dict[str, Callable[[Any], Any]] = {
        _field_title(f): functools.partial(_field_value, field=f) for f in wanted}
    return ["ID", *getters], getters


def _field_value(row: dict[str, Any], field: str) -> Any:
    return row.get(field)


@arg("--reservation-id", metavar="<reservation-id>",
     help="Only return servers that match reservation-id.")
@arg("--ip", metavar="<ip-regexp>", help="Search with regular expression match by IP address.")
@arg("--ip6", metavar="<ip6-regexp>", start_version="2.5",
     help="Search with regular expression match by IPv6 address.")
@arg("--name", metavar="<name-regexp>", help="Search with regular expression match by name.")
@arg("--status", metavar="<status>", help="Search by server status.")
@arg("--flavor", metavar="<flavor>", help="Search by flavor name or ID.")
@arg("--image", metavar="<image>", help="Search by image ID.")
@arg("--host", metavar="<hostname>", help="Search servers by hostname (Admin only).")
@arg("--all-tenants", metavar="<0|1>", nargs="?", type=int, const=1, default=None,
     help="Display information from all tenants (Admin only) [env: ALL_TENANTS].")
@arg("--tenant", metavar="<tenant>", help="Display information from single tenant (Admin only).")
@arg("--user", metavar="<user>", help="Display information from single user.")
@arg("--deleted", action="store_true", help="Only display deleted servers (Admin only).")
@arg("--fields", metavar="<fields>", help="Comma-separated list of fields to display. "
     "Use the show command to see which fields are available.")
@arg("--minimal", action="store_true", help="Get only UUID and name.")
@arg("--sort", metavar="<key>[:<direction>]", help="Comma-separated list of sort keys and "
     "directions in the form of <key>[:<asc|desc>]. The direction defaults to descending.")
@arg("--marker", metavar="<marker>", help="The last server UUID of the previous page.")
@arg("--limit", metavar="<limit>", type=int, help="Maximum number of servers to display "
     "(default: all, every page is fetched; -1 also means all).")
@arg("--availability-zone", metavar="<availability_zone>",
     help="Display servers based on their availability zone.")
@arg("--key-name", metavar="<key_name>", help="Display servers based on their keypair name.")
@arg("--changes-since", metavar="<changes_since>", help="List only servers changed later or "
     "equal to a certain point of time (ISO 8601, e.g. 2016-03-04T06:27:59Z).")
@arg("--changes-before", metavar="<changes_before>", start_version="2.66",
     help="List only servers changed earlier or equal to a certain point of time (ISO 8601).")
@arg("--tags", metavar="<tags>", start_version="2.26",
     help="Only servers with all of these comma-separated tags.")
@arg("--tags-any", metavar="<tags-any>", start_version="2.26",
     help="Only servers with any of these comma-separated tags.")
@arg("--not-tags", metavar="<not-tags>", start_version="2.26",
     help="Only servers that do not have all of these comma-separated tags.")
@arg("--not-tags-any", metavar="<not-tags-any>", start_version="2.26",
     help="Only servers that have none of these comma-separated tags.")
@arg("--locked", metavar="<locked>", start_version="2.73",
     help="Display servers based on their locked value (true or false).")
def do_list(cs: Client, args: Namespace) -> output.Table:
    """List servers."""
    keys, dirs = _sort(args.sort)
    opts = _search_opts(cs, args)
    servers = cs.servers.list(detailed=not args.minimal, search_opts=opts, marker=args.marker,
                              limit=None if args.limit == -1 else args.limit,
                              sort_keys=keys or None, sort_dirs=dirs or None)
    rows = [list_row(s) for s in servers]
    if not args.sort:  # like python-novaclient: sorted by name unless --sort is given
        rows.sort(key=lambda row: str(row.get("name") or ""))
    if args.minimal:
        return output.Table(rows, ["ID", "Name"])
    if args.fields:
        return output.Table(rows, *_field_columns(args.fields, rows))
    columns = LIST_COLUMNS[:2] + ["Tenant ID"] * bool(opts["all_tenants"]) + LIST_COLUMNS[2:]
    columns += ["Updated"] * bool(args.changes_since or args.changes_before)
    return output.Table(rows, columns)


@arg("--minimal", action="store_true", help="Skips flavor lookups when showing servers.")
@arg("server", metavar="<server>", help=SERVER_HELP)
def do_show(cs: Client, args: Namespace) -> output.Record:
    """Show details about the given server."""
    return server_record(cs, find_server(cs, args.server), minimal=args.minimal)


# -- update and delete ----------------------------------------------------------------------


@arg("server", metavar="<server>", help="Name (old name) or ID of server.")
@arg("--name", metavar="<name>", help="New name for the server.")
@arg("--description", metavar="<description>", start_version="2.19",
     help="New description for the server. An empty string (\"\") removes the description.")
def do_update(cs: Client, args: Namespace) -> None:
    """Update the name or the description for a server."""
    changes: dict[str, Any] = {"name": args.name or None}
    if args.description is not None:
        changes["description"] = args.description or None
    cs.servers.update(find_server(cs, args.server), **changes)


@arg("--all-tenants", action="store_const", const=1, default=0,
     help="Delete server(s) in another tenant by name (Admin only).")
@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_delete(cs: Client, args: Namespace) -> output.Results:
    """Immediately shut down and delete specified server(s)."""
    def delete(target: str) -> str | None:
        server_id = act_on_server(cs, target, cs.servers.delete, args.all_tenants)
        if not args.wait:
            return None
        waiting.wait_for_server(cs, server_id, args.env, gone_ok=True, timeout=args.wait_timeout)
        return f"Server {target} has been deleted."

    return for_each(args.env, args.server, delete, what="delete server")
