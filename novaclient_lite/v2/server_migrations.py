"""The migrations of one server (``/servers/{id}/migrations``): list, show, force, abort."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from novaclient_lite.api_versions import V2_22, V2_23, V2_24
from novaclient_lite.base import RequestIds, Resource, ResourceList, TupleWithMeta, getid, quote
from novaclient_lite.find import ManagerWithFind
from novaclient_lite.v2._paths import server_url

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server


class ServerMigration(Resource):
    """An in-progress live migration of a server, with its memory and disk progress."""

    repr_keys = ("status",)


class ServerMigrationsManager(ManagerWithFind[ServerMigration]):
    """``/servers/{id}/migrations`` (python-novaclient's ``cs.server_migrations``).

    ``find``/``findall`` need the server: ``findall(server=vm, status="running")``.
    """

    resource_class = ServerMigration

    def _findall_query(self, attrs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        if "server" not in attrs:
            raise TypeError("server_migrations.findall() needs server=<server or id>")
        return {"server": attrs.pop("server")}, attrs

    def _url(self, server: str | Server, migration: Any = None) -> str:
        url = f"{server_url(server)}/migrations"
        return url if migration is None else f"{url}/{quote(getid(migration))}"

    def list(self, server: str | Server) -> ResourceList[ServerMigration]:
        """The server's in-progress live migrations (2.23+; Nova sends them in one page).

        Args:
            server: a server or its id.

        Returns:
            The migrations (empty when none is running).

        Raises:
            UnsupportedAttribute: before 2.23 (nothing is sent).  NotFound: no such server.
        """
        self._require("server_migrations.list", since=V2_23)
        return self._list(self._url(server), "migrations")

    def iter(self, server: str | Server) -> Iterator[ServerMigration]:
        """Like :meth:`list`, lazily: the request is sent when the iteration starts.

        Raises:
            UnsupportedAttribute: before 2.23, at the call.  NotFound: while iterating.
        """
        self._require("server_migrations.list", since=V2_23)
        return self._iter(self._url(server), "migrations")

    def get(self, server: str | Server, migration: Any) -> ServerMigration:
        """One in-progress live migration of the server (2.23+).

        Args:
            server: a server or its id.
            migration: the migration's id (or a migration).

        Raises:
            UnsupportedAttribute: before 2.23 (nothing is sent).
            NotFound: no such server, or no such migration in progress.
        """
        self._require("server_migrations.get", since=V2_23)
        return self._get(self._url(server, migration), "migration")

    def live_migrate_force_complete(self, server: str | Server, migration: Any) -> TupleWithMeta:
        """Make a running live migration finish now, pausing the server if need be (2.22+).

        Args:
            server: a server or its id.
            migration: the migration's id (or a migration).

        Raises:
            UnsupportedAttribute: before 2.22 (nothing is sent).
            BadRequest: the migration is not running.  Conflict: the server is
            not migrating.  NotFound: no such server.
        """
        self._require("live_migrate_force_complete", since=V2_22)
        return self._nothing(
            self._action(self._url(server, migration) + "/action", "force_complete")
        )

    def live_migration_abort(self, server: str | Server, migration: Any) -> RequestIds:
        """Cancel a live migration that is running (or, from 2.65, queued) (2.24+).

        Args:
            server: a server or its id.
            migration: the migration's id (or a migration).

        Raises:
            UnsupportedAttribute: before 2.24 (nothing is sent).
            BadRequest: the migration cannot be aborted in its state.
            Conflict: the server is not migrating.  NotFound: no such migration.
        """
        self._require("live_migration_abort", since=V2_24)
        return RequestIds(self._delete(self._url(server, migration)).request_ids)


__all__ = ["ServerMigration", "ServerMigrationsManager"]
