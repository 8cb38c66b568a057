"""Assisted volume snapshots: Cinder asks Nova to snapshot an attached volume (library only)."""

from __future__ import annotations

import json
from typing import Any

from novaclient_lite import validators
from novaclient_lite.base import Manager, RequestIds, Resource, getid, quote
from novaclient_lite.resource_methods import attach

_URL = "/os-assisted-volume-snapshots"


class Snapshot(Resource):
    """``{"id": ..., "volumeId": ...}``: the snapshot Nova created for Cinder."""

    repr_keys = ("volumeId",)


class AssistedSnapshotManager(Manager[Snapshot]):
    """``/os-assisted-volume-snapshots`` (meant for Cinder's service user, not end users)."""

    resource_class = Snapshot

    def create(self, volume_id: str, create_info: dict[str, Any]) -> Snapshot:
        """Ask Nova to snapshot an attached volume.

        Args:
            volume_id: the Cinder volume attached to a server.
            create_info: Cinder's description, e.g. ``{"snapshot_id": ...,
                "type": "qcow2", "new_file": ...}``.

        Raises:
            ValidationError: an empty volume id (nothing is sent).
            BadRequest: a ``create_info`` Nova refuses.  NotFound: the volume
            is not attached.  Forbidden: not an admin.
        """
        body = {
            "snapshot": {
                "volume_id": validators.name(volume_id, "volume_id"),
                "create_info": create_info,
            }
        }
        return self._create(_URL, body, "snapshot")

    def delete(self, snapshot: str | Snapshot, delete_info: dict[str, Any]) -> RequestIds:
        """Delete an assisted snapshot: DELETE ``.../{id}?delete_info=<JSON>``.

        Returns:
            The request ids of the response.

        Raises:
            ValidationError: an empty snapshot id (nothing is sent).
            NotFound: no such snapshot.  Forbidden: not an admin.
        """
        snapshot_id = validators.name(str(getid(snapshot)), "snapshot")
        return RequestIds(
            self._delete(
                f"{_URL}/{quote(snapshot_id)}", params={"delete_info": json.dumps(delete_info)}
            ).request_ids
        )


#: python-novaclient's Snapshot methods: each calls the manager's method of that name
#: with the snapshot first.
attach(Snapshot, ("delete",))


__all__ = ["AssistedSnapshotManager", "Snapshot"]
