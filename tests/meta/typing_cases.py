"""Checked by mypy --strict in tests/meta/test_typing.py (never run, never collected).

Managers are generic, so what they return is typed without casts; and a
misspelt manager is a type error (the plugin ``Client.__getattr__`` is hidden
from type checkers): the ``type: ignore`` below must stay *used*.
"""

from __future__ import annotations

from typing import Any, assert_type

from novaclient_lite import Client
from novaclient_lite.base import ResourceList, TupleWithMeta
from novaclient_lite.v2.aggregates import Aggregate
from novaclient_lite.v2.assisted_volume_snapshots import Snapshot
from novaclient_lite.v2.availability_zones import AvailabilityZone
from novaclient_lite.v2.flavors import Flavor
from novaclient_lite.v2.hypervisors import Hypervisor, HypervisorStats
from novaclient_lite.v2.images import Image
from novaclient_lite.v2.instance_actions import InstanceAction
from novaclient_lite.v2.instance_usage_audit_log import InstanceUsageAuditLog
from novaclient_lite.v2.keypairs import Keypair
from novaclient_lite.v2.migrations import Migration
from novaclient_lite.v2.networks import Network
from novaclient_lite.v2.quota_classes import QuotaClassSet
from novaclient_lite.v2.server_groups import ServerGroup
from novaclient_lite.v2.server_migrations import ServerMigration
from novaclient_lite.v2.servers import Server
from novaclient_lite.v2.services import Service
from novaclient_lite.v2.usage import Usage
from novaclient_lite.v2.versions import Version


def check() -> None:
    cs = Client("2.latest", auth_token="t", endpoint_override="http://compute.invalid/v2.1")
    assert_type(cs.flavors.get("1"), Flavor)
    assert_type(cs.flavors.list(), ResourceList[Flavor])
    assert_type(cs.servers.get("1"), Server)
    assert_type(next(cs.servers.iter()), Server)
    assert_type(next(cs.flavors.iter()), Flavor)
    assert_type(next(cs.keypairs.iter()), Keypair)
    assert_type(next(cs.server_groups.iter()), ServerGroup)
    assert_type(next(cs.instance_actions.iter("1")), InstanceAction)
    assert_type(cs.migrations.list(), ResourceList[Migration])
    assert_type(next(cs.migrations.iter()), Migration)
    assert_type(cs.server_migrations.get("1", 2), ServerMigration)
    assert_type(cs.servers.evacuate("1"), TupleWithMeta)
    assert_type(next(cs.availability_zones.iter()), AvailabilityZone)
    assert_type(next(cs.versions.iter()), Version)
    assert_type(next(cs.aggregates.iter()), Aggregate)
    assert_type(next(cs.hypervisors.iter()), Hypervisor)
    assert_type(next(cs.services.iter()), Service)
    assert_type(cs.hypervisors.find("h"), Hypervisor)
    assert_type(cs.hypervisor_stats.statistics(), HypervisorStats)
    assert_type(cs.aggregates.add_host(1, "h"), Aggregate)
    assert_type(cs.flavors.create("f", 512, 1, 1), Flavor)
    assert_type(cs.servers.update("1", name="x"), Server)
    assert_type(cs.servers.set_tags("1", ["a"]), Server)
    assert_type(cs.servers.tag_list("1"), list[str])
    assert_type(cs.servers.get_console_url("1", "novnc"), dict[str, Any])
    assert_type(cs.keypairs.get("k"), Keypair)
    assert_type(cs.instance_actions.list("1")[0], InstanceAction)
    assert_type(cs.glance.find_image("cirros"), Image)
    assert_type(cs.glance.list(), ResourceList[Image])
    assert_type(cs.neutron.find_network("private"), Network)
    assert_type(cs.quota_classes.get("default"), QuotaClassSet)
    assert_type(cs.usage.list_all("2026-01-01", "2026-02-01"), ResourceList[Usage])
    assert_type(cs.usage.get("p", "2026-01-01", "2026-02-01"), Usage)
    assert_type(cs.instance_usage_audit_log.get(), InstanceUsageAuditLog)
    assert_type(cs.assisted_volume_snapshots.create("v", {}), Snapshot)
    cs.flavorz  # type: ignore[attr-defined]  # noqa: B018
