"""``boot``'s argument parsing: ``--nic``, ``--block-device``, ``--ephemeral``, ``--hint``, ...

Everything here checks the user's input before anything is sent and builds the
arguments of ``cs.servers.create``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions, validators
from novaclient_lite.api_versions import V2_32, V2_42, V2_63, V2_67, APIVersion, require
from novaclient_lite.find import looks_like_uuid
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._parsing import parse_pairs, read_file

if TYPE_CHECKING:
    from argparse import Namespace

#: python-novaclient's --block-device keys -> block_device_mapping_v2 keys.
BDM_KEYS = {
    "id": "uuid",
    "source": "source_type",
    "dest": "destination_type",
    "bus": "disk_bus",
    "device": "device_name",
    "size": "volume_size",
    "format": "guest_format",
    "bootindex": "boot_index",
    "type": "device_type",
    "shutdown": "delete_on_termination",
    "tag": "tag",
    "volume_type": "volume_type",
}
#: ``net-name`` stays until the Network API gives its id (``_servers_common.network_ids``).
NIC_KEYS = {
    "net-id": "uuid",
    "net-name": "net-name",
    "port-id": "port",
    "v4-fixed-ip": "fixed_ip",
    "v6-fixed-ip": "fixed_ip",
    "tag": "tag",
}
#: python-novaclient's texts (its 2.42+ form: --nic is parsed before the version is known).
NIC_ERROR = (
    "Invalid nic argument '{}'. Nic arguments must be of the form --nic <auto,none,"
    "net-id=net-uuid,net-name=network-name,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,"
    "port-id=port-uuid,tag=tag>, with only one of net-id, net-name or port-id specified. "
    "Specifying a --nic of auto or none cannot be used with any other --nic value."
)
AUTO_OR_NONE_ALONE = "'auto' or 'none' cannot be used with any other nic arguments"


def parse_nics(values: list[str]) -> str | list[dict[str, str]] | None:
    """``--nic`` values as Nova's ``networks``; checked before anything is sent."""
    if not values:
        return None
    if any(item in ("auto", "none") for v in values for item in v.split(",")):
        if any("," in v and {"auto", "none"} & set(v.split(",")) for v in values):
            raise exceptions.CommandError(AUTO_OR_NONE_ALONE)
        if len(values) > 1:
            raise exceptions.CommandError(NIC_ERROR.format(values[-1]))
        return values[0]
    return [_parse_nic(value) for value in values]


def _parse_nic(value: str) -> dict[str, str]:
    nic: dict[str, str] = {}
    for item in value.split(","):
        key, sep, val = item.partition("=")
        # NOTE: python-novaclient sends a malformed id to Nova; a UUID is checked here.
        if (
            not sep
            or not val
            or key not in NIC_KEYS
            or NIC_KEYS[key] in nic
            or (key in ("net-id", "port-id") and not looks_like_uuid(val))
        ):
            raise exceptions.CommandError(NIC_ERROR.format(value))
        version = 4 if key == "v4-fixed-ip" else 6 if key == "v6-fixed-ip" else 0
        if version and not _is_ip(val, version):
            raise exceptions.CommandError(f"Invalid ipv{version} address.")
        nic[NIC_KEYS[key]] = val
    if len({"uuid", "net-name", "port"} & set(nic)) != 1:
        raise exceptions.CommandError(NIC_ERROR.format(value))
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
                f"{', '.join(BDM_KEYS)}."
            )
        bdm[BDM_KEYS[key]] = value
    source = bdm.setdefault("source_type", "blank")
    dest = bdm.setdefault("destination_type", "local" if source in ("image", "blank") else "volume")
    shutdown = bdm.get("delete_on_termination", "remove" if dest == "local" else None)
    problems = [
        (
            source not in ("volume", "image", "snapshot", "blank"),
            f"source must be volume, image, snapshot or blank, not '{source}'",
        ),
        (dest not in ("local", "volume"), f"dest must be local or volume, not '{dest}'"),
        (
            shutdown not in (None, "remove", "preserve"),
            f"shutdown must be remove or preserve, not '{shutdown}'",
        ),
    ] + [
        (
            key in bdm and not str(bdm[key]).lstrip("-").isdigit(),
            f"{key.replace('volume_size', 'size').replace('boot_index', 'bootindex')} "
            f"must be an integer",
        )
        for key in ("volume_size", "boot_index")
    ]
    for failed, why in problems:
        if failed:
            raise exceptions.ValidationError(f"Invalid --block-device '{spec}': {why}.")
    if shutdown is not None:
        bdm["delete_on_termination"] = shutdown == "remove"
    for key in ("volume_size", "boot_index"):
        if key in bdm:
            bdm[key] = int(bdm[key])
    return bdm


