"""Helpers shared by the server command modules (not a command module itself).

Name lookup, acting on a server by name or ID, ``--wait`` and the server record
as ``show`` prints it; used by :mod:`.servers`, :mod:`.server_actions` and
:mod:`.instance_actions`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions
from novaclient_lite.find import looks_like_uuid
from novaclient_lite.shell import output, waiting

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.servers import Server

SERVER_HELP = "Name or ID of server."
SERVERS_HELP = "Name or ID of server(s)."


def find_server(cs: Client, name_or_id: str, all_tenants: bool | int = False) -> Server:
    """A server by UUID or exact name (``all_tenants``: search every project by name)."""
    return cs.servers.find(name_or_id, all_tenants=bool(all_tenants))


def act_on_server(cs: Client, target: str, call: Callable[[str], object],
                  all_tenants: bool | int = False) -> str:
    """Run ``call(server_id)`` on the server ``target`` names; returns the id used.

    A UUID is tried as an id by the action itself, one request instead of a
    GET and the action; only a 404 sends it through the name lookup, so the
    result and the errors are those of :func:`find_server` (ID first, then name).
    """
    if looks_like_uuid(target):
        try:
            call(target)
            return target
        except exceptions.NotFound:
            pass
    server_id = str(find_server(cs, target, all_tenants).id)
    call(server_id)
    return server_id


def image_ref(value: str) -> str:
    """An image ID as given; a name cannot be resolved without the Image API."""
    if looks_like_uuid(value):
        return value
    raise exceptions.CommandError(
        f"'{value}' is not an image ID. This client does not use the Image API (Glance) "
        "to look up image names: pass the image's ID (see 'openstack image list')."
    )



def wait(cs: Client, args: Namespace, server_id: str, ready: set[str]) -> Server:
    """Wait (``--wait``) until the server is in ``ready`` with no task running."""
    return waiting.wait_for_server(cs, server_id, args.env, ready=ready, task_state_clear=True,
                                   timeout=args.wait_timeout)


def server_record(cs: Client, server: Server, *, minimal: bool = False,
                  admin_pass: str | None = None) -> output.Record:
    """A server as python-novaclient's ``show`` prints it (networks, flavor, image flattened)."""
    info = server.to_dict()
    for label, addresses in sorted(server.networks.items()):
        info[f"{label} network"] = ", ".join(addresses)
    flavor = info.pop("flavor", None) or {}
    if "original_name" in flavor:  # 2.47+: the flavor is embedded
        if minimal:
            info["flavor"] = flavor["original_name"]
        else:
            info.update({f"flavor:{key}": value for key, value in flavor.items()})
    elif flavor:
        info["flavor"] = flavor.get("id") if minimal else _flavor_label(cs, flavor.get("id"))
    image = info.get("image")
    info["image"] = (image.get("id") if isinstance(image, dict) else image) or (
        "Attempt to boot from volume - no image supplied")
    if isinstance(info.get("security_groups"), list):
        info["security_groups"] = ", ".join(
            sorted({str(g.get("name")) for g in info["security_groups"]}))
    for key in ("links", "addresses", "OS-EXT-SRV-ATTR:user_data"):
        info.pop(key, None)
    if admin_pass is not None:
        info["adminPass"] = admin_pass
    return output.Record(info)


def _flavor_label(cs: Client, flavor_id: Any) -> str:
    try:
        return f"{cs.flavors.get(str(flavor_id)).name} ({flavor_id})"
    except exceptions.ClientException:
        return f"Flavor not found ({flavor_id})"
