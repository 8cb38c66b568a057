"""What is attached to a server: network interfaces (``os-interface``) and security groups.

A base of :class:`novaclient_lite.v2.servers.ServerManager` (``cs.servers``);
the volume attachments are their own manager, ``cs.volumes``
(:mod:`novaclient_lite.v2.volumes`), as in python-novaclient.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from novaclient_lite.api_versions import V2_49
from novaclient_lite.base import Manager, Resource, ResourceList, TupleWithMeta, quote
from novaclient_lite.v2._paths import server_action, server_url

if TYPE_CHECKING:
    from novaclient_lite.http import Response
    from novaclient_lite.v2.servers import Server


class NetworkInterface(Resource):
    """A port attached to a server: ``port_id``, ``net_id``, ``mac_addr``,
    ``port_state``, ``fixed_ips``; ``tag`` from 2.70."""

    repr_keys = ("net_id",)

    @property
    def id(self) -> Any:
        """The port's id (an interface has no ``id`` of its own)."""
        return self._info.get("port_id")


class SecurityGroup(Resource):
    """A security group of a server, as Nova shows it (``id``, ``name``,
    ``description``, ``rules``, ``tenant_id``)."""

    def __str__(self) -> str:
        return str(self.id)


T = TypeVar("T", bound=Resource)


def _wrapped(
    manager: Manager[Any], cls: type[T], items: list[Any], response: Response
) -> ResourceList[T]:
    """Each item as a ``cls`` (not the manager's Server) with the response's request ids."""
    ids = response.request_ids
    return ResourceList([cls(manager, item, request_ids=ids) for item in items], ids)


class ServerAttach(Manager["Server"]):
    """Interfaces and security groups of one server; every method takes a server or its id."""

    # -- network interfaces -------------------------------------------------------------

    def interface_list(self, server: str | Server) -> ResourceList[NetworkInterface]:
        """The ports attached to a server (GET ``os-interface``).

        Args:
            server: a server or its id.

        Returns:
            The interfaces (``tag`` from 2.70).

        Raises:
            NotFound: no such server.
        """
        response = self._get_raw(server_url(server) + "/os-interface")
        items = self._items(response, "interfaceAttachments")
        return _wrapped(self, NetworkInterface, items, response)

    def interface_attach(
        self,
        server: str | Server,
        port_id: str | None,
        net_id: str | None,
        fixed_ip: str | None,
        tag: str | None = None,
    ) -> NetworkInterface:
        """Attach a port, or a new port on a network, to a server (POST ``os-interface``).

        As python-novaclient, empty values are left out; with neither a port
        nor a network Nova picks the network.  Nova refuses a port together
        with a network, and a fixed IP without a network (BadRequest).

        Args:
            server: a server or its id.
            port_id: an existing port to attach.
            net_id: a network to make a new port on.
            fixed_ip: the IP address the new port asks for (with ``net_id``).
            tag: a device tag for the guest's metadata (2.49+).

        Returns:
            The new interface (Nova waits for the attach before answering).

        Raises:
            UnsupportedAttribute: ``tag`` before 2.49 (nothing is sent).
            BadRequest, NotFound (no such port or network), Conflict (port in
                use, server locked): from Nova.
        """
        attachment: dict[str, Any] = {}
        if port_id:
            attachment["port_id"] = port_id
        if net_id:
            attachment["net_id"] = net_id
        if fixed_ip:
            attachment["fixed_ips"] = [{"ip_address": fixed_ip}]
        if tag:
            self._require("tag", since=V2_49)
            attachment["tag"] = tag
        response = self._create_raw(
            server_url(server) + "/os-interface", {"interfaceAttachment": attachment}
        )
        info = self._envelope(response, "interfaceAttachment")
        return NetworkInterface(self, info, request_ids=response.request_ids)

    def interface_detach(self, server: str | Server, port_id: str) -> list[str]:
        """Detach a port from a server (Nova detaches asynchronously).

        Args:
            server: a server or its id.
            port_id: the attached port.

        Returns:
            The request ids of the response.

        Raises:
            NotFound: no such server, or the port is not attached to it.
            Conflict: the server is locked or busy.
        """
        url = f"{server_url(server)}/os-interface/{quote(port_id)}"
        return self._delete(url).request_ids

    # -- security groups ----------------------------------------------------------------

    def add_security_group(self, server: str | Server, security_group: str) -> TupleWithMeta:
        """Add a security group to every port of a server (``addSecurityGroup``).

        Args:
            server: a server or its id.
            security_group: the group's name or id (Nova asks Neutron).

        Raises:
            NotFound: no such server or group, or the server has no port.
            BadRequest: a port cannot take security groups.  NoUniqueMatch
                (Conflict): several groups have that name.
        """
        return self._nothing(
            server_action(self, server, "addSecurityGroup", {"name": security_group})
        )

    def remove_security_group(self, server: str | Server, security_group: str) -> TupleWithMeta:
        """Remove a security group from a server's ports (``removeSecurityGroup``).

        Args:
            server: a server or its id.
            security_group: the group's name or id.

        Raises:
            NotFound: no such server or group, or the group is not on the server.
        """
        return self._nothing(
            server_action(self, server, "removeSecurityGroup", {"name": security_group})
        )

    def list_security_group(self, server: str | Server) -> ResourceList[SecurityGroup]:
        """The security groups of a server's ports (GET ``os-security-groups``).

        Args:
            server: a server or its id.

        Raises:
            NotFound: no such server.
        """
        response = self._get_raw(server_url(server) + "/os-security-groups")
        return _wrapped(self, SecurityGroup, self._items(response, "security_groups"), response)


__all__ = ["NetworkInterface", "SecurityGroup", "ServerAttach"]
