"""``--os-cache``: log in through keystoneauth1 and save the result, or reuse it.

The first command saves the token, its expiry, the compute endpoint and the
version range (a :class:`~novaclient_lite.shell.token_cache.Entry`); while
that entry is valid, later commands send over a
:class:`~novaclient_lite.shell.token_session.TokenSession` (requests, but
none of keystoneauth1's identity plugins), so a warm command sends one request.
"""

from __future__ import annotations

import argparse
import logging
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions
from novaclient_lite import session as sessions
from novaclient_lite.services import SERVICE_TYPES
from novaclient_lite.shell import connect, token_cache
from novaclient_lite.shell.token_cache import Entry, TokenCache

if TYPE_CHECKING:
    from keystoneauth1.access import AccessInfo
    from keystoneauth1.identity.base import BaseIdentityPlugin
    from keystoneauth1.session import Session

    from novaclient_lite.shell.environment import Environment
    from novaclient_lite.shell.token_session import TokenSession
    from novaclient_lite.v2.client import Client

LOG = logging.getLogger("novaclient_lite.shell")

#: Auth types whose login the token cache can stand in for.
CACHEABLE = ("password", "v3applicationcredential")


class CachedAuth:
    """The token cache of one identity, standing in for its login.

    Cold (no valid entry): a keystoneauth1 session as without the cache; once
    it has logged in and the version range is known, the token, its expiry,
    the compute endpoint and the range are saved.  Warm: a
    :class:`~novaclient_lite.shell.token_session.TokenSession` with the cached
    values.  A 401 (or a token about to expire) logs in again through
    keystoneauth1 once per request and rewrites the cache.
    """

    def __init__(
        self,
        args: argparse.Namespace,
        env: Environment,
        recorder: connect.Recorder,
        filters: dict[str, Any],
        cache: TokenCache,
    ) -> None:
        self.args, self.env, self.recorder, self.filters = args, env, recorder, filters
        self.cache = cache
        self.kind = connect.auth_type(args)
        self.auth: BaseIdentityPlugin | None = None  # the keystoneauth1 plugin of the last login
        self.ks_session: Session | None = None  # and its session
        self.entry: Entry | None = None  # the login in use: loaded, or what save() writes
        self.client: Client | None = None

    @classmethod
    def for_args(
        cls,
        args: argparse.Namespace,
        env: Environment,
        recorder: connect.Recorder,
        filters: dict[str, Any],
    ) -> CachedAuth | None:
        """The cache for these options, or None (no ``--os-cache``, or a token login).

        Raises:
            CommandError: the auth URL, the user or the project is missing.
        """
        kind = connect.auth_type(args)
        if kind not in CACHEABLE or not token_cache.enabled(
            getattr(args, "os_cache", False), env.vars
        ):
            return None
        if not args.os_auth_url:
            raise exceptions.CommandError(connect.NEED_AUTH_URL)
        if kind == "password":
            connect.check_password_auth(args)
        key = token_cache.cache_key(cache_fields(args, kind, filters))
        return cls(args, env, recorder, filters, TokenCache(token_cache.directory(env.vars), key))

    def session(self) -> Session | TokenSession:
        """A TokenSession over the cached login, else a keystoneauth1 session."""
        entry = self.entry = self.cache.load()
        if entry is None:
            return self._log_in()[1]
        from novaclient_lite.requests_session import ProxyEnvironmentOnce
        from novaclient_lite.shell.token_session import RequestsTransport, TokenSession

        LOG.debug("Token cache: using the cached token of %s", self.cache.path)
        connect.quiet_insecure(self.args)
        options = connect.session_options(self.args)
        timeout = options.pop("timeout")
        transport = RequestsTransport(
            ProxyEnvironmentOnce(), timeout=timeout, **sessions.tls_options(**options)
        )
        return TokenSession(transport, entry, reauth=self.login, on_response=self.recorder.record)

    def _log_in(self) -> tuple[BaseIdentityPlugin, Session]:
        """A new keystoneauth1 plugin and session (the login happens on first use)."""
        auth = self.auth = connect.identity_auth(self.kind, self.args, self.env)
        ks_session = self.ks_session = connect.build_session(auth, self.args, self.recorder)
        return auth, ks_session

    def attach(self, cs: Client) -> None:
        """Give the client the cached version range, or log in, discover and save."""
        self.client = cs
        if self.entry is not None and self.entry.versions is not None:
            cs.api.server_versions = self.entry.versions
            return
        # NOTE: the login and the discovery the command is about to need anyway.
        cs.api.endpoint  # noqa: B018 - from the catalog: logs in (errors translated)
        cs.api_version  # noqa: B018 - one GET of the version document, when "auto"
        if self.entry is None:  # else a cached login without a version range: add it
            assert self.auth is not None and self.ks_session is not None
            try:
                self.entry = self.entry_from(self.auth.get_access(self.ks_session))
            except Exception as exc:  # the command's own first request will say why
                LOG.debug("Token cache: not saved: %s", exc)
                return
        self.save()

    def entry_from(self, access: AccessInfo) -> Entry:
        """The login of a keystoneauth1 AccessInfo (the compute URL from its catalog)."""
        endpoint = self.args.os_endpoint_override
        if not endpoint:
            try:
                endpoint = access.service_catalog.url_for(
                    service_type=self.args.service_type or "compute",
                    service_name=self.args.service_name,
                    interface=self.filters["interface"],
                    region_name=self.filters["region_name"],
                )
            except Exception:  # keystoneauth1's EndpointNotFound: HTTPClient reports it
                endpoint = None
        expires = access.expires.timestamp() if access.expires else None
        return Entry(
            access.auth_token or "",
            expires,
            endpoint,
            access.project_id,
            access.user_id,
            services=self._services(access),
        )

    def _services(self, access: AccessInfo) -> dict[str, str]:
        """The catalog's image and network endpoints (same interface and region)."""
        found: dict[str, str] = {}
        for kind in SERVICE_TYPES:
            try:
                url = access.service_catalog.url_for(
                    service_type=kind,
                    interface=self.filters["interface"],
                    region_name=self.filters["region_name"],
                )
            except Exception:  # keystoneauth1's EndpointNotFound: ServiceClient reports it
                continue
            if url:
                found[kind] = url
        return found

    def login(self) -> Entry:
        """Log in again through keystoneauth1 (a 401 or an expiring token).

        Once the client is attached, the cache is rewritten.

        Raises:
            keystoneauth1's errors for a refused login (``HTTPClient`` translates them).
        """
        auth, ks_session = self._log_in()
        self.entry = self.entry_from(auth.get_access(ks_session))
        if self.client is not None:
            self.save()
        return self.entry

    def save(self) -> None:
        """Write the current login (and the known version range) to the cache."""
        entry = self.entry
        if self.client is None or entry is None or not entry.expires_at or not entry.token:
            return
        entry = entry.replace(versions=self.client.api.known_server_versions)
        if self.cache.save(entry):
            LOG.debug("Token cache: saved the token to %s", self.cache.path)


def cache_fields(args: argparse.Namespace, kind: str, filters: dict[str, Any]) -> dict[str, Any]:
    """What selects a token and an endpoint: the token cache's key (no secrets)."""
    return {
        "auth_url": (args.os_auth_url or "").rstrip("/"),
        "auth_type": kind,
        "username": args.os_username,
        "user_id": args.os_user_id,
        **connect.user_domain(args),
        **connect.scope(args),
        "region_name": filters.get("region_name"),
        "interface": filters.get("interface"),
        "endpoint_override": args.os_endpoint_override,
        "service_type": args.service_type or "compute",
        "service_name": args.service_name,
        "application_credential_id": args.os_application_credential_id,
        "application_credential_name": args.os_application_credential_name,
    }
