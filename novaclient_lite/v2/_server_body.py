"""Request bodies for servers: Nova's documented limits, checked before sending.

Generic rules (names, integers, text) come from :mod:`novaclient_lite.validators`
and microversion gates from :func:`novaclient_lite.api_versions.require`; what
is here is Nova's own (metadata keys, tags, networks, block devices).  Every
failure is raised before anything is sent.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from typing import Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_32, V2_36, V2_37, V2_42, V2_67, APIVersion, require

METADATA_KEY = re.compile(r"^[a-zA-Z0-9-_:. ]{1,255}$")
_NETWORK_KEYS = {
    "uuid": "uuid",
    "port": "port",
    "fixed_ip": "fixed_ip",
    "tag": "tag",
    # python-novaclient's --nic spelling, accepted for convenience.
    "net-id": "uuid",
    "port-id": "port",
    "v4-fixed-ip": "fixed_ip",
    "v6-fixed-ip": "fixed_ip",
}
_MAX_USER_DATA = 65535  # Nova's maxLength of the base64 text
#: The order of a boot body's keys, so a printed request (--debug, --dry-run) always
#: reads the same way whichever step added a key.
_BOOT_ORDER = (
    "name",
    "flavorRef",
    "imageRef",
    "metadata",
    "user_data",
    "personality",
    "security_groups",
    "block_device_mapping",
    "block_device_mapping_v2",
    "min_count",
    "max_count",
    "networks",
    "description",
    "tags",
    "hostname",
    "trusted_image_certificates",
    "host",
    "hypervisor_hostname",
    "OS-DCF:diskConfig",
    "accessIPv4",
    "accessIPv6",
    "key_name",
    "availability_zone",
    "adminPass",
    "config_drive",
    "return_reservation_id",
)


def boot(
    name: str,
    image_id: str | None,
    flavor_id: str,
    *,
    metadata: Mapping[str, Any] | None,
    user_data: str | bytes | None,
    security_groups: list[str] | None,
    min_count: int | None,
    max_count: int | None,
    key_name: str | None,
    availability_zone: str | None,
    admin_pass: str | None,
    config_drive: bool | None,
    return_reservation_id: bool,
) -> dict[str, Any]:
    """The ``server`` body of a boot, without its microversioned keys (see
    :meth:`ServerManager.create <novaclient_lite.v2.servers.ServerManager.create>`)."""
    server: dict[str, Any] = {"name": name, "flavorRef": flavor_id}
    if image_id is not None:
        server["imageRef"] = image_id
    if metadata is not None:
        server["metadata"] = check_metadata(metadata)
    if user_data is not None:
        server["user_data"] = encode_user_data(user_data)
    if security_groups is not None:
        server["security_groups"] = [{"name": str(g)} for g in security_groups]
    server.update(counts(min_count, max_count))
    for key, value in (
        ("key_name", key_name),
        ("availability_zone", availability_zone),
        ("adminPass", admin_pass),
    ):
        if value is not None:
            server[key] = value
    if config_drive is not None:
        server["config_drive"] = bool(config_drive)
    if return_reservation_id:
        server["return_reservation_id"] = True
    return server


def in_boot_order(server: Mapping[str, Any]) -> dict[str, Any]:
    """``server`` with its keys in :data:`_BOOT_ORDER` (unknown keys last)."""
    return {**{key: server[key] for key in _BOOT_ORDER if key in server}, **server}


def check_metadata(metadata: Mapping[str, Any]) -> dict[str, str]:
    """Nova's metadata: keys ``^[a-zA-Z0-9-_:. ]{1,255}$``, values of at most 255."""
    if not isinstance(metadata, Mapping):
        raise validators.fail("metadata", "a mapping of strings to strings", metadata)
    for key, value in metadata.items():
        if not isinstance(key, str) or not METADATA_KEY.match(key):
            raise validators.fail("metadata key", "1 to 255 of a-z A-Z 0-9 - _ : . and space", key)
        validators.text(value, f"metadata value of {key!r}")
    return dict(metadata)


def check_tags(tags: list[str]) -> list[str]:
    """At most 50 tags of 1 to 60 characters without '/' or ',' (``validators.tags``)."""
    return validators.tags(tags)


def counts(min_count: Any, max_count: Any) -> dict[str, int]:
    """``min_count``/``max_count`` to send: positive, and min not above max."""
    given = {
        label: validators.positive_int(value, label)
        for label, value in (("min_count", min_count), ("max_count", max_count))
        if value is not None
    }
    if len(given) == 2 and given["min_count"] > given["max_count"]:
        raise validators.fail(
            "min_count", f"at most max_count ({given['max_count']})", given["min_count"]
        )
    return given


def encode_user_data(user_data: str | bytes) -> str:
    """Base64 text of at most 65535 characters (the data itself is never echoed)."""
    raw = user_data.encode("utf-8") if isinstance(user_data, str) else bytes(user_data)
    encoded = base64.b64encode(raw).decode("ascii")
    if len(encoded) > _MAX_USER_DATA:
        raise validators.fail(
            "user_data",
            f"at most {_MAX_USER_DATA} characters once base64-encoded",
            got=f"{len(encoded)} characters",
        )
    return encoded


def networks(networks: Any, version: APIVersion) -> str | list[dict[str, str]] | None:
    """The ``networks`` value to send (None: leave the key out)."""
    if networks is None:
        # NOTE: Nova requires "networks" from 2.37; "auto" is its old default.
        return "auto" if version >= V2_37 else None
    if isinstance(networks, str) and networks in ("auto", "none"):
        require(f"networks={networks}", version, since=V2_37)
        return networks
    if not isinstance(networks, list):
        raise validators.fail("networks", "'auto', 'none' or a list of networks", networks)
    return [_network(item, version) for item in networks]


def _network(item: Any, version: APIVersion) -> dict[str, str]:
    if not isinstance(item, Mapping) or not item:
        raise validators.fail("network", "a mapping with a uuid or a port", item)
    entry: dict[str, str] = {}
    for key, value in item.items():
        if key not in _NETWORK_KEYS:
            raise validators.fail("network key", "uuid, port, fixed_ip or tag", key)
        if value in (None, ""):
            continue
        if _NETWORK_KEYS[key] in entry:
            # python-novaclient: "Only one of 'v4-fixed-ip' and 'v6-fixed-ip' may be provided."
            raise validators.fail("network", f"given one {_NETWORK_KEYS[key]} only", dict(item))
        entry[_NETWORK_KEYS[key]] = str(value)
    if "tag" in entry:
        # NOTE: network tags exist in 2.32-2.36, were dropped at 2.37 and came back at 2.42.
        require("network tag", version, since=V2_42, also=(V2_32, V2_36))
    if not ({"uuid", "port"} & entry.keys()):
        raise validators.fail("network", "a mapping with a uuid or a port", dict(item))
    return entry


def block_devices(
    mappings: Sequence[Mapping[str, Any]], version: APIVersion
) -> list[dict[str, Any]]:
    """``block_device_mapping_v2`` to send, its versioned keys gated."""
    result = [dict(b) for b in mappings]
    if any("tag" in b for b in result):
        # NOTE: device tags exist at 2.32 only, then from 2.42 on.
        require("block_device_mapping_v2 tag", version, since=V2_42, also=(V2_32, V2_32))
    if any("volume_type" in b for b in result):
        require("block_device_mapping_v2 volume_type", version, since=V2_67)
    return result