def _block_devices(args: Namespace) -> list[dict[str, Any]]:
    bdms = [parse_block_device(spec) for spec in args.block_device]
    for source, value in (("volume", args.boot_volume), ("snapshot", args.snapshot)):
        if value:
            bdms.insert(
                0,
                {
                    "uuid": value,
                    "source_type": source,
                    "destination_type": "volume",
                    "boot_index": 0,
                    "delete_on_termination": False,
                },
            )
    local = {
        "source_type": "blank",
        "destination_type": "local",
        "boot_index": -1,
        "delete_on_termination": True,
    }
    for spec in args.ephemeral:
        eph = parse_pairs(spec.split(","), "--ephemeral")
        if set(eph) - {"size", "format"} or not eph.get("size", "").isdigit():
            raise exceptions.ValidationError(
                f"Invalid --ephemeral '{spec}': expected size=<GiB>[,format=<format>]."
            )
        bdms.append(
            {
                **local,
                "volume_size": int(eph["size"]),
                **({"guest_format": eph["format"]} if "format" in eph else {}),
            }
        )
    if args.swap is not None:
        bdms.append({**local, "guest_format": "swap", "volume_size": args.swap})
    return bdms


def _config_drive(value: str | None) -> bool | None:
    """True, or None (nothing sent) for a false word and, as in python-novaclient, "" or "none"."""
    if value is None or value.strip().lower() in ("", "none"):
        return None
    return validators.boolean(value, "--config-drive") or None


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


def parse_files(values: list[str]) -> dict[str, bytes]:
    """``--file <dst-path=src-path>`` values as {dst-path: contents}, python-novaclient's texts."""
    files: dict[str, bytes] = {}
    for item in values:
        dst, sep, src = item.partition("=")
        if not sep or not dst or not src:
            raise exceptions.CommandError(
                f"Invalid file argument '{item}'. File arguments must be of the form "
                "'--file <dst-path=src-path>'"
            )
        files[dst] = read_file(src)
    return files


def parse_legacy_bdm(values: list[str]) -> dict[str, str]:
    """``--block-device-mapping <dev-name>=<id>:<type>:<size>:<delete>`` as {device: mapping}."""
    mapping: dict[str, str] = {}
    for item in values:
        device, sep, spec = item.partition("=")
        if not sep or not device or not spec:
            raise exceptions.CommandError(
                f"Invalid --block-device-mapping '{item}': expected "
                "<dev-name>=<id>:<type>:<size(GiB)>:<delete-on-terminate>."
            )
        mapping[device] = spec
    return mapping


#: ``--trusted-image-certificate-id``, the same on ``boot`` and ``rebuild``.
TRUSTED_CERTIFICATES_ARG = arg(
    "--trusted-image-certificate-id",
    metavar="<trusted-image-certificate-id>",
    action="append",
    dest="trusted_image_certificates",
    default=[],
    start_version="2.63",
    help="Trusted image certificate IDs used to validate certificates during the image "
    "signature verification process. Can be repeated (the variable: comma-separated) "
    "[env: OS_TRUSTED_IMAGE_CERTIFICATE_IDS].",
)
#: ``--hostname`` that renames (``update`` and ``rebuild``; ``boot`` names a new server).
NEW_HOSTNAME_ARG = arg(
    "--hostname",
    metavar="<hostname>",
    start_version="2.90",
    help="New hostname for the instance. This only updates the hostname stored in the "
    "metadata server: a utility running on the guest is required to propagate it.",
)


