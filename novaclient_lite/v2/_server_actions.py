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
from novaclient_lite.base import Manager, Resource, getid, quote
from novaclient_lite.http import Response
from novaclient_lite.v2 import _server_body as bodies

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server


class ServerActions(Manager["Server"]):
    """Actions on one server; every method takes a server or its id."""

    # -- actions ------------------------------------------------------------------------

    def _url(self, server: str | Server) -> str:
        return f"/servers/{quote(getid(server))}"

    def _act(self, server: str | Server, action: str, info: Any = None) -> Response:
        return self._action(self._url(server) + "/action", action, info)

    def reboot(self, server: str | Server, reboot_type: str = "SOFT") -> None:
        """Reboot a server.

        Args:
            server: a server or its id.
            reboot_type: "SOFT" (ask the guest) or "HARD" (power cycle).

        Raises:
            ValidationError: another reboot type.  NotFound, Conflict: from Nova.
        """
        if not isinstance(reboot_type, str) or reboot_type.upper() not in ("SOFT", "HARD"):
            raise validators.fail("reboot_type", "'SOFT' or 'HARD'", reboot_type)
        self._act(server, "reboot", {"type": reboot_type.upper()})

    def stop(self, server: str | Server) -> None:
        """Power a server off (``os-stop``).  Raises NotFound, Conflict (wrong state)."""
        self._act(server, "os-stop")

    def start(self, server: str | Server) -> None:
        """Power a server on (``os-start``).  Raises NotFound, Conflict (wrong state)."""
        self._act(server, "os-start")

    def pause(self, server: str | Server) -> None:
        """Pause a server in memory.  Raises NotFound, Conflict (wrong state)."""
        self._act(server, "pause")

    def unpause(self, server: str | Server) -> None:
        """Unpause a paused server.  Raises NotFound, Conflict (wrong state)."""
        self._act(server, "unpause")

    def suspend(self, server: str | Server) -> None:
        """Suspend a server to disk.  Raises NotFound, Conflict (wrong state)."""
        self._act(server, "suspend")

    def resume(self, server: str | Server) -> None:
        """Resume a suspended server.  Raises NotFound, Conflict (wrong state)."""
        self._act(server, "resume")

    def lock(self, server: str | Server, reason: str | None = None) -> None:
        """Lock a server against changes by non-admins.

        Args:
            server: a server or its id.
            reason: why (1 to 255 characters; 2.73+).

        Raises:
            UnsupportedAttribute: a reason before 2.73.  ValidationError: a bad
            reason.  NotFound: no such server.
        """
        if reason is None:
            self._act(server, "lock")
            return
        self._require("reason", since=V2_73)
        validators.name(reason, "reason")
        self._act(server, "lock", {"locked_reason": reason})

    def unlock(self, server: str | Server) -> None:
        """Unlock a server.  Raises NotFound."""
        self._act(server, "unlock")

    def rescue(
        self, server: str | Server, password: str | None = None, image: str | Resource | None = None
    ) -> str | None:
        """Boot a server into rescue mode.

        Args:
            server: a server or its id.
            password: the rescue admin password (Nova generates one if None).
            image: the rescue image (default: the server's image).

        Returns:
            The rescue ``adminPass`` (None when the deployment hides it).

        Raises:
            NotFound, Conflict (wrong state), BadRequest.
        """
        info: dict[str, Any] = {}
        if password is not None:
            info["adminPass"] = password
        if image is not None:
            info["rescue_image_ref"] = str(getid(image))
        answer = self._act(server, "rescue", info or None).body
        password_out = answer.get("adminPass") if isinstance(answer, Mapping) else None
        return str(password_out) if password_out is not None else None

    def unrescue(self, server: str | Server) -> None:
        """Leave rescue mode.  Raises NotFound, Conflict (not rescued)."""
        self._act(server, "unrescue")

    def resize(self, server: str | Server, flavor: str | Resource) -> None:
        """Resize to another flavor; confirm or revert afterwards.

        Raises:
            NotFound, BadRequest (same flavor, too small disk), Conflict, Forbidden (quota).
        """
        self._act(server, "resize", {"flavorRef": str(getid(flavor))})

    def confirm_resize(self, server: str | Server) -> None:
        """Confirm a resize (VERIFY_RESIZE -> ACTIVE).  Raises NotFound, Conflict."""
        self._act(server, "confirmResize")

    def revert_resize(self, server: str | Server) -> None:
        """Revert a resize to the old flavor.  Raises NotFound, Conflict."""
        self._act(server, "revertResize")

    # -- images and backups ---------------------------------------------------------------

    def create_image(
        self, server: str | Server, name: str, metadata: dict[str, str] | None = None
    ) -> str:
        """Snapshot a server to a new image (``createImage``).

        Args:
            server: a server or its id.
            name: the image name (1 to 255 characters).
            metadata: image properties (same rules as server metadata).

        Returns:
            The new image's id.

        Raises:
            ValidationError: bad name or metadata (nothing is sent).
            NotFound, Conflict (wrong state), Forbidden (quota).
            InvalidResponse: Nova's answer carries no image id.
        """
        info: dict[str, Any] = {"name": validators.name(name, "name")}
        if metadata is not None:
            info["metadata"] = bodies.check_metadata(metadata)
        found = image_id(self._act(server, "createImage", info), self.api_version)
        if found is None:
            raise no_image_id("createImage")
        return found

    def backup(
        self,
        server: str | Server,
        name: str,
        backup_type: str,
        rotation: int,
        metadata: dict[str, str] | None = None,
    ) -> str | None:
        """Back a server up (``createBackup``) and rotate old backups.

        Nova then deletes the oldest images of ``backup_type`` beyond
        ``rotation`` (``rotation=0`` deletes them all, the new one included).

        Args:
            server: a server or its id.
            name: the image name (1 to 255 characters).
            backup_type: e.g. "daily" or "weekly".
            rotation: how many backups of this type to keep (>= 0).
            metadata: image properties.

        Returns:
            The new image's id; None before 2.45 with ``rotation=0``, when
            Nova returns no Location header.

        Raises:
            ValidationError: bad arguments (nothing is sent).
            NotFound, Conflict, BadRequest (e.g. a volume-backed server).
        """
        info: dict[str, Any] = {
            "name": validators.name(name, "name"),
            "backup_type": validators.name(backup_type, "backup_type"),
            "rotation": validators.non_negative_int(rotation, "rotation"),
        }
        if metadata is not None:
            info["metadata"] = bodies.check_metadata(metadata)
        return image_id(self._act(server, "createBackup", info), self.api_version)

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
        found = image_id(self._act(server, action, info), self.api_version)
        if found is None:
            raise no_image_id(action)
        return found

    # -- metadata and console ---------------------------------------------------------------

    def set_meta(self, server: str | Server, metadata: dict[str, str]) -> dict[str, str]:
        """Add or replace metadata items (POST ``/servers/{id}/metadata``).

        Returns:
            The server's whole metadata after the change.

        Raises:
            ValidationError: empty or invalid metadata.  NotFound, Forbidden (quota).
        """
        if not metadata:
            raise validators.fail("metadata", "at least one key=value item", metadata)
        response = self._create_raw(
            self._url(server) + "/metadata", {"metadata": bodies.check_metadata(metadata)}
        )
        return dict(self._envelope(response, "metadata"))

    def delete_meta(self, server: str | Server, keys: list[str]) -> None:
        """Delete metadata items, one DELETE per key.

        Raises:
            NotFound: no such server or key.
        """
        for key in keys:
            self._delete(f"{self._url(server)}/metadata/{quote(key)}")

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
        response = self._act(server, "os-getConsoleOutput", info)
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


def no_image_id(action: str) -> exceptions.InvalidResponse:
    """The error for an image action whose answer names no image."""
    return exceptions.InvalidResponse(
        f"Nova accepted {action} but returned no image id (no 'image_id' in the body and "
        "no Location header); look for the new image in the image service."
    )
