"""Volume attachments of a server (``/servers/{id}/os-volume_attachments``).

python-novaclient's ``VolumeManager`` (``cs.volumes``): attach, swap or update,
read and detach the Cinder volumes of a server.  The volumes themselves live
in Cinder; Nova only keeps the attachments.
"""

from __future__ import annotations

import warnings
from typing import Any

from novaclient_lite.api_versions import V2_49, V2_79, V2_85
from novaclient_lite.base import Manager, Resource, ResourceList, getid, quote
from novaclient_lite.v2._paths import server_url


class Volume(Resource):
    """One attachment: ``volumeId``, ``serverId``, ``device``; ``tag`` (2.70+),
    ``delete_on_termination`` (2.79+), ``attachment_id`` and ``bdm_uuid`` (2.89+)."""

    repr_keys = ("volumeId", "device")
    NAME_ATTR = "display_name"

    @property
    def id(self) -> Any:
        """The volume's id: Nova's ``id`` before 2.89, which is the ``volumeId`` it
        still sends from 2.89 on (where it dropped ``id``)."""
        return self._info.get("id", self._info.get("volumeId"))


def _volume_id(volume_id: str | None, attachment_id: str | None, method: str) -> str:
    """python-novaclient's argument rule: ``volume_id``, or the deprecated ``attachment_id``."""
    if attachment_id is not None and volume_id is not None:
        raise TypeError("You cannot specify both volume_id and attachment_id arguments.")
    if attachment_id is not None:
        warnings.warn(
            f"attachment_id argument of volumes.{method} method is deprecated in favor "
            "of volume_id.",
            DeprecationWarning,
            stacklevel=3,
        )
        volume_id = attachment_id
    if volume_id is None:
        raise TypeError("volume_id is required argument.")
    return volume_id


class VolumeManager(Manager[Volume]):
    """``/servers/{id}/os-volume_attachments``: the volumes attached to a server."""

    resource_class = Volume

    def _url(self, server_id: Any, volume_id: Any = None) -> str:
        url = f"{server_url(server_id)}/os-volume_attachments"
        return url if volume_id is None else f"{url}/{quote(getid(volume_id))}"

    def create_server_volume(
        self,
        server_id: str | Resource,
        volume_id: str,
        device: str | None = None,
        tag: str | None = None,
        delete_on_termination: bool = False,
    ) -> Volume | None:
        """Attach a volume to a server (POST ``os-volume_attachments``).

        Args:
            server_id: a server or its id.
            volume_id: the Cinder volume's id.
            device: the device name (``/dev/vdb``); None lets Nova choose.
            tag: a device tag for the guest's metadata (2.49+).
            delete_on_termination: delete the volume with the server (2.79+;
                sent only when true, as python-novaclient does).

        Returns:
            The new attachment as Nova describes it; None from 2.101, where
            Nova attaches asynchronously and answers without a body (read it
            later with :meth:`get_server_volumes`).

        Raises:
            UnsupportedAttribute: ``tag`` before 2.49, ``delete_on_termination``
                before 2.79 (nothing is sent).
            NotFound: no such server or volume.  BadRequest: a bad device or
                volume.  Conflict: the server is locked or in a wrong state.
        """
        attachment: dict[str, Any] = {"volumeId": volume_id}
        if device is not None:
            attachment["device"] = device
        if tag is not None:
            self._require("tag", since=V2_49)
            attachment["tag"] = tag
        if delete_on_termination:
            self._require("delete_on_termination", since=V2_79)
            attachment["delete_on_termination"] = True
        response = self._create_raw(self._url(server_id), {"volumeAttachment": attachment})
        # NOTE: from 2.101 Nova answers 202 with no body (the attach is asynchronous).
        return None if response.body is None else self._one(response, "volumeAttachment")

    def update_server_volume(
        self,
        server_id: str | Resource,
        src_volid: str,
        dest_volid: str,
        delete_on_termination: bool | None = None,
    ) -> list[str]:
        """Swap an attached volume for another, or update the attachment (PUT).

        With ``dest_volid`` different from ``src_volid`` Nova moves the data to
        the new volume and attaches it in place of the old one (admin; Nova 34
        accepts it only for a volume Cinder is migrating).  With the same id,
        from 2.85, only ``delete_on_termination`` changes.

        Args:
            server_id: a server or its id.
            src_volid: the attached volume.
            dest_volid: the volume to attach instead (or ``src_volid``).
            delete_on_termination: delete the volume with the server (2.85+).

        Returns:
            The request ids of the response (Nova sends no body).

        Raises:
            UnsupportedAttribute: ``delete_on_termination`` before 2.85 (nothing is sent).
            NotFound: no such server or attachment.  Conflict: the volume is not
                migrating, or the server is locked.  Forbidden: not an admin.
        """
        attachment: dict[str, Any] = {"volumeId": dest_volid}
        if delete_on_termination is not None:
            self._require("delete_on_termination", since=V2_85)
            attachment["delete_on_termination"] = bool(delete_on_termination)
        return self._update_raw(
            self._url(server_id, src_volid), {"volumeAttachment": attachment}
        ).request_ids

    def get_server_volume(
        self,
        server_id: str | Resource,
        volume_id: str | None = None,
        attachment_id: str | None = None,
    ) -> Volume:
        """One attachment of a server, by the attached volume's id.

        Args:
            server_id: a server or its id.
            volume_id: the attached volume's id.
            attachment_id: deprecated name of ``volume_id`` (python-novaclient's).

        Raises:
            TypeError: neither or both of ``volume_id`` and ``attachment_id``.
            NotFound: no such server, or the volume is not attached to it.
        """
        volume_id = _volume_id(volume_id, attachment_id, "get_server_volume")
        return self._get(self._url(server_id, volume_id), "volumeAttachment")

    def get_server_volumes(self, server_id: str | Resource) -> ResourceList[Volume]:
        """Every volume attached to a server (one GET, as python-novaclient).

        Raises:
            NotFound: no such server.
        """
        return self._many(self._get_raw(self._url(server_id)), "volumeAttachments")

    def delete_server_volume(
        self,
        server_id: str | Resource,
        volume_id: str | None = None,
        attachment_id: str | None = None,
    ) -> list[str]:
        """Detach a volume from a server (Nova detaches asynchronously).

        Args:
            server_id: a server or its id.
            volume_id: the attached volume's id.
            attachment_id: deprecated name of ``volume_id`` (python-novaclient's).

        Returns:
            The request ids of the response.

        Raises:
            TypeError: neither or both of ``volume_id`` and ``attachment_id``.
            NotFound: no such server, or the volume is not attached to it.
            BadRequest: the server's root volume.  Conflict: locked or busy.
        """
        volume_id = _volume_id(volume_id, attachment_id, "delete_server_volume")
        return self._delete(self._url(server_id, volume_id)).request_ids


__all__ = ["Volume", "VolumeManager"]