def trusted_certificates(args: Namespace) -> list[str] | None:
    """``--trusted-image-certificate-id`` values, else ``OS_TRUSTED_IMAGE_CERTIFICATE_IDS``
    (comma-separated; python-novaclient's default)."""
    if args.trusted_image_certificates:
        return list(args.trusted_image_certificates)
    env = args.env.vars.get("OS_TRUSTED_IMAGE_CERTIFICATE_IDS")
    return env.split(",") if env else None


_BDM_REFUSAL = "'{key}' in block device mapping is not supported in API version {{version}}."


def check_boot_versions(version: APIVersion, args: Namespace, options: dict[str, Any]) -> None:
    """What python-novaclient refuses in its own words once the version is known: the
    --block-device keys ``tag`` (2.32, 2.42+) and ``volume_type`` (2.67+), and
    ``OS_TRUSTED_IMAGE_CERTIFICATE_IDS`` before 2.63 (the option itself is an @arg gate)."""
    bdms = options.get("block_device_mapping_v2") or []
    if any("tag" in b for b in bdms):
        require(
            "tag", version, since=V2_42, also=(V2_32, V2_32), message=_BDM_REFUSAL.format(key="tag")
        )
    if any("volume_type" in b for b in bdms):
        require("volume_type", version, since=V2_67, message=_BDM_REFUSAL.format(key="volume_type"))
    if options.get("trusted_image_certificates") and not args.trusted_image_certificates:
        require("OS_TRUSTED_IMAGE_CERTIFICATE_IDS", version, since=V2_63)


def boot_options(args: Namespace) -> tuple[dict[str, str], dict[str, Any]]:
    """``--image-with``'s properties and the create() arguments of ``boot``; all checks,
    nothing sent (``--image``, ``--image-with`` and ``--nic net-name=`` are looked up later)."""
    if not args.flavor:
        raise exceptions.CommandError("you need to specify a Flavor ID.")
    networks, bdms = parse_nics(args.nics), _block_devices(args)
    legacy = parse_legacy_bdm(args.block_device_mapping)
    if legacy and bdms:
        raise exceptions.CommandError(
            "you can't mix old block devices (--block-device-mapping) with the new ones "
            "(--block-device, --boot-volume, --snapshot, --ephemeral, --swap)"
        )
    image_with = parse_pairs(args.image_with, "--image-with")
    sources = [x for x in (args.image, image_with, args.boot_volume, args.snapshot) if x]
    if len(sources) > 1 or not (args.image or image_with or bdms or legacy):
        raise exceptions.CommandError(
            "you need to specify exactly one source ID (Image, Snapshot, or Volume) or a block "
            "device mapping."
        )
    return image_with, {
        "networks": networks,
        "block_device_mapping_v2": bdms or None,
        "metadata": parse_pairs(args.meta, "--meta") or None,
        "scheduler_hints": _hints(args.hints) or None,
        "config_drive": _config_drive(args.config_drive),
        "user_data": read_file(args.user_data) if args.user_data else None,
        "key_name": args.key_name or args.env.vars.get("NOVACLIENT_DEFAULT_KEY_NAME"),
        "security_groups": args.security_groups.split(",") if args.security_groups else None,
        "availability_zone": args.availability_zone,
        "description": args.description,
        "tags": args.tags.split(",") if args.tags else None,
        "min_count": args.min_count,
        "max_count": args.max_count,
        "admin_pass": args.admin_pass,
        "hostname": args.hostname,
        "files": parse_files(args.files) or None,
        "block_device_mapping": legacy or None,
        "access_ip_v4": args.access_ip_v4,
        "access_ip_v6": args.access_ip_v6,
        "trusted_image_certificates": trusted_certificates(args),
        "host": args.host,
        "hypervisor_hostname": args.hypervisor_hostname,
    }
