"""``cs.migrations``: a manager that novaclient_lite itself does not have."""

from __future__ import annotations

from novaclient_lite.base import Manager, Resource, ResourceList


class Migration(Resource):
    """A migration or resize (``source_compute``, ``dest_compute``, ``status``)."""

    repr_keys = ("status",)


class MigrationManager(Manager[Migration]):
    """``/os-migrations`` (admin)."""

    resource_class = Migration

    def list(self) -> ResourceList[Migration]:
        """List migrations.

        Raises:
            Forbidden: without the admin role.
        """
        return self._list("/os-migrations", "migrations")
