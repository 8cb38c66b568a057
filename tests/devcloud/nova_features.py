"""What the dev cloud adds to nova for commands its stock test fixtures cannot serve.

Imported by server_nova.py (after eventlet's monkey patching, like all of nova):

* security groups through Nova (``add-secgroup``/``remove-secgroup``/``list-secgroup``):
  the lookups the in-memory Neutron fixture lacks, and a second group;
* the console services (VNC, SPICE, serial, MKS) switched on for ``get-*-console``;
* the live-migration patch of the fake virt driver: the source forgets a
  live-migrated guest, and a server with :data:`HOLD_LIVE_MIGRATION` metadata
  stays "running" until force-complete or abort;
* soft delete for opted-in servers only (``restore``/``force-delete``);
* nova's metadata API behind the Neutron-proxy settings (``get-password``).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterable
from typing import Any

import fixtures
from nova.compute import api as compute_api
from nova.tests import fixtures as nova_fixtures
from nova.virt import fake as fake_virt

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

# --- security groups through Nova (add-secgroup, remove-secgroup, list-secgroup) ----
# Nova proxies these to Neutron; nova's NeutronFixture lacks neutronclient's
# find_resource and show_security_group and keeps its group's rules as ids.
#: A second group besides the fixture's "default", so adding and removing one shows.
WEB_SECURITY_GROUP = {
    "id": "5b4e9a2c-7f0d-4c1e-9d3a-2b6f8e1c0a47",
    "name": "devcloud-web",
    "description": "Web servers (dev cloud)",
    "tenant_id": nova_fixtures.NeutronFixture.tenant_id,
    "project_id": nova_fixtures.NeutronFixture.tenant_id,
    "security_group_rules": [],
}


def _find_security_group(
    self: Any, resource: str, name_or_id: str, project_id: Any = None, *args: Any, **kw: Any
) -> dict[str, Any]:
    """neutronclient's ``find_resource`` for security groups: by id, then by unique
    name; every project sees every group (as the Network API view does)."""
    from neutronclient.common import exceptions as neutron_exc

    groups = list(self._security_groups.values()) if resource == "security_group" else []
    found = [g for g in groups if g["id"] == name_or_id] or [
        g for g in groups if g["name"] == name_or_id
    ]
    if len(found) > 1:
        raise neutron_exc.NeutronClientNoUniqueMatch(resource=resource, name=name_or_id)
    if not found:
        raise neutron_exc.NotFound(
            message=f"Unable to find {resource} with name or id '{name_or_id}'"
        )
    return {"id": found[0]["id"]}


def _show_security_group(self: Any, group_id: str, **_params: Any) -> dict[str, Any]:
    from neutronclient.common import exceptions as neutron_exc

    if group_id not in self._security_groups:
        raise neutron_exc.NotFound(message=f"Security group {group_id} does not exist")
    return {"security_group": copy.deepcopy(self._security_groups[group_id])}


def security_groups_through_nova() -> None:
    """Give NeutronFixture what Nova's security-group proxy calls, Neutron's rule
    shapes (objects, not ids) and the second group WEB_SECURITY_GROUP."""
    fixture = nova_fixtures.NeutronFixture
    real_init = fixture.__init__
    rules = {
        rule["id"]: rule
        for rule in (
            fixture.security_group_rule_ip4_ingress,
            fixture.security_group_rule_ip4_egress,
            fixture.security_group_rule_ip6_ingress,
            fixture.security_group_rule_ip6_egress,
        )
    }

    def init(self: Any, test: Any) -> None:
        real_init(self, test)
        self._security_groups = {
            group["id"]: {
                **copy.deepcopy(group),
                "security_group_rules": [
                    copy.deepcopy(rules[r]) for r in group["security_group_rules"]
                ],
            }
            for group in (fixture.security_group, WEB_SECURITY_GROUP)
        }

    fixture.__init__ = init  # type: ignore[method-assign]
    fixture.find_resource = _find_security_group  # type: ignore[attr-defined]
    fixture.show_security_group = _show_security_group  # type: ignore[attr-defined]


# --- consoles ------------------------------------------------------------------
def enable_consoles(flags: Callable[..., None]) -> None:
    """Turn on every console type Nova 34 still serves, for get-*-console: VNC
    (on by default), SPICE, serial and MKS.  The fake driver answers each with a
    fake host; nova-api returns a token URL on the default proxy base URLs.
    (RDP needs no switch: Nova removed it in 29.0.0 and refuses it.)"""
    for group in ("vnc", "spice", "serial_console", "mks"):
        flags(enabled=True, group=group)


# --- live migration (tests/functional/test_server_moves.py) -------------------
#: Server metadata key: with the value "true", a live migration of the server
#: stays "running" until live-migration-force-complete or -abort (at most
#: HOLD_SECONDS), like upstream's FakeLiveMigrateDriver but per server.
HOLD_LIVE_MIGRATION = "devcloud-hold-live-migration"
HOLD_SECONDS = 30.0
#: server uuid -> "running" | "complete" | "abort" while a migration is held.
_HELD: dict[str, str] = {}


def _held(instance: Any) -> bool:
    try:
        return (instance.metadata or {}).get(HOLD_LIVE_MIGRATION) == "true"
    except Exception:  # no metadata loaded: a plain migration
        return False


def live_migration(
    self: Any,
    context: Any,
    instance: Any,
    dest: str,
    post_method: Callable[..., Any],
    recover_method: Callable[..., Any],
    block_migration: bool = False,
    migrate_data: Any = None,
) -> None:
    """Finish at once (upstream's fake), or hold while the server asks for it."""
    if _held(instance):
        _HELD[instance.uuid] = "running"
        deadline = time.monotonic() + HOLD_SECONDS
        while _HELD.get(instance.uuid) == "running" and time.monotonic() < deadline:
            time.sleep(0.05)  # eventlet's: the compute keeps serving
        if _HELD.pop(instance.uuid, None) == "abort":
            recover_method(context, instance, dest, migrate_data, migration_status="cancelled")
            return
    post_method(context, instance, dest, block_migration, migrate_data)


def live_migration_force_complete(self: Any, instance: Any) -> None:
    if _HELD.get(instance.uuid) == "running":
        _HELD[instance.uuid] = "complete"


def live_migration_abort(self: Any, instance: Any) -> None:
    if _HELD.get(instance.uuid) == "running":
        _HELD[instance.uuid] = "abort"


def post_live_migration(
    self: Any, context: Any, instance: Any, block_device_info: Any, migrate_data: Any = None
) -> None:
    """The source forgets the guest (upstream's fake keeps it, so evacuating the
    server back to that host later fails with InstanceExists)."""
    self.destroy(context, instance, network_info=None, block_device_info=block_device_info)


def patch_live_migration() -> None:
    """Install the live-migration behaviour above on the fake virt driver."""
    fake_virt.FakeDriver.live_migration = live_migration
    fake_virt.FakeDriver.live_migration_force_complete = live_migration_force_complete
    fake_virt.FakeDriver.live_migration_abort = live_migration_abort
    fake_virt.FakeDriver.post_live_migration = post_live_migration


# --- soft delete (force-delete / restore) -------------------------------------
#: Server metadata key that makes ``DELETE /servers/{id}`` a soft delete.
SOFT_DELETE_KEY = "devcloud-soft-delete"


def soft_delete_for_opted_in_servers(env: Any) -> None:
    """``[DEFAULT]reclaim_instance_interval`` > 0, so Nova soft-deletes and
    ``restore``/``forceDelete`` have a SOFT_DELETED server to act on; but only
    for servers whose metadata holds :data:`SOFT_DELETE_KEY`.

    Every other DELETE stays a real delete: the functional fixtures run no
    periodic tasks (``periodic_enable = False``), so nothing would ever reclaim
    a soft-deleted server, and other suites' ``delete --wait`` and quotas count
    on servers going away.
    """
    env.flags(reclaim_instance_interval=3600)
    real_soft_delete = compute_api.API.soft_delete

    def soft_delete(self: Any, context: Any, instance: Any) -> Any:
        if SOFT_DELETE_KEY in (instance.metadata or {}):
            return real_soft_delete(self, context, instance)
        return self.delete(context, instance)

    env.useFixture(fixtures.MonkeyPatch("nova.compute.api.API.soft_delete", soft_delete))


# --- metadata API (the guest's password for get-password) --------------------
#: The shared secret of the metadata API's Neutron-proxy mode: a request names
#: its server with ``X-Instance-ID``, ``X-Tenant-ID`` and
#: ``X-Instance-ID-Signature`` = HMAC-SHA256(secret, instance id), hex.
METADATA_SECRET = "devcloud-metadata-secret"


def metadata_proxy_settings(env: Any) -> None:
    """Serve nova's metadata API as behind Neutron's metadata proxy, so a test
    can play the guest and POST ``/openstack/latest/password`` (stored by
    nova's own code in system_metadata ``password_0..3``)."""
    env.flags(service_metadata_proxy=True, group="neutron")
    env.flags(metadata_proxy_shared_secret=METADATA_SECRET, group="neutron")


def metadata_app() -> WSGIApp:
    """Nova's metadata API WSGI app (mounted at /metadata on the noauth port)."""
    from nova.api.metadata import handler

    app: WSGIApp = handler.MetadataRequestHandler()
    return app
