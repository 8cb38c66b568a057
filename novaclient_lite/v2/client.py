"""The v2 ``Client``: one HTTP session, one attribute per resource manager."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from novaclient_lite import api_versions, exceptions
from novaclient_lite.http import HTTPClient, RetryPolicy
from novaclient_lite.session import auth_from_credentials, build_session
from novaclient_lite.v2._lazy import LazyManager, LazyService

if TYPE_CHECKING:
    from keystoneauth1.plugin import BaseAuthPlugin
    from keystoneauth1.session import Session

    from novaclient_lite.dry_run import Sink
    from novaclient_lite.v2._legacy_client import LegacyClient
    from novaclient_lite.v2.agents import AgentsManager
    from novaclient_lite.v2.aggregates import AggregateManager
    from novaclient_lite.v2.assisted_volume_snapshots import AssistedSnapshotManager
    from novaclient_lite.v2.availability_zones import AvailabilityZoneManager
    from novaclient_lite.v2.flavor_access import FlavorAccessManager
    from novaclient_lite.v2.flavors import FlavorManager
    from novaclient_lite.v2.hypervisors import HypervisorManager, HypervisorStatsManager
    from novaclient_lite.v2.images import GlanceManager
    from novaclient_lite.v2.instance_actions import InstanceActionManager
    from novaclient_lite.v2.instance_usage_audit_log import InstanceUsageAuditLogManager
    from novaclient_lite.v2.keypairs import KeypairManager
    from novaclient_lite.v2.limits import LimitsManager
    from novaclient_lite.v2.migrations import MigrationManager
    from novaclient_lite.v2.networks import NeutronManager
    from novaclient_lite.v2.quota_classes import QuotaClassSetManager
    from novaclient_lite.v2.quotas import QuotaSetManager
    from novaclient_lite.v2.server_external_events import ServerExternalEventManager
    from novaclient_lite.v2.server_groups import ServerGroupManager
    from novaclient_lite.v2.server_migrations import ServerMigrationsManager
    from novaclient_lite.v2.servers import ServerManager
    from novaclient_lite.v2.services import ServiceManager
    from novaclient_lite.v2.usage import UsageManager
    from novaclient_lite.v2.versions import VersionManager
    from novaclient_lite.v2.volumes import VolumeManager


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

    python-novaclient's arguments mean what they mean there: ``api_version``
    (instead of ``version_request``), ``user_id`` (a login by user id),
    ``endpoint_type`` (``interface``), ``timings`` (record each request for
    :meth:`get_timings`), ``logger`` and ``os_cache`` (kept as attributes),
    ``extensions`` (objects with ``name`` and ``manager_class``: each manager is
    attached under its name); ``http_log_debug`` and ``direct_use`` are accepted
    and have no effect, as in python-novaclient 18.13.1 with a session (the
    exchange log is the ``novaclient_lite.http`` logger, secrets masked).

    Raises:
        ValueError: when neither a session nor usable credentials are given.
    """

    # -- the managers: one attribute each, built (and its module imported) on first use --
    flavors: LazyManager[FlavorManager] = LazyManager("flavors", "FlavorManager")
    servers: LazyManager[ServerManager] = LazyManager("servers", "ServerManager")
    keypairs: LazyManager[KeypairManager] = LazyManager("keypairs", "KeypairManager")
    limits: LazyManager[LimitsManager] = LazyManager("limits", "LimitsManager")
    availability_zones: LazyManager[AvailabilityZoneManager] = LazyManager(
        "availability_zones", "AvailabilityZoneManager"
    )
    server_groups: LazyManager[ServerGroupManager] = LazyManager(
        "server_groups", "ServerGroupManager"
    )
    quotas: LazyManager[QuotaSetManager] = LazyManager("quotas", "QuotaSetManager")
    versions: LazyManager[VersionManager] = LazyManager("versions", "VersionManager")
    instance_actions: LazyManager[InstanceActionManager] = LazyManager(
        "instance_actions", "InstanceActionManager"
    )
    aggregates: LazyManager[AggregateManager] = LazyManager("aggregates", "AggregateManager")
    hypervisors: LazyManager[HypervisorManager] = LazyManager("hypervisors", "HypervisorManager")
    hypervisor_stats: LazyManager[HypervisorStatsManager] = LazyManager(
        "hypervisors", "HypervisorStatsManager"
    )
    services: LazyManager[ServiceManager] = LazyManager("services", "ServiceManager")
    agents: LazyManager[AgentsManager] = LazyManager("agents", "AgentsManager")
    quota_classes: LazyManager[QuotaClassSetManager] = LazyManager(
        "quota_classes", "QuotaClassSetManager"
    )
    usage: LazyManager[UsageManager] = LazyManager("usage", "UsageManager")
    instance_usage_audit_log: LazyManager[InstanceUsageAuditLogManager] = LazyManager(
        "instance_usage_audit_log", "InstanceUsageAuditLogManager"
    )
    assisted_volume_snapshots: LazyManager[AssistedSnapshotManager] = LazyManager(
        "assisted_volume_snapshots", "AssistedSnapshotManager"
    )
    volumes: LazyManager[VolumeManager] = LazyManager("volumes", "VolumeManager")
    server_external_events: LazyManager[ServerExternalEventManager] = LazyManager(
        "server_external_events", "ServerExternalEventManager"
    )
    server_migrations: LazyManager[ServerMigrationsManager] = LazyManager(
        "server_migrations", "ServerMigrationsManager"
    )
    migrations: LazyManager[MigrationManager] = LazyManager("migrations", "MigrationManager")
    flavor_access: LazyManager[FlavorAccessManager] = LazyManager(
        "flavor_access", "FlavorAccessManager"
    )
    #: The Image API (Glance v2) and the Network API, through the same session.
    glance: LazyService[GlanceManager] = LazyService("images", "GlanceManager", "image", "/v2")
    neutron: LazyService[NeutronManager] = LazyService(
        "networks", "NeutronManager", "network", "/v2.0"
    )

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
        # python-novaclient's other arguments (see the class docstring):
        api_version: str | api_versions.APIVersion | None = None,
        user_id: str | None = None,
        endpoint_type: str | None = None,
        timings: bool = False,
        http_log_debug: bool = False,
        logger: logging.Logger | None = None,
        os_cache: bool = False,
        extensions: Sequence[Any] | None = None,
        direct_use: bool = True,
    ) -> None:
        if version_request is None:
            version_request = api_versions.VersionRequest.parse(api_version)
        interface = interface or endpoint_type
        if session is None:
            if auth is None:
                auth = auth_from_credentials(
                    username=username,
                    password=password,
                    project_name=project_name,
                    project_id=project_id,
                    user_id=user_id,
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
            version_request=version_request,
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
        #: python-novaclient's: a (method and URL, start, end) per request when ``timings``.
        self.api.times = [] if timings else None
        self.project_id, self.project_name, self.user_id = project_id, project_name, user_id
        self.os_cache = os_cache  # kept for python-novaclient's callers; the library has no cache
        self.logger = logger or logging.getLogger("novaclient_lite.v2.client")
        #: Explicit endpoints of other services (``--os-image-url``, ``--os-network-url``).
        self.service_urls = {"image": image_url, "network": network_url}
        for extension in extensions or ():
            if getattr(extension, "manager_class", None):
                setattr(self, extension.name, extension.manager_class(self.api))

    @property
    def client(self) -> LegacyClient:
        """python-novaclient's raw HTTP client: ``resp, body = cs.client.get(url)``
        (see :mod:`novaclient_lite.v2._legacy_client`)."""
        from novaclient_lite.v2._legacy_client import LegacyClient

        return LegacyClient(self.api)

    @property
    def instance_action(self) -> InstanceActionManager:
        """python-novaclient's name for :attr:`instance_actions` (the same object)."""
        return self.instance_actions

    @property
    def api_version(self) -> api_versions.APIVersion:
        """The negotiated version (the first access may send one discovery GET).

        Settable, as in python-novaclient: later requests use the new version.
        """
        return self.api.api_version

    @api_version.setter
    def api_version(self, value: str | api_versions.APIVersion) -> None:
        request = api_versions.VersionRequest.parse(value)
        self.api.api_version = request.version or api_versions.negotiate(
            request, self.api.server_versions
        )

    def get_timings(self) -> list[tuple[str, float, float]]:
        """``(method and URL, start, end)`` of each request since the last reset
        (``time.time()`` values; empty unless the client was built with ``timings=True``)."""
        return list(self.api.times or [])

    def reset_timings(self) -> None:
        """Forget the recorded timings."""
        if self.api.times is not None:
            self.api.times.clear()

    def __enter__(self) -> None:
        raise exceptions.InvalidUsage(
            "NovaClient instance can't be used as a context manager "
            "since it is redundant in case of SessionClient."
        )

    def __exit__(self, *exc: object) -> None:
        return None

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
