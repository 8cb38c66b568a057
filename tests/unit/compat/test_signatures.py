"""Every public method of python-novaclient 18.13.1's managers and resources exists here
with the same positional and keyword arguments, order and defaults.

python-novaclient is the copy installed beside the venv by
tests/reference_novaclient.py (never imported by novaclient_lite itself).
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from tests.reference_novaclient import importable
from tests.unit.compat.signatures import compare

#: python-novaclient class (module:Class under novaclient.v2) -> ours (under novaclient_lite.v2).
CLASSES = {
    "agents:AgentsManager": "agents:AgentsManager",
    "agents:Agent": "agents:Agent",
    "aggregates:AggregateManager": "aggregates:AggregateManager",
    "aggregates:Aggregate": "aggregates:Aggregate",
    "assisted_volume_snapshots:AssistedSnapshotManager": (
        "assisted_volume_snapshots:AssistedSnapshotManager"
    ),
    "assisted_volume_snapshots:Snapshot": "assisted_volume_snapshots:Snapshot",
    "availability_zones:AvailabilityZoneManager": "availability_zones:AvailabilityZoneManager",
    "availability_zones:AvailabilityZone": "availability_zones:AvailabilityZone",
    "flavors:FlavorManager": "flavors:FlavorManager",
    "flavors:Flavor": "flavors:Flavor",
    "hypervisors:HypervisorManager": "hypervisors:HypervisorManager",
    "hypervisors:Hypervisor": "hypervisors:Hypervisor",
    "hypervisors:HypervisorStatsManager": "hypervisors:HypervisorStatsManager",
    "hypervisors:HypervisorStats": "hypervisors:HypervisorStats",
    "images:GlanceManager": "images:GlanceManager",
    "images:Image": "images:Image",
    "instance_action:InstanceActionManager": "instance_actions:InstanceActionManager",
    "instance_action:InstanceAction": "instance_actions:InstanceAction",
    "instance_usage_audit_log:InstanceUsageAuditLogManager": (
        "instance_usage_audit_log:InstanceUsageAuditLogManager"
    ),
    "instance_usage_audit_log:InstanceUsageAuditLog": (
        "instance_usage_audit_log:InstanceUsageAuditLog"
    ),
    "keypairs:KeypairManager": "keypairs:KeypairManager",
    "keypairs:Keypair": "keypairs:Keypair",
    "limits:LimitsManager": "limits:LimitsManager",
    "limits:Limits": "limits:Limits",
    "networks:NeutronManager": "networks:NeutronManager",
    "networks:Network": "networks:Network",
    "quota_classes:QuotaClassSetManager": "quota_classes:QuotaClassSetManager",
    "quota_classes:QuotaClassSet": "quota_classes:QuotaClassSet",
    "quotas:QuotaSetManager": "quotas:QuotaSetManager",
    "quotas:QuotaSet": "quotas:QuotaSet",
    "server_groups:ServerGroupsManager": "server_groups:ServerGroupManager",
    "server_groups:ServerGroup": "server_groups:ServerGroup",
    "servers:ServerManager": "servers:ServerManager",
    "servers:Server": "servers:Server",
    "services:ServiceManager": "services:ServiceManager",
    "services:Service": "services:Service",
    "usage:UsageManager": "usage:UsageManager",
    "usage:Usage": "usage:Usage",
    "versions:VersionManager": "versions:VersionManager",
    "versions:Version": "versions:Version",
    # The managers issue 12 added.
    "migrations:MigrationManager": "migrations:MigrationManager",
    "server_migrations:ServerMigrationsManager": "server_migrations:ServerMigrationsManager",
    "server_external_events:ServerExternalEventManager": (
        "server_external_events:ServerExternalEventManager"
    ),
    "volumes:VolumeManager": "volumes:VolumeManager",
    "flavor_access:FlavorAccessManager": "flavor_access:FlavorAccessManager",
}

#: Deliberate differences, each with its reason (also in docs/porting.md, "Python API").
DIFFERENCES: dict[str, str] = {
    "servers:Server.live_migrate": (
        "python-novaclient's block_migration defaults to False until 2.24 and to None "
        "('auto') from 2.25; one signature cannot default to both, so ours is None, which "
        "sends False before 2.25 and 'auto' from 2.25, the same requests"
    ),
    "assisted_volume_snapshots:Snapshot.delete": (
        "python-novaclient's calls manager.delete(self) without the delete_info that "
        "manager.delete requires, so it always raises TypeError; ours takes delete_info"
    ),
}

#: python-novaclient machinery that is not part of the compute API.
_BASE_NAMES = frozenset(
    "add_hook run_hooks completion_cache write_to_completion_cache alternate_service_type "
    "convert_into_with_meta client api_version request_ids_setup append_request_ids "
    "request_ids human_id is_loaded set_loaded set_info to_dict transform_userdata "
    "NAME_ATTR HUMAN_ID resource_class".split()
)


def _theirs(key: str) -> type[Any]:
    module, name = key.split(":")
    return getattr(importlib.import_module(f"novaclient.v2.{module}"), name)  # type: ignore[no-any-return]


def _ours(key: str) -> type[Any] | None:
    module, name = CLASSES[key].split(":")
    try:
        return getattr(importlib.import_module(f"novaclient_lite.v2.{module}"), name, None)
    except ImportError:
        return None


def _public(cls: type[Any]) -> Iterator[str]:
    for name in sorted(dir(cls)):
        if name.startswith("_") or name in _BASE_NAMES:
            continue
        if callable(getattr(cls, name)) or isinstance(inspect.getattr_static(cls, name), property):
            yield name


def _cases() -> list[str]:
    with importable():
        return [f"{key}.{name}" for key in CLASSES for name in _public(_theirs(key))]


CASES = _cases()


def _skip_reason(case: str) -> str | None:
    if case in DIFFERENCES:
        return f"deliberate difference: {DIFFERENCES[case]}"
    return None


@pytest.mark.parametrize("case", CASES)
def test_method_matches_python_novaclient(case: str) -> None:
    reason = _skip_reason(case)
    if reason:
        pytest.skip(reason)
    key, name = case.rsplit(".", 1)
    with importable():
        theirs_cls = _theirs(key)
        ours_cls = _ours(key)
        assert ours_cls is not None, f"novaclient_lite.v2.{CLASSES[key]} is missing"
        theirs = inspect.getattr_static(theirs_cls, name)
        ours = inspect.getattr_static(ours_cls, name, None)
        assert ours is not None, f"{CLASSES[key]}.{name} is missing (python-novaclient has it)"
        if isinstance(theirs, property):
            return  # an attribute: existing is enough
        if isinstance(theirs, (staticmethod, classmethod)):
            theirs = getattr(theirs_cls, name)
        problems = compare(getattr(theirs_cls, name), getattr(ours_cls, name))
        assert not problems, f"{CLASSES[key]}.{name}: " + "; ".join(problems)


def test_every_difference_names_a_real_method() -> None:
    # The difference list names only real python-novaclient methods.
    classes = set(CLASSES)
    for entry in DIFFERENCES:
        assert entry in CASES or entry in classes, f"{entry} is no python-novaclient method"
