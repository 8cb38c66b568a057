"""Request bodies for servers: validation before sending, and reading image ids.

Every check here mirrors a documented Nova limit, so a bad argument fails with
``ValidationError`` before anything is sent.
"""

from __future__ import annotations

import base64
import re
import urllib.parse
from collections.abc import Mapping
from typing import Any, Final

from novaclient_lite import exceptions
from novaclient_lite.api_versions import APIVersion
from novaclient_lite.http import Response


class Unset:
    """The type of :data:`UNSET`: "argument not given" where None has a meaning."""

    def __repr__(self) -> str:
        return "UNSET"


#: Default of arguments for which None means "clear the value" (e.g. description).
UNSET: Final = Unset()

METADATA_KEY = re.compile(r"^[a-zA-Z0-9-_:. ]{1,255}$")
_NETWORK_KEYS = {"uuid": "uuid", "port": "port", "fixed_ip": "fixed_ip", "tag": "tag",
                 # python-novaclient's --nic spelling, accepted for convenience.
                 "net-id": "uuid", "port-id": "port", "v4-fixed-ip": "fixed_ip",
                 "v6-fixed-ip": "fixed_ip"}
_MAX_USER_DATA = 65535  # Nova's maxLength of the base64 text



def check_name(label: str, value: Any) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > 255:
        raise exceptions.ValidationError(f"{label} must be 1 to 255 characters.")


def check_description(value: Any) -> None:
    if not isinstance(value, str) or len(value) > 255:
        raise exceptions.ValidationError("description must be at most 255 characters.")


def check_metadata(metadata: Mapping[str, Any]) -> dict[str, str]:
    if not isinstance(metadata, Mapping):
        raise exceptions.ValidationError("metadata must be a mapping of strings.")
    for key, value in metadata.items():
        if not isinstance(key, str) or not METADATA_KEY.match(key):
            raise exceptions.ValidationError(
                f"Invalid metadata key {key!r}: use 1 to 255 of a-z A-Z 0-9 - _ : . and space."
            )
        if not isinstance(value, str) or len(value) > 255:
            raise exceptions.ValidationError(
                f"Metadata value of {key!r} must be a string of at most 255 characters."
            )
    return dict(metadata)


def check_tags(tags: list[str]) -> list[str]:
    if len(tags) > 50:
        raise exceptions.ValidationError("At most 50 tags are allowed.")
    for tag in tags:
        if not isinstance(tag, str) or not 1 <= len(tag) <= 60 or "/" in tag or "," in tag:
            raise exceptions.ValidationError(
                f"Invalid tag {tag!r}: 1 to 60 characters, no '/' or ','."
            )
    return list(tags)


def counts(min_count: Any, max_count: Any) -> dict[str, int]:
    counts = {k: v for k, v in (("min_count", min_count), ("max_count", max_count))
              if v is not None}
    for label, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise exceptions.ValidationError(f"{label} must be a positive integer.")
    if len(counts) == 2 and counts["min_count"] > counts["max_count"]:
        raise exceptions.ValidationError("min_count must not exceed max_count.")
    return counts


def encode_user_data(user_data: str | bytes) -> str:
    raw = user_data.encode("utf-8") if isinstance(user_data, str) else bytes(user_data)
    encoded = base64.b64encode(raw).decode("ascii")
    if len(encoded) > _MAX_USER_DATA:
        raise exceptions.ValidationError(
            f"user_data is {len(encoded)} characters once base64-encoded; Nova accepts "
            f"at most {_MAX_USER_DATA}."
        )
    return encoded


def networks(networks: Any, version: APIVersion) -> str | list[dict[str, str]] | None:
    """The ``networks`` value to send (None: leave the key out)."""
    v2_37 = APIVersion(2, 37)
    if networks is None:
        # NOTE: Nova requires "networks" from 2.37; "auto" is its old default.
        return "auto" if version >= v2_37 else None
    if isinstance(networks, str):
        if networks not in ("auto", "none"):
            raise exceptions.ValidationError(
                f"networks must be 'auto', 'none' or a list of networks, not {networks!r}."
            )
        if version < v2_37:
            raise exceptions.UnsupportedAttribute(f"networks={networks}", start="2.37")
        return networks
    if not isinstance(networks, list):
        raise exceptions.ValidationError("networks must be 'auto', 'none' or a list of dicts.")
    result = []
    for item in networks:
        if not isinstance(item, Mapping) or not item:
            raise exceptions.ValidationError(f"Invalid network {item!r}.")
        entry: dict[str, str] = {}
        for key, value in item.items():
            if key not in _NETWORK_KEYS:
                raise exceptions.ValidationError(
                    f"Unknown network key {key!r}: use uuid, port, fixed_ip or tag."
                )
            if value not in (None, ""):
                entry[_NETWORK_KEYS[key]] = str(value)
        # NOTE: network tags exist in 2.32-2.36, were dropped at 2.37 and came back at 2.42.
        if "tag" in entry and not (APIVersion(2, 32) <= version < v2_37
                                   or version >= APIVersion(2, 42)):
            raise exceptions.UnsupportedAttribute("network tag", start="2.42")
        if not ({"uuid", "port"} & entry.keys()):
            raise exceptions.ValidationError(f"Network {dict(item)!r} needs a uuid or a port.")
        result.append(entry)
    return result


def image_id(response: Response, version: APIVersion) -> str | None:
    """The image id of a createImage/createBackup answer.

    From 2.45 it is the body's ``image_id``; before, the last path segment of
    the Location header (absent for createBackup with rotation 0).
    """
    body = response.body
    if version >= APIVersion(2, 45) and isinstance(body, Mapping) and body.get("image_id"):
        return str(body["image_id"])
    location = response.headers.get("Location") or response.headers.get("location")
    if location:
        segment = urllib.parse.urlsplit(location).path.rstrip("/").rsplit("/", 1)[-1]
        if segment:
            return segment
    if isinstance(body, Mapping) and body.get("image_id"):
        return str(body["image_id"])
    return None


def no_image_id(action: str) -> exceptions.InvalidResponse:
    return exceptions.InvalidResponse(
        f"Nova accepted {action} but returned no image id (no 'image_id' in the body and "
        "no Location header); look for the new image in the image service."
    )
