"""Other services of the same cloud (image, network) through the compute client's session.

python-novaclient resolves image and network names through the Image API
(Glance v2) and the Network API (Neutron).  :class:`ServiceClient` reaches such
a service through the SAME session and the SAME choke point as compute
(:class:`~novaclient_lite.http.HTTPClient`: retries, timeouts, redaction, typed
errors), but sends no microversion headers and finds its endpoint by service
type in the catalog -- what a keystoneauth1 ``Adapter(session,
service_type="image", interface=..., region_name=...)`` does -- with the region
and interface the compute client uses, or takes an explicit URL.

The endpoint is looked up on the first request only, so a caller that needs
no request (an image given by ID) works without an image service at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite import api_versions, exceptions
from novaclient_lite.http import HTTPClient

if TYPE_CHECKING:
    from novaclient_lite.dry_run import Sink

#: The other services a compute client reaches (``cs.glance``, ``cs.neutron``).
SERVICE_TYPES = ("image", "network")
#: The version of every other service's client: 2.0 sends no microversion headers and
#: needs no version discovery.
NO_MICROVERSION = api_versions.APIVersion(2, 0)


class ServiceClient(HTTPClient):
    """An :class:`HTTPClient` for another service type, sharing the compute client's session.

    Args:
        compute: the compute client whose session, retry policy, timeout,
            global request id and ``--dry-run`` sink are used, and whose catalog filters (region,
            interface) select the endpoint.
        service_type: the catalog's service type (``image``, ``network``).
        url: an explicit endpoint (admin-token or endpoint-override mode);
            the catalog is not asked.
        version_path: the API version the request paths start with (``/v2``
            for Glance); a catalog or explicit URL that already ends with it
            is shortened, so ``/v2/images`` is not sent as ``/v2/v2/images``.
        missing: what to tell the user when there is no endpoint (e.g.
            "pass an image ID or --os-image-url").
    """

    def __init__(
        self,
        compute: HTTPClient,
        service_type: str,
        *,
        url: str | None = None,
        version_path: str = "",
        missing: str = "",
    ) -> None:
        self.compute = compute
        filters = compute.endpoint_filter
        super().__init__(
            compute.session,
            version_request=api_versions.VersionRequest(NO_MICROVERSION),
            endpoint_override=_unversioned(url, version_path) if url else None,
            service_type=service_type,
            interface=filters.get("interface"),
            region_name=filters.get("region_name"),
            retry=compute.retry,
            timeout=compute.timeout,
            global_request_id=compute.global_request_id,
        )
        self.service_type = service_type
        self.version_path = version_path
        self.missing = missing
        self._url: str | None = self.endpoint_override

    @property
    def dry_run(self) -> Sink | None:
        """The compute client's sink: ``nova --dry-run`` switches it on after the login."""
        return self.compute.dry_run

    @dry_run.setter
    def dry_run(self, value: Sink | None) -> None:
        """Ignored: a dry run is one switch for every service of the client."""

    @property
    def endpoint(self) -> str:
        """The service's endpoint (explicit URL, else the catalog's), without ``version_path``.

        Raises:
            EndpointNotFound: the catalog has no such service for the region and
                interface (or the session has no catalog: admin-token mode).
            ClientException subclasses: the login that reads the catalog failed.
        """
        if self._url is None:
            self._url = self._from_catalog()
        return self._url

    def _from_catalog(self) -> str:
        # NOTE: the compute lookup logs in first, with its errors translated.
        compute_url = self.compute.endpoint
        try:
            url: str | None = super().endpoint
        except exceptions.EndpointNotFound:
            url = None
        # NOTE: a session without a catalog (admin-token or no-auth plugins, the warm
        # --os-cache session) answers every service type with the compute URL.
        if not url or url.rstrip("/") == compute_url.rstrip("/"):
            region = self.endpoint_filter.get("region_name")
            where = f"region {region}" if region else "any region"
            hint = f"; {self.missing}" if self.missing else ""
            raise exceptions.EndpointNotFound(
                f"No {self.service_type} service in the catalog for {where} "
                f"(interface {self.endpoint_filter.get('interface') or 'public'}){hint}."
            )
        return _unversioned(url, self.version_path)


def _unversioned(url: str, version_path: str) -> str:
    url = url.rstrip("/")
    if version_path and url.endswith(version_path):
        url = url[: -len(version_path)]
    return url
