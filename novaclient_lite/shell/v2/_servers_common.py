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
from novaclient_lite.shell.multi import for_each

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.images import Image
    from novaclient_lite.v2.servers import Server

SERVER_HELP = "Name or ID of server."
SERVERS_HELP = "Name or ID of server(s)."
IMAGE_HELP = "Name or ID of image (names are looked up in the Image API)."
#: The states a server can be snapshotted in (its own state is unchanged afterwards).
SNAPSHOT_READY = {"ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"}


def find_server(cs: Client, name_or_id: str, all_tenants: bool | int = False) -> Server:
    """A server by UUID or exact name (``all_tenants``: search every project by name)."""
    return cs.servers.find(name_or_id, all_tenants=bool(all_tenants))


def act_on_server(
    cs: Client, target: str, call: Callable[[str], object], all_tenants: bool | int = False
) -> str:
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


def on_each_server(
    cs: Client,
    args: Namespace,
    what: str,
    call: Callable[[str], object],
    ready: set[str] | None = None,
    line: Callable[[str], str] | None = None,
) -> output.Results:
    """Run ``call`` on every ``args.server`` (``shell/multi.py``'s ``for_each``).

    With ``--wait``, each server is waited for until it is in ``ready``; else
    ``line(target)`` (default: "Request to <what> server <target> has been
    accepted.") is its result line.  ``--all-tenants`` looks names up in every project.
    """

    def one(target: str) -> str | None:
        server_id = act_on_server(cs, target, call, getattr(args, "all_tenants", 0))
        if ready and args.wait:
            done = wait(cs, args, server_id, ready)
            return f"Server {target} is {done.get('status')}."
        return line(target) if line else None

    return for_each(args.env, args.server, one, what=f"{what} server")


def network_ids(
    cs: Client, nics: str | list[dict[str, str]] | None
) -> str | list[dict[str, str]] | None:
    """``--nic net-name=NAME`` entries with the network's id (one Network API GET per name)."""
    if not isinstance(nics, list):
        return nics
    found: dict[str, str] = {}
    resolved = []
    for nic in nics:
        nic = dict(nic)
        name = nic.pop("net-name", None)
        if name is not None:
            if name not in found:
                found[name] = str(cs.neutron.find_network(name).id)
            nic["uuid"] = found[name]
        resolved.append(nic)
    return resolved


def wait_for_image(
    cs: Client, args: Namespace, image_id: str | None, server_id: str
) -> Image | None:
    """``--wait`` for a snapshot: the image ``active``, then the server's task done.

    Both waits share the one ``--wait-timeout``; without an image id (a backup
    before 2.45 sends none) only the server is waited for.
    """
    started = args.env.clock()
    image = (
        waiting.wait_for_image(cs, image_id, args.env, timeout=args.wait_timeout)
        if image_id
        else None
    )
    # NOTE: the task state clears a little after the image is active (python-novaclient
    # polls both too), and a snapshot taken before that would fail.
    left = max(0.0, args.wait_timeout - (args.env.clock() - started))
    waiting.wait_for_server(
        cs, server_id, args.env, ready=SNAPSHOT_READY, task_state_clear=True, timeout=left
    )
    return image


def image_record(
    cs: Client, image_id: str | None, name: str, server_id: str, image: Image | None = None
) -> output.Record | None:
    """A new image's Image API record (one GET unless ``image`` is it), as python-novaclient's
    ``_print_image``; without an image service, what Nova said (id, name, server).
    None when Nova gave no image id."""
    if not image_id:
        return None
    try:
        return output.Record((image or cs.glance.get(image_id)).to_dict())
    except exceptions.EndpointNotFound:
        return output.Record({"id": image_id, "name": name, "server": server_id})


def wait(cs: Client, args: Namespace, server_id: str, ready: set[str]) -> Server:
    """Wait (``--wait``) until the server is in ``ready`` with no task running."""
    return waiting.wait_for_server(
        cs, server_id, args.env, ready=ready, task_state_clear=True, timeout=args.wait_timeout
    )


def server_record(
    cs: Client,
    server: Server,
    *,
    minimal: bool = False,
    admin_pass: str | None = None,
    image: Image | None = None,
) -> output.Record:
    """A server as python-novaclient's ``show`` prints it (networks, flavor, image flattened).

    The image is ``name (id)``: one Image API GET, none with ``minimal`` or when
    ``image`` (already looked up by name) is the server's.
    """
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
    image_ref = info.get("image")
    image_id = image_ref.get("id") if isinstance(image_ref, dict) else image_ref
    if not image_id:
        info["image"] = "Attempt to boot from volume - no image supplied"
    else:
        info["image"] = image_id if minimal else _image_label(cs, str(image_id), image)
    if isinstance(info.get("security_groups"), list):
        info["security_groups"] = ", ".join(
            sorted({str(g.get("name")) for g in info["security_groups"]})
        )
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


def _image_label(cs: Client, image_id: str, known: Image | None) -> str:
    if known is not None and known.id == image_id and known.get("name") is not None:
        return f"{known.name} ({image_id})"
    try:
        return f"{cs.glance.get(image_id).name} ({image_id})"
    except exceptions.EndpointNotFound:  # no Image API to ask: the id is all there is
        return image_id
    except exceptions.ClientException:
        return f"Image not found ({image_id})"


def admin_pass(result: tuple[Any, ...]) -> str | None:
    """The ``adminPass`` in the body of a ``(response, body)`` result (rescue, evacuate)."""
    body = result[1] if len(result) > 1 else None
    password = body.get("adminPass") if isinstance(body, dict) else None
    return None if password is None else str(password)
