"""The v2 ``Client``: one HTTP session, one attribute per resource manager."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite import api_versions
from novaclient_lite.http import HTTPClient, RetryPolicy
from novaclient_lite.services import ServiceClient
from novaclient_lite.session import auth_from_credentials, build_session
from novaclient_lite.v2 import (
    agents,
    aggregates,
    assisted_volume_snapshots,
    availability_zones,
    flavors,
    hypervisors,
    images,
    instance_actions,
    instance_usage_audit_log,
    keypairs,
    limits,
    migrations,
    networks,
    quota_classes,
    quotas,
    server_external_events,
    server_groups,
    server_migrations,
    servers,
    services,
    usage,
    versions,
    volumes,
)

if TYPE_CHECKING:
    from keystoneauth1.plugin import BaseAuthPlugin
    from keystoneauth1.session import Session

    from novaclient_lite.dry_run import Sink


class Client:
    """A compute API client.

    Pass either a keystoneauth1 ``session`` (the recommended way: it carries
    auth, TLS and connection reuse), or credentials from which one is built:
    ``username``/``password``/``project_name`` (or ``project_id``)/``auth_url``
    with ``user_domain_name``/``project_domain_name``, or ``auth_token`` with
    ``endpoint_override`` (no Keystone at all), or any keystoneauth1 ``auth``
    plugin.

    Args:
        version_request: built by :func:`novaclient_lite.client.Client`.
        endpoint_override: use this compute URL instead of the catalog's.
        region_name, interface, service_type, service_name: catalog filters.
        timeout, insecure, cacert, cert: TLS and timeout settings of a built session
            (:func:`novaclient_lite.session.build_session`).
        user_agent: a whole User-Agent instead of ``novaclient-lite/<version>``.
        retry: the :class:`~novaclient_lite.http.RetryPolicy` of the HTTP layer.
        global_request_id: sent as ``X-OpenStack-Request-ID`` on every request.
        dry_run: True, or a callable that receives each held-back request as a
            :class:`~novaclient_lite.dry_run.PlannedRequest` (secrets masked):
            every POST/PUT/PATCH/DELETE is then not sent and raises
            :class:`~novaclient_lite.exceptions.RequestNotSent` (carrying the
            record); GET/HEAD lookups, version discovery and the login still run.
        image_url, network_url: the Image (Glance) and Network (Neutron) API
            endpoints of ``cs.glance``/``cs.neutron`` when the catalog cannot
            give them (admin-token mode); else the catalog's, same region and interface.

    Raises:
        ValueError: when neither a session nor usable credentials are given.
    """

    def __init__(
        self,
        *,
        version_request: api_versions.VersionRequest | None = None,
        session: Session | None = None,
        auth: BaseAuthPlugin | None = None,
        endpoint_override: str | None = None,
        region_name: str | None = None,
        interface: str | None = None,
        service_type: str = "compute",
        service_name: str | None = None,
        username: str | None = None,
        password: str | None = None,
        project_name: str | None = None,
        project_id: str | None = None,
        auth_url: str | None = None,
        user_domain_name: str | None = None,
        user_domain_id: str | None = None,
        project_domain_name: str | None = None,
        project_domain_id: str | None = None,
        auth_token: str | None = None,
        timeout: float | None = None,
        insecure: bool = False,
        cacert: str | None = None,
        cert: str | tuple[str, str] | None = None,
        retry: RetryPolicy | None = None,
        global_request_id: str | None = None,
        user_agent: str | None = None,
        dry_run: bool | Sink | None = None,
        image_url: str | None = None,
        network_url: str | None = None,
    ) -> None:
        if session is None:
            if auth is None:
                auth = auth_from_credentials(
                    username=username,
                    password=password,
                    project_name=project_name,
                    project_id=project_id,
                    auth_url=auth_url,
                    user_domain_name=user_domain_name,
                    user_domain_id=user_domain_id,
                    project_domain_name=project_domain_name,
                    project_domain_id=project_domain_id,
                    auth_token=auth_token,
                    endpoint_override=endpoint_override,
                )
            session = build_session(
                auth,
                timeout=timeout,
                insecure=insecure,
                cacert=cacert,
                cert=cert,
                agent=user_agent,
            )
        self.session = session
        self.api = HTTPClient(
            session,
            version_request=version_request or api_versions.VersionRequest(None),
            endpoint_override=endpoint_override,
            service_type=service_type,
            service_name=service_name,
            interface=interface,
            region_name=region_name,
            retry=retry,
            timeout=timeout,
            global_request_id=global_request_id,
            dry_run=dry_run,
        )
        self.flavors = flavors.FlavorManager(self.api)
        self.servers = servers.ServerManager(self.api)
        self.keypairs = keypairs.KeypairManager(self.api)
        self.limits = limits.LimitsManager(self.api)
        self.availability_zones = availability_zones.AvailabilityZoneManager(self.api)
        self.server_groups = server_groups.ServerGroupManager(self.api)
        self.quotas = quotas.QuotaSetManager(self.api)
        self.versions = versions.VersionManager(self.api)
        self.instance_actions = instance_actions.InstanceActionManager(self.api)
        self.glance = images.GlanceManager(
            ServiceClient(
                self.api, "image", url=image_url, version_path="/v2", missing=images.MISSING
            )
        )
        self.neutron = networks.NeutronManager(
            ServiceClient(
                self.api, "network", url=network_url, version_path="/v2.0", missing=networks.MISSING
            )
        )
        self.aggregates = aggregates.AggregateManager(self.api)
        self.hypervisors = hypervisors.HypervisorManager(self.api)
        self.hypervisor_stats = hypervisors.HypervisorStatsManager(self.api)
        self.services = services.ServiceManager(self.api)
        self.agents = agents.AgentsManager(self.api)
        self.quota_classes = quota_classes.QuotaClassSetManager(self.api)
        self.usage = usage.UsageManager(self.api)
        self.instance_usage_audit_log = instance_usage_audit_log.InstanceUsageAuditLogManager(
            self.api
        )
        self.assisted_volume_snapshots = assisted_volume_snapshots.AssistedSnapshotManager(self.api)
        self.volumes = volumes.VolumeManager(self.api)
        self.server_external_events = server_external_events.ServerExternalEventManager(self.api)
        self.server_migrations = server_migrations.ServerMigrationsManager(self.api)
        self.migrations = migrations.MigrationManager(self.api)

    @property
    def api_version(self) -> api_versions.APIVersion:
        """The negotiated version (the first access may send one discovery GET)."""
        return self.api.api_version

    if not TYPE_CHECKING:  # NOTE: hidden from mypy, so a typo like cs.flavorz stays an error

        def __getattr__(self, name: str) -> Any:
            """A plugin manager (entry point group ``novaclient_lite.managers``), on first use.

            Raises:
                AttributeError: no built-in or plugin has that name.
                PluginError: the plugin of that name fails to load.
            """
            if name.startswith("_") or "api" not in self.__dict__:
                raise AttributeError(name)
            from novaclient_lite import plugins

            manager_class = plugins.load_manager(name)
            if manager_class is None:
                raise AttributeError(
                    f"'Client' object has no attribute {name!r} (no built-in "
                    f"manager and no {plugins.MANAGER_GROUP} plugin)"
                )
            manager = manager_class(self.api)
            setattr(self, name, manager)
            return manager

    def __repr__(self) -> str:
        return f"<novaclient_lite.v2.Client endpoint={self.api.endpoint_override or '(catalog)'}>"
