"""``cs.client``: python-novaclient's raw HTTP client, for scripts that call the API directly.

``resp, body = cs.client.get("/os-hypervisors")`` and
``cs.client.post(url, body={...})`` work as on python-novaclient's
``SessionClient``: the URL is relative to the compute endpoint (or absolute),
the negotiated microversion is sent, an error status raises the same typed
exception as any call, and the result is ``(response, body)`` with
``request_ids``.  Every request goes through the one choke point
(:class:`~novaclient_lite.http.HTTPClient`): its redaction, retry rules (a POST
is never sent twice) and dry run apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite.with_meta import TupleWithMeta

if TYPE_CHECKING:
    from novaclient_lite import api_versions
    from novaclient_lite.http import HTTPClient

#: The keyword arguments python-novaclient's client passes on that this one knows.
_KNOWN = frozenset({"body", "json", "params", "headers"})


class LegacyClient:
    """python-novaclient's ``cs.client`` over one :class:`HTTPClient`."""

    def __init__(self, api: HTTPClient) -> None:
        self._api = api

    @property
    def api_version(self) -> api_versions.APIVersion:
        """The negotiated microversion (the first access may send one discovery GET)."""
        return self._api.api_version

    @property
    def session(self) -> Any:
        """The keystoneauth1 session every request goes through."""
        return self._api.session

    def get_endpoint(self, **_ignored: Any) -> str:
        """The compute endpoint."""
        return self._api.endpoint

    def request(self, url: str, method: str, **kwargs: Any) -> TupleWithMeta:
        """Send one request; ``body=`` (or ``json=``) is the JSON body.

        Raises:
            TypeError: an argument this client does not take (nothing is sent).
            HTTPException subclasses for statuses >= 400, and the transport
            errors of any call.
        """
        unknown = sorted(set(kwargs) - _KNOWN)
        if unknown:
            raise TypeError(f"cs.client.{method.lower()}() got unsupported arguments: {unknown}")
        body = kwargs["body"] if "body" in kwargs else kwargs.get("json")
        if not url.startswith(("http://", "https://", "/")):
            url = "/" + url
        response = self._api.request(
            method.upper(),
            url,
            json=body,
            params=kwargs.get("params"),
            headers=kwargs.get("headers"),
        )
        return TupleWithMeta((response, response.body), response.request_ids)

    def get(self, url: str, **kwargs: Any) -> TupleWithMeta:
        return self.request(url, "GET", **kwargs)

    def head(self, url: str, **kwargs: Any) -> TupleWithMeta:
        return self.request(url, "HEAD", **kwargs)

    def post(self, url: str, **kwargs: Any) -> TupleWithMeta:
        return self.request(url, "POST", **kwargs)

    def put(self, url: str, **kwargs: Any) -> TupleWithMeta:
        return self.request(url, "PUT", **kwargs)

    def patch(self, url: str, **kwargs: Any) -> TupleWithMeta:
        return self.request(url, "PATCH", **kwargs)

    def delete(self, url: str, **kwargs: Any) -> TupleWithMeta:
        return self.request(url, "DELETE", **kwargs)
