"""The servers of a hypervisor host, for the host-wide commands (not a command module).

Used by :mod:`.hosts` (host-meta) and :mod:`.server_moves` (host-evacuate,
host-evacuate-live, host-servers-migrate).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions

if TYPE_CHECKING:
    from novaclient_lite.v2.client import Client


def host_servers(cs: Client, host: str, strict: bool) -> list[dict[str, Any]]:
    """The servers (``uuid``, ``name``) of the hypervisors matching ``host``.

    With ``strict`` only the hypervisor whose hostname is exactly ``host``.

    Raises:
        NotFound: no hypervisor matches (``strict``: none has exactly that name).
    """
    servers: list[dict[str, Any]] = []
    for hyper in cs.hypervisors.search(host, servers=True):
        if strict and hyper.get("hypervisor_hostname") != host:
            continue
        servers.extend(hyper.get("servers") or [])
        if strict:
            return servers
    if strict:
        raise exceptions.ResourceNotFound(f"No hypervisor matching '{host}' could be found.")
    return servers
