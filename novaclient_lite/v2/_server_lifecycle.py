"""Creating, updating and rebuilding servers, with python-novaclient's signatures.

The base of :class:`novaclient_lite.v2.servers.ServerManager` for the three
methods whose arguments python-novaclient 18.13.1 scripts pass positionally:
``create(name, image, flavor, meta, files, reservation_id, ...)``,
``update(server, name, description, hostname)`` and ``rebuild(server, image,
password, disk_config, preserve_ephemeral, name, meta, files)``.  Our names
(``networks``, ``metadata``, ``user_data``, ``return_reservation_id``) are
keyword-only; giving both spellings of one argument is a TypeError.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite import validators
from novaclient_lite.api_versions import (
    V2_19,
    V2_52,
    V2_54,
    V2_56,
    V2_57,
    V2_63,
    V2_74,
    V2_90,
)
from novaclient_lite.base import UNSET, Resource, StrWithMeta, Unset, getid
from novaclient_lite.v2 import _server_body as bodies
from novaclient_lite.v2 import _server_compat as compat
from novaclient_lite.v2._paths import server_action, server_url
from novaclient_lite.v2._server_actions import ServerActions
from novaclient_lite.v2._server_compat import Data

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server

_Strings = builtins.list[str]
_Nics = str | builtins.list[dict[str, str]]


#: The ``reservation_id`` of a multi-server boot: a ``str`` with ``request_ids``.
ReservationId = StrWithMeta


class ServerLifecycle(ServerActions):
    """``POST /servers``, ``PUT /servers/{id}`` and the ``rebuild`` action."""

    def create(
        self,
        name: str,
        image: str | Resource | None,
        flavor: str | Resource,
        meta: dict[str, str] | None = None,
        files: Mapping[str, Data] | None = None,
        reservation_id: bool = False,
        min_count: int | None = None,
        max_count: int | None = None,
        security_groups: _Strings | None = None,
        userdata: Data | None = None,
        key_name: str | None = None,
        availability_zone: str | None = None,
        block_device_mapping: Mapping[str, str] | None = None,
        block_device_mapping_v2: builtins.list[dict[str, Any]] | None = None,
        nics: _Nics | None = None,
        scheduler_hints: dict[str, Any] | None = None,
        config_drive: bool | None = None,
        disk_config: str | None = None,
        admin_pass: str | None = None,
        access_ip_v4: str | None = None,
        access_ip_v6: str | None = None,
        description: str | None = None,
        tags: _Strings | None = None,
        trusted_image_certificates: _Strings | None = None,
        host: str | None = None,
        hypervisor_hostname: str | None = None,
        hostname: str | None = None,
        *,
        networks: _Nics | None = None,
        user_data: Data | None = None,
        metadata: dict[str, str] | None = None,
        return_reservation_id: bool = False,
    ) -> Server | ReservationId:
        """Boot a server (POST ``/servers``).  Everything is validated before sending.

        Args:
            name: 1 to 255 characters.
            image: an image or its id; None to boot from a volume given in
                ``block_device_mapping(_v2)`` (``imageRef`` is then omitted).
            flavor: a flavor or its id.
            networks (python-novaclient: ``nics``): "auto", "none" (both 2.37+)
                or a list of ``{"uuid"|"port"|"fixed_ip"|"tag": ...}`` (or
                python-novaclient's ``net-id``, ``port-id``, ``v4-fixed-ip``,
                ``v6-fixed-ip``).  When None: "auto" from 2.37, omitted before.
            user_data (``userdata``): text, bytes or an open file; base64-encoded
                here, never logged.
            metadata (``meta``): keys matching ``^[a-zA-Z0-9-_:. ]{1,255}$``,
                values of at most 255 characters.
            files: ``{path: contents or open file}`` injected as personality
                files (up to 2.56); secrets like user data.
            block_device_mapping: the legacy ``{device: "<id>:[<type>]:[<size>]:
                [<delete>]"}`` form; block_device_mapping_v2: the v2 list.
            security_groups: names (or ids) of security groups.
            disk_config: "AUTO" or "MANUAL".  access_ip_v4, access_ip_v6: addresses.
            description: at most 255 characters (2.19+).  tags: 2.52+.
            trusted_image_certificates: 1 to 50 ids (2.63+).
            host, hypervisor_hostname: where to boot (2.74+, admin).  hostname: 2.90+.
            min_count, max_count: positive, ``min_count <= max_count``.
            scheduler_hints: sent as ``os:scheduler_hints`` next to ``server``.
            return_reservation_id (``reservation_id``): return only the reservation id.

        Returns:
            The new server (``id``, ``links``, ``adminPass`` when Nova generated
            one); with ``return_reservation_id``, the reservation id (a ``str``).

        Raises:
            TypeError: an argument given under both its names.
            ValidationError: a bad argument (nothing is sent).
            UnsupportedAttribute: an argument the negotiated microversion lacks.
            BadRequest, Forbidden (over quota), Conflict: from Nova.
        """
        networks = compat.one_of("networks", networks, "nics", nics)
        user_data = compat.one_of("user_data", user_data, "userdata", userdata)
        metadata = compat.one_of("metadata", metadata, "meta", meta)
        reserve = compat.one_of(
            "return_reservation_id",
            return_reservation_id,
            "reservation_id",
            reservation_id,
            unset=False,
        )
        validators.name(name, "name")
        if image is None and not (block_device_mapping_v2 or block_device_mapping):
            raise validators.fail(
                "image", "given unless a block device mapping gives a boot volume", echo=False
            )
        if block_device_mapping and block_device_mapping_v2:
            raise validators.fail(
                "block_device_mapping",
                "left out when block_device_mapping_v2 is given",
                echo=False,
            )
        # Everything that needs no microversion is checked before discovery.
        server = bodies.boot(
            name,
            None if image is None else str(getid(image)),
            str(getid(flavor)),
            metadata=metadata,
            user_data=None if user_data is None else compat.read_data(user_data),
            security_groups=security_groups,
            min_count=min_count,
            max_count=max_count,
            key_name=key_name,
            availability_zone=availability_zone,
            admin_pass=admin_pass,
            config_drive=config_drive,
            return_reservation_id=bool(reserve),
        )
        server.update(_unversioned(block_device_mapping, disk_config, access_ip_v4, access_ip_v6))
        if description is not None:
            validators.text(description, "description")
        if tags is not None:
            tags = bodies.check_tags(tags)
        if trusted_image_certificates is not None:
            trusted_image_certificates = compat.certificate_ids(trusted_image_certificates)
        personality = compat.personality(files) if files else None
        version = self.api_version
        nets = bodies.networks(networks, version)
        if nets is not None:
            server["networks"] = nets
        if block_device_mapping_v2 is not None:
            server["block_device_mapping_v2"] = bodies.block_devices(
                block_device_mapping_v2, version
            )
        if personality is not None:
            self._require("files", until=V2_56)
            server["personality"] = personality
        for label, key, value, since in (
            ("description", "description", description, V2_19),
            ("tags", "tags", tags, V2_52),
            (
                "trusted_image_certificates",
                "trusted_image_certificates",
                trusted_image_certificates,
                V2_63,
            ),
            ("host", "host", host, V2_74),
            ("hypervisor_hostname", "hypervisor_hostname", hypervisor_hostname, V2_74),
            ("hostname", "hostname", hostname, V2_90),
        ):
            if value is not None:
                self._require(label, since=since)
                server[key] = value
        body: dict[str, Any] = {"server": bodies.in_boot_order(server)}
        if scheduler_hints:
            body["os:scheduler_hints"] = dict(scheduler_hints)
        response = self._create_raw("/servers", body)
        if reserve:
            return ReservationId(
                str(self._envelope(response, "reservation_id")), response.request_ids
            )
        return self._one(response, "server")

    def update(
        self,
        server: str | Server,
        name: str | None = None,
        description: str | None = None,
        hostname: str | None = None,
    ) -> Server:
        """Rename a server, change its description or hostname (PUT ``/servers/{id}``).

        As in python-novaclient, None leaves a value unchanged.

        Args:
            server: a server or its id.
            name: the new name (1 to 255 characters).
            description: the new description (2.19+); "" removes it.
            hostname: the hostname the metadata server gives the guest (2.90+).

        Returns:
            The updated server.

        Raises:
            ValidationError: nothing to change, or a bad value (nothing is sent).
            UnsupportedAttribute: description before 2.19, hostname before 2.90.
            NotFound: no such server.
        """
        body: dict[str, Any] = {}
        if name is not None:
            body["name"] = validators.name(name, "name")
        if description is not None:
            body["description"] = validators.text(description, "description") or None
        if hostname is not None:
            body["hostname"] = validators.name(hostname, "hostname")
        if not body:
            raise validators.fail(
                "name, description or hostname", "given (there is nothing to update)", echo=False
            )
        if "description" in body:
            self._require("description", since=V2_19)
        if "hostname" in body:
            self._require("hostname", since=V2_90)
        return self._update(server_url(server), {"server": body}, "server")

    def rebuild(
        self,
        server: str | Server,
        image: str | Resource,
        password: str | None = None,
        disk_config: str | None = None,
        preserve_ephemeral: bool = False,
        name: str | None = None,
        meta: dict[str, str] | None = None,
        files: Mapping[str, Data] | None = None,
        *,
        description: str | Unset | None = UNSET,
        key_name: str | Unset | None = UNSET,
        userdata: Data | Unset | None = UNSET,
        trusted_image_certificates: _Strings | Unset | None = UNSET,
        hostname: str | Unset | None = UNSET,
        metadata: dict[str, str] | None = None,
        user_data: Data | Unset | None = UNSET,
    ) -> Server:
        """Rebuild a server from an image (its disk is replaced).

        The keyword-only arguments change a value when given: None removes it.

        Args:
            server: a server or its id.
            image: the image or its id.
            password: the new admin password.
            disk_config: "AUTO" or "MANUAL".
            preserve_ephemeral: keep the ephemeral disk.
            name: a new name.
            metadata (python-novaclient: ``meta``): replaces the server's metadata.
            files: ``{path: contents or open file}`` personality files (up to 2.56).
            description: 2.19+.  key_name: 2.54+.
            user_data (``userdata``): text, bytes or an open file (2.57+).
            trusted_image_certificates: 1 to 50 ids (2.63+).  hostname: 2.90+.

        Returns:
            The server as Nova returns it after the rebuild started.

        Raises:
            TypeError: an argument given under both its names.
            ValidationError, UnsupportedAttribute: before sending.
            NotFound, Conflict, BadRequest: from Nova.
        """
        metadata = compat.one_of("metadata", metadata, "meta", meta)
        user_data = compat.one_of("user_data", user_data, "userdata", userdata, unset=UNSET)
        body: dict[str, Any] = {"imageRef": str(getid(image))}
        if password is not None:
            body["adminPass"] = password
        if disk_config is not None:
            body["OS-DCF:diskConfig"] = compat.disk_config(disk_config)
        if preserve_ephemeral:
            body["preserve_ephemeral"] = True
        if name is not None:
            body["name"] = validators.name(name, "name")
        if metadata is not None:
            body["metadata"] = bodies.check_metadata(metadata)
        if files:
            self._require("files", until=V2_56)
            body["personality"] = compat.personality(files)
        for label, value, since in (
            ("description", description, V2_19),
            ("key_name", key_name, V2_54),
            ("trusted_image_certificates", trusted_image_certificates, V2_63),
            ("hostname", hostname, V2_90),
            ("user_data", user_data, V2_57),
        ):
            if not isinstance(value, Unset):
                self._require(label, since=since)
                body[label] = _rebuild_value(label, value)
        return self._one(server_action(self, server, "rebuild", body), "server")


def _unversioned(
    legacy: Mapping[str, str] | None,
    disk_config: str | None,
    access_ip_v4: str | None,
    access_ip_v6: str | None,
) -> dict[str, Any]:
    """The boot keys of python-novaclient's arguments that every microversion has."""
    keys: dict[str, Any] = {}
    if legacy:
        keys["block_device_mapping"] = compat.legacy_block_devices(legacy)
    if disk_config is not None:
        keys["OS-DCF:diskConfig"] = compat.disk_config(disk_config)
    if access_ip_v4 is not None:
        keys["accessIPv4"] = compat.access_ip(access_ip_v4, 4)
    if access_ip_v6 is not None:
        keys["accessIPv6"] = compat.access_ip(access_ip_v6, 6)
    return keys


def _rebuild_value(label: str, value: Any) -> Any:
    """A rebuild key's value, checked (None stays None: it removes the value)."""
    if value is None:
        return None
    if label == "description":
        return validators.text(value, "description")
    if label == "trusted_image_certificates":
        return compat.certificate_ids(value)
    if label == "hostname":
        return validators.name(value, "hostname")
    if label == "user_data":
        return bodies.encode_user_data(compat.read_data(value))
    return value
