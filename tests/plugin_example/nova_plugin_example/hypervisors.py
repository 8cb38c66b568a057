"""``cs.hypervisors``: a manager that novaclient_lite itself does not have."""

from __future__ import annotations

from novaclient_lite.base import Manager, Resource, ResourceList


class Hypervisor(Resource):
    """A compute node (``hypervisor_hostname``, ``state``, ``status``)."""

    repr_keys = ("hypervisor_hostname",)


class HypervisorManager(Manager[Hypervisor]):
    """``/os-hypervisors`` (admin)."""

    resource_class = Hypervisor

    def list(self) -> ResourceList[Hypervisor]:
        """List hypervisors.

        Raises:
            Forbidden: without the admin role.
        """
        return self._list("/os-hypervisors", "hypervisors")
