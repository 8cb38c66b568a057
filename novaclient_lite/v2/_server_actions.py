"""Server actions (``POST /servers/{id}/action``), images, backups, metadata, console.

Also reads the image id Nova returns for ``createImage``/``createBackup``.

The base of :class:`novaclient_lite.v2.servers.ServerManager`; kept apart so
each module stays small.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions, validators
from novaclient_lite.api_versions import V2_45, V2_73, APIVersion
from novaclient_lite.base import (
    DictWithMeta,
    Resource,
    StrWithMeta,
    TupleWithMeta,
    getid,
)
from novaclient_lite.http import Response
from novaclient_lite.v2 import _server_body as bodies
from novaclient_lite.v2._paths import server_action
from novaclient_lite.v2._server_meta import ServerMetadata
from novaclient_lite.with_meta import response_and_body

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server


class ServerActions(ServerMetadata):
    """Actions on one server; every method takes a server or its id."""

    # -- actions ------------------------------------------------------------------------

    def reboot(self, server: str | Server, reboot_type: str = "SOFT") -> TupleWithMeta:
        """Reboot a server.

        Args:
            server: a server or its id.
            reboot_type: "SOFT" (ask the guest) or "HARD" (power cycle).

        Raises:
            ValidationError: another reboot type.  NotFound, Conflict: from Nova.
        """
        if not isinstance(reboot_type, str) or reboot_type.upper() not in ("SOFT", "HARD"):
            raise validators.fail("reboot_type", "'SOFT' or 'HARD'", reboot_type)
        return self._nothing(server_action(self, server, "reboot", {"type": reboot_type.upper()}))

    def stop(self, server: str | Server) -> TupleWithMeta:
        """Power a server off (``os-stop``); ``(response, None)``, as python-novaclient.

        Raises NotFound, Conflict (wrong state).
        """
        return response_and_body(server_action(self, server, "os-stop"))

    def start(self, server: str | Server) -> TupleWithMeta:
        """Power a server on (``os-start``).  Raises NotFound, Conflict (wrong state)."""
        return self._nothing(server_action(self, server, "os-start"))

    def pause(self, server: str | Server) -> TupleWithMeta:
        """Pause a server in memory.  Raises NotFound, Conflict (wrong state)."""
        return self._nothing(server_action(self, server, "pause"))

    def unpause(self, server: str | Server) -> TupleWithMeta:
        """Unpause a paused server.  Raises NotFound, Conflict (wrong state)."""
        return self._nothing(server_action(self, server, "unpause"))

    def suspend(self, server: str | Server) -> TupleWithMeta:
        """Suspend a server to disk.  Raises NotFound, Conflict (wrong state)."""
        return self._nothing(server_action(self, server, "suspend"))

    def resume(self, server: str | Server) -> TupleWithMeta:
        """Resume a suspended server.  Raises NotFound, Conflict (wrong state)."""
        return self._nothing(server_action(self, server, "resume"))

    def lock(self, server: str | Server, reason: str | None = None) -> TupleWithMeta:
        """Lock a server against changes by non-admins.

        Args:
            server: a server or its id.
            reason: why (1 to 255 characters; 2.73+).

        Raises:
            UnsupportedAttribute: a reason before 2.73.  ValidationError: a bad
            reason.  NotFound: no such server.
        """
        if reason is None:
            return self._nothing(server_action(self, server, "lock"))
        self._require("reason", since=V2_73)
        validators.name(reason, "reason")
        return self._nothing(server_action(self, server, "lock", {"locked_reason": reason}))

    def unlock(self, server: str | Server) -> TupleWithMeta:
        """Unlock a server.  Raises NotFound."""
        return self._nothing(server_action(self, server, "unlock"))

    def rescue(
        self, server: str | Server, password: str | None = None, image: str | Resource | None = None
    ) -> TupleWithMeta:
        """Boot a server into rescue mode.

        Args:
            server: a server or its id.
            password: the rescue admin password (Nova generates one if None).
            image: the rescue image (default: the server's image).

        Returns:
            ``(response, body)`` as python-novaclient returns them; ``body`` holds
            the rescue ``adminPass`` (absent when the deployment hides it).

        Raises:
            NotFound, Conflict (wrong state), BadRequest.
        """
        info: dict[str, Any] = {}
        if password is not None:
            info["adminPass"] = password
        if image is not None:
            info["rescue_image_ref"] = str(getid(image))
        return response_and_body(server_action(self, server, "rescue", info or None))

    def unrescue(self, server: str | Server) -> TupleWithMeta:
        """Leave rescue mode.  Raises NotFound, Conflict (not rescued)."""
        return self._nothing(server_action(self, server, "unrescue"))

    def resize(
        self, server: str | Server, flavor: str | Resource, disk_config: str | None = None
    ) -> TupleWithMeta:
        """Resize to another flavor; confirm or revert afterwards.

        Args:
            server: a server or its id.
            flavor: the new flavor or its id.
            disk_config: "AUTO" or "MANUAL" (``OS-DCF:diskConfig``).

        Raises:
            ValidationError: another disk_config (nothing is sent).
            NotFound, BadRequest (same flavor, too small disk), Conflict, Forbidden (quota).
        """
        info: dict[str, Any] = {"flavorRef": str(getid(flavor))}
        if disk_config is not None:
            if disk_config not in ("AUTO", "MANUAL"):
                raise validators.fail("disk_config", "'AUTO' or 'MANUAL'", disk_config)
            info["OS-DCF:diskConfig"] = disk_config
        return self._nothing(server_action(self, server, "resize", info))

    def confirm_resize(self, server: str | Server) -> TupleWithMeta:
        """Confirm a resize (VERIFY_RESIZE -> ACTIVE).  Raises NotFound, Conflict."""
        return self._nothing(server_action(self, server, "confirmResize"))

    def revert_resize(self, server: str | Server) -> TupleWithMeta:
        """Revert a resize to the old flavor.  Raises NotFound, Conflict."""
        return self._nothing(server_action(self, server, "revertResize"))

    # -- images and backups ---------------------------------------------------------------

    def create_image(
        self, server: str | Server, image_name: str, metadata: dict[str, str] | None = None
    ) -> StrWithMeta:
        """Snapshot a server to a new image (``createImage``).

        Args:
            server: a server or its id.
            image_name: the image name (1 to 255 characters).
            metadata: image properties (same rules as server metadata).

        Returns:
            The new image's id (a ``str`` with ``request_ids``).

        Raises:
            ValidationError: bad name or metadata (nothing is sent).
            NotFound, Conflict (wrong state), Forbidden (quota).
            InvalidResponse: Nova's answer carries no image id.
        """
        info: dict[str, Any] = {"name": validators.name(image_name, "name")}
        if metadata is not None:
            info["metadata"] = bodies.check_metadata(metadata)
        response = server_action(self, server, "createImage", info)
        found = image_id(response, self.api_version)
        if found is None:
            raise no_image_id("createImage")
        return StrWithMeta(found, response.request_ids)

    def backup(
        self,
        server: str | Server,
        backup_name: str,
        backup_type: str,
        rotation: int,
        metadata: dict[str, str] | None = None,
    ) -> DictWithMeta | TupleWithMeta:
        """Back a server up (``createBackup``) and rotate old backups.

        Nova then deletes the oldest images of ``backup_type`` beyond
        ``rotation`` (``rotation=0`` deletes them all, the new one included).

        Args:
            server: a server or its id.
            backup_name: the image name (1 to 255 characters).
            backup_type: e.g. "daily" or "weekly".
            rotation: how many backups of this type to keep (>= 0).
            metadata: image properties.

        Returns:
            As python-novaclient: from 2.45 ``{"image_id": <id>}``, before ``()``
            (both with ``request_ids``); :func:`backup_image_id` reads the id of
            either (before 2.45 from the Location header, absent with
            ``rotation=0``).

        Raises:
            ValidationError: bad arguments (nothing is sent).
            NotFound, Conflict, BadRequest (e.g. a volume-backed server).
        """
        info: dict[str, Any] = {
            "name": validators.name(backup_name, "name"),
            "backup_type": validators.name(backup_type, "backup_type"),
            "rotation": validators.non_negative_int(rotation, "rotation"),
        }
        if metadata is not None:
            info["metadata"] = bodies.check_metadata(metadata)
        response = server_action(self, server, "createBackup", info)
        found = image_id(response, self.api_version)
        if self.api_version >= V2_45:
            return DictWithMeta({"image_id": found}, response.request_ids)
        result = TupleWithMeta((), response.request_ids)
        result.image_id = found  # type: ignore[attr-defined]
        return result

    def backup_instance(
        self,
        server: str | Server,
        name: str,
        description: str,
        *,
        rotation: int | None = None,
        backup_type: str = "daily",
    ) -> str:
        """Back a server up to an image whose ``description`` property says why.

        Without ``rotation`` this is a quick backup (``createImage``) that
        deletes nothing.  With ``rotation=N`` it is a ``createBackup`` of
        ``backup_type``: **Nova then deletes the oldest backups of that type
        beyond the N newest.**

        Args:
            server: a server or its id.
            name: the image name (1 to 255 characters).
            description: stored as the image's ``description`` property (<= 255).
            rotation: keep this many backups of ``backup_type`` (>= 1); None
                for a quick backup.
            backup_type: the backup type rotated by ``rotation``.

        Returns:
            The new image's id.

        Raises:
            ValidationError: empty or too long name, description over 255
                characters, rotation below 1 (nothing is sent).
            NotFound, Conflict (wrong state), Forbidden (quota), BadRequest.
            InvalidResponse: Nova's answer carries no image id.
        """
        validators.name(name, "name")
        metadata = {"description": validators.text(description, "description")}
        if rotation is None:
            action = "createImage"
            info: dict[str, Any] = {"name": name, "metadata": metadata}
        else:
            if rotation == 0 and not isinstance(rotation, bool):
                # NOTE: rotation=0 would make Nova delete the new backup too.
                raise validators.fail(
                    "rotation",
                    "a positive integer (0 would delete every backup of this "
                    "type, the new one included; omit it for a quick backup)",
                    rotation,
                )
            action = "createBackup"
            info = {
                "name": name,
                "backup_type": validators.name(backup_type, "backup_type"),
                "rotation": validators.positive_int(rotation, "rotation"),
                "metadata": metadata,
            }
        found = image_id(server_action(self, server, action, info), self.api_version)
        if found is None:
            raise no_image_id(action)
        return found

    # -- console ----------------------------------------------------------------------------

    def get_console_output(self, server: str | Server, length: int | None = None) -> str:
        """The server's console log (``os-getConsoleOutput``).

        Args:
            server: a server or its id.
            length: only the last ``length`` lines (None or -1: all).

        Returns:
            The console text.

        Raises:
            ValidationError: a negative length other than -1 (nothing is sent).
            NotFound, Conflict (server not running), NotImplemented (driver).
        """
        info = (
            {} if length is None else {"length": validators.integer(length, "length", minimum=-1)}
        )
        response = server_action(self, server, "os-getConsoleOutput", info)
        return str(self._envelope(response, "output"))


def image_id(response: Response, version: APIVersion) -> str | None:
    """The image id of a createImage/createBackup answer.

    From 2.45 it is the body's ``image_id``; before, the last path segment of
    the Location header (absent for createBackup with rotation 0).
    """
    body = response.body
    if version >= V2_45 and isinstance(body, Mapping) and body.get("image_id"):
        return str(body["image_id"])
    location = response.headers.get("Location") or response.headers.get("location")
    if location:
        segment = urllib.parse.urlsplit(location).path.rstrip("/").rsplit("/", 1)[-1]
        if segment:
            return segment
    if isinstance(body, Mapping) and body.get("image_id"):
        return str(body["image_id"])
    return None


def backup_image_id(result: DictWithMeta | TupleWithMeta) -> str | None:
    """The image id of a :meth:`ServerActions.backup` result, at any microversion."""
    if isinstance(result, dict):
        return None if result.get("image_id") is None else str(result["image_id"])
    return getattr(result, "image_id", None)


def no_image_id(action: str) -> exceptions.InvalidResponse:
    """The error for an image action whose answer names no image."""
    return exceptions.InvalidResponse(
        f"Nova accepted {action} but returned no image id (no 'image_id' in the body and "
        "no Location header); look for the new image in the image service."
    )
