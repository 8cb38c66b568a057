"""python-novaclient's boot and rebuild arguments, turned into the request's keys.

``cs.servers.create``/``rebuild`` document our names (``networks``,
``metadata``, ``user_data``, ``return_reservation_id``) and accept
python-novaclient 18.13.1's too (``nics``, ``meta``, ``userdata``,
``reservation_id``, ``files``, ``block_device_mapping``, ``disk_config``,
``access_ip_v4``/``access_ip_v6``, ``trusted_image_certificates``).  This
module holds what only python-novaclient's spellings need: one value from two
names, file objects, personality files and the legacy block device mapping.
Every failure is raised before anything is sent.
"""

from __future__ import annotations

import base64
import ipaddress
from collections.abc import Mapping
from typing import IO, Any, TypeVar

from novaclient_lite import validators

T = TypeVar("T")

#: What python-novaclient accepts as data: text, bytes or an open file.
Data = str | bytes | IO[str] | IO[bytes]

_DISK_CONFIGS = ("AUTO", "MANUAL")


def one_of(ours: str, our_value: T, theirs: str, their_value: T, *, unset: Any = None) -> T:
    """The value given under our name or python-novaclient's.

    Raises:
        TypeError: both were given (naming both), as for any doubled argument.
    """
    if our_value is not unset and their_value is not unset:
        raise TypeError(f"got both {ours!r} and {theirs!r} (python-novaclient's name for it)")
    return their_value if our_value is unset else our_value


def read_data(data: Data) -> str | bytes:
    """``data`` itself, or what an open file holds (python-novaclient reads it too)."""
    if hasattr(data, "read"):
        content = data.read()
        if not isinstance(content, (str, bytes)):
            raise validators.fail("file object", "readable as text or bytes", echo=False)
        return content
    if not isinstance(data, (str, bytes)):
        raise validators.fail("data", "text, bytes or an open file", type(data).__name__)
    return data


def personality(files: Mapping[str, Data]) -> list[dict[str, str]]:
    """``files`` ({path: contents or file}) as Nova's ``personality``, sorted by path.

    The contents are base64 text; they are secrets like user data (masked in
    ``--debug`` output and errors under the ``contents`` key).
    """
    if not isinstance(files, Mapping):
        raise validators.fail("files", "a mapping of paths to contents", type(files).__name__)
    entries = []
    for path in sorted(files):
        validators.name(path, "file path")
        data = read_data(files[path])
        raw = data.encode("utf-8") if isinstance(data, str) else data
        entries.append({"path": path, "contents": base64.b64encode(raw).decode("ascii")})
    return entries


def legacy_block_devices(mapping: Mapping[str, str]) -> list[dict[str, str]]:
    """python-novaclient's ``{device: "<id>:[<type>]:[<size>]:[<delete>]"}`` as Nova's
    legacy ``block_device_mapping`` list (``type`` starting with "snap": a snapshot)."""
    if not isinstance(mapping, Mapping):
        raise validators.fail(
            "block_device_mapping", "a mapping of device names to mappings", mapping
        )
    result = []
    for device, spec in mapping.items():
        if not isinstance(spec, str) or not spec.split(":")[0]:
            raise validators.fail(
                f"block device mapping of {device!r}",
                "<id>:[<type>]:[<size(GiB)>]:[<delete-on-terminate>]",
                spec,
            )
        parts = spec.split(":")
        entry = {"device_name": str(device)}
        kind = "snapshot_id" if len(parts) > 1 and parts[1].startswith("snap") else "volume_id"
        entry[kind] = parts[0]
        if len(parts) > 2 and parts[2]:
            entry["volume_size"] = str(validators.positive_int(parts[2], "size", from_text=True))
        if len(parts) > 3:
            entry["delete_on_termination"] = parts[3]
        result.append(entry)
    return result


def disk_config(value: str) -> str:
    """``OS-DCF:diskConfig``: AUTO or MANUAL."""
    if value not in _DISK_CONFIGS:
        raise validators.fail("disk_config", "'AUTO' or 'MANUAL'", value)
    return value


def access_ip(value: str, version: int) -> str:
    """``accessIPv4``/``accessIPv6``: an address of that version (Nova's format check)."""
    try:
        if ipaddress.ip_address(value).version == version:
            return value
    except ValueError:
        pass
    raise validators.fail(f"access_ip_v{version}", f"an IPv{version} address", value)


def certificate_ids(ids: Any) -> list[str]:
    """``trusted_image_certificates``: 1 to 50 distinct non-empty ids (Nova's schema)."""
    if isinstance(ids, str) or not isinstance(ids, (list, tuple)) or not 1 <= len(ids) <= 50:
        raise validators.fail("trusted_image_certificates", "a list of 1 to 50 ids", ids)
    if len(set(ids)) != len(ids):
        raise validators.fail("trusted_image_certificates", "distinct ids", list(ids))
    for item in ids:
        if not isinstance(item, str) or not item:
            raise validators.fail("trusted image certificate id", "a non-empty string", item)
    return list(ids)
