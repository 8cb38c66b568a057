"""Migrations of every server (``/os-migrations``, admin): moves, resizes, evacuations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from novaclient_lite.api_versions import V2_59, V2_66, V2_80, APIVersion
from novaclient_lite.base import Resource, ResourceList
from novaclient_lite.find import ManagerWithFind

#: Filters by their query name: the microversion that introduced each (None: always).
_FILTERS: dict[str, APIVersion | None] = {
    "host": None,
    "status": None,
    "instance_uuid": None,
    "migration_type": None,
    "source_compute": None,
    "marker": V2_59,
    "changes-since": V2_59,
    "changes-before": V2_66,
    "user_id": V2_80,
    "project_id": V2_80,
}


class Migration(Resource):
    """One migration record (``id``; ``uuid`` from 2.59; ``user_id``/``project_id`` from 2.80)."""

    repr_keys = ("migration_type", "status")


class MigrationManager(ManagerWithFind[Migration]):
    """``/os-migrations`` (python-novaclient's ``cs.migrations``); ``findall(status=...)``
    matches on one listing."""

    resource_class = Migration

    def list(
        self,
        host: str | None = None,
        status: str | None = None,
        instance_uuid: str | None = None,
        marker: str | None = None,
        limit: int | None = None,
        changes_since: str | None = None,
        changes_before: str | None = None,
        migration_type: str | None = None,
        source_compute: str | None = None,
        user_id: str | None = None,
        project_id: str | None = None,
    ) -> ResourceList[Migration]:
        """List migrations, newest first: every page, or at most ``limit``.

        Args:
            host: the source or destination host.
            status: e.g. "completed", "error", "running".
            instance_uuid: one server's migrations.
            marker: the ``uuid`` of the last migration already seen (2.59+).
            limit: at most this many migrations (2.59+).
            changes_since, changes_before: ISO 8601 times on ``updated_at``
                (2.59+ and 2.66+).
            migration_type: "evacuation", "live-migration", "migration" (cold)
                or "resize".
            source_compute: the source compute host.
            user_id, project_id: whose servers (2.80+).

        Returns:
            The migrations, with the ``request_ids`` of every page.

        Raises:
            UnsupportedAttribute: a filter the negotiated microversion lacks
                (nothing is sent; an older Nova would ignore it and list too much).
            ValidationError: ``limit`` is not a positive integer.
            BadRequest: a malformed filter (e.g. a time).  Forbidden: not an admin.
        """
        params = self._params(
            host,
            status,
            instance_uuid,
            marker,
            limit,
            changes_since,
            changes_before,
            migration_type,
            source_compute,
            user_id,
            project_id,
        )
        return self._list("/os-migrations", "migrations", params=params, limit=limit)

    def iter(
        self,
        host: str | None = None,
        status: str | None = None,
        instance_uuid: str | None = None,
        marker: str | None = None,
        limit: int | None = None,
        changes_since: str | None = None,
        changes_before: str | None = None,
        migration_type: str | None = None,
        source_compute: str | None = None,
        user_id: str | None = None,
        project_id: str | None = None,
    ) -> Iterator[Migration]:
        """Like :meth:`list`, but lazily: each page is fetched when it is reached.

        Raises:
            UnsupportedAttribute, ValidationError: as for :meth:`list`, at the
                call (nothing is sent).
            BadRequest, Forbidden: as for :meth:`list`, while iterating.
        """
        params = self._params(
            host,
            status,
            instance_uuid,
            marker,
            limit,
            changes_since,
            changes_before,
            migration_type,
            source_compute,
            user_id,
            project_id,
        )
        return self._iter("/os-migrations", "migrations", params=params, limit=limit)

    def _params(
        self,
        host: str | None,
        status: str | None,
        instance_uuid: str | None,
        marker: str | None,
        limit: int | None,
        changes_since: str | None,
        changes_before: str | None,
        migration_type: str | None,
        source_compute: str | None,
        user_id: str | None,
        project_id: str | None,
    ) -> dict[str, Any]:
        if limit is not None:
            self._require("limit", since=V2_59)
        params = {
            "host": host,
            "status": status,
            "instance_uuid": instance_uuid,
            "migration_type": migration_type,
            "source_compute": source_compute,
            "marker": marker,
            "changes-since": changes_since,
            "changes-before": changes_before,
            "user_id": user_id,
            "project_id": project_id,
        }
        for key, value in params.items():
            since = _FILTERS[key]
            if value is not None and since is not None:
                self._require(key, since=since)
        return params


__all__ = ["Migration", "MigrationManager"]
