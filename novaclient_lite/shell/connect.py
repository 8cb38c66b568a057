"""From global options to a compute client: auth plugin, keystoneauth1 session, Client.

keystoneauth1 is imported here only, when a command needs the network; its
plugin loaders are slow to import, so plugins are constructed directly (a
password on a ``/v3`` auth URL is ``keystoneauth1.identity.v3.Password``, which
needs no discovery request).

With ``--os-cache`` (:mod:`novaclient_lite.shell.token_cache`) the first
command saves the token, its expiry, the compute endpoint and the version
range; while that entry is valid, later commands send over a
:class:`novaclient_lite.token_session.TokenSession` (requests, but none of
keystoneauth1's identity plugins), so a warm command sends one request.
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions

if TYPE_CHECKING:
    from keystoneauth1.session import Session

    from novaclient_lite.shell.environment import Environment
    from novaclient_lite.v2.client import Client

LOG = logging.getLogger("novaclient_lite.shell")

NEED_USER = ("You must provide a user name/id (via --os-username, --os-user-id, "
             "env[OS_USERNAME] or env[OS_USER_ID]) or an auth token (via --os-token).")
NEED_PROJECT = ("You must provide a project name or project ID via --os-project-name, "
                "--os-project-id, env[OS_PROJECT_ID] or env[OS_PROJECT_NAME].")
NEED_AUTH_URL = "You must provide an auth url via either --os-auth-url or env[OS_AUTH_URL]."
NEED_PASSWORD = "You must provide a password via either --os-password or env[OS_PASSWORD]."
NEED_ENDPOINT = ("--os-auth-type {kind} needs a compute endpoint via --os-endpoint-override "
                 "or env[OS_ENDPOINT_OVERRIDE].")
NEED_TOKEN = "You must provide a token via either --os-token or env[OS_TOKEN]."
NEED_APP_CRED = ("You must provide an application credential via "
                 "--os-application-credential-id (or -name with a user) and "
                 "--os-application-credential-secret.")
NEED_SDK = ("--os-cloud needs openstacksdk to read clouds.yaml: "
            "pip install 'novaclient-lite[cloud-config]'")

AUTH_TYPES = ("password", "token", "v3applicationcredential", "admin_token", "none")
_ALIASES = {
    "v3password": "password", "v2password": "password", "v3token": "token",
    "v2token": "token", "token_endpoint": "admin_token", "noauth": "none",
    "applicationcredential": "v3applicationcredential",
}


@dataclass
class Timing:
    method: str
    url: str
    status: int
    seconds: float


@dataclass
class Recorder:
    """A requests response hook: records timings, logs identity exchanges under --debug."""

    identity_root: str | None = None
    timings: list[Timing] = field(default_factory=list)

    def hook(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        elapsed = response.elapsed.total_seconds() if response.elapsed else 0.0
        self.record(str(response.request.method), str(response.url), response.status_code,
                    elapsed)
        return response

    def record(self, method: str, url: str, status: int, elapsed: float) -> None:
        url = url.split("?", 1)[0]
        self.timings.append(Timing(method, url, int(status), elapsed))
        if self.identity_root and url.startswith(self.identity_root):
            # keystoneauth1's own loggers stay quiet (they log bodies); this line has none.
            LOG.debug("Identity: %s %s -> %d (%.3fs)", method, url, status, elapsed)


def auth_type(args: argparse.Namespace) -> str:
    """The effective auth type (inferred from a token when none was chosen)."""
    chosen = (args.os_auth_type or "").strip().lower()
    if not chosen:
        if args.os_token and not (args.os_username or args.os_user_id):
            return "admin_token" if args.os_endpoint_override else "token"
        if args.os_application_credential_id or args.os_application_credential_secret:
            return "v3applicationcredential"
        return "password"
    chosen = _ALIASES.get(chosen, chosen)
    if chosen not in AUTH_TYPES:
        raise exceptions.CommandError(
            f"Unknown auth type '{args.os_auth_type}'; use one of: {', '.join(AUTH_TYPES)}."
        )
    return chosen


def build_auth(args: argparse.Namespace, env: Environment) -> Any:
    """A keystoneauth1 plugin for the options.

    Raises:
        CommandError: naming the missing option (one line).
    """
    kind = auth_type(args)
    if kind in ("none", "admin_token"):
        if not args.os_endpoint_override:
            raise exceptions.CommandError(NEED_ENDPOINT.format(kind=kind))
        if kind == "admin_token" and not args.os_token:
            raise exceptions.CommandError(NEED_TOKEN)
        if args.os_token:
            from keystoneauth1 import token_endpoint

            return token_endpoint.Token(args.os_endpoint_override, args.os_token)
        from keystoneauth1 import noauth

        return noauth.NoAuth(endpoint=args.os_endpoint_override)
    if not args.os_auth_url:
        raise exceptions.CommandError(NEED_AUTH_URL)
    v3 = args.os_auth_url.rstrip("/").endswith("/v3")
    scope = _scope(args)
    if kind == "token":
        if not args.os_token:
            raise exceptions.CommandError(NEED_TOKEN)
        if not (args.os_project_name or args.os_project_id):
            raise exceptions.CommandError(NEED_PROJECT)
        if v3:
            from keystoneauth1.identity import v3 as ksa_v3

            return ksa_v3.Token(args.os_auth_url, token=args.os_token, **scope)
        from keystoneauth1.identity import generic

        return generic.Token(args.os_auth_url, token=args.os_token, **scope)
    if kind == "v3applicationcredential":
        secret = args.os_application_credential_secret
        ident = args.os_application_credential_id
        if not secret or not (ident or (args.os_application_credential_name and
                                        (args.os_username or args.os_user_id))):
            raise exceptions.CommandError(NEED_APP_CRED)
        from keystoneauth1.identity import v3 as ksa_v3

        return ksa_v3.ApplicationCredential(
            args.os_auth_url, application_credential_secret=secret,
            application_credential_id=ident,
            application_credential_name=args.os_application_credential_name,
            username=args.os_username, user_id=args.os_user_id, **_user_domain(args),
        )
    _check_password_auth(args)
    credentials = dict(username=args.os_username, user_id=args.os_user_id,
                       password=_password(args, env), **_user_domain(args), **scope)
    if v3:  # a versioned URL needs no discovery request
        from keystoneauth1.identity import v3 as ksa_v3

        return ksa_v3.Password(args.os_auth_url, **credentials)
    from keystoneauth1.identity import generic

    return generic.Password(args.os_auth_url, **credentials)


def _check_password_auth(args: argparse.Namespace) -> None:
    if not (args.os_username or args.os_user_id):
        raise exceptions.CommandError(NEED_USER)
    if not (args.os_project_name or args.os_project_id):
        raise exceptions.CommandError(NEED_PROJECT)


def _password(args: argparse.Namespace, env: Environment) -> str:
    """The password (prompted for on a terminal only when a login needs it)."""
    password: str | None = args.os_password
    if password is None and env.stdin_isatty:
        import getpass

        password = getpass.getpass("OS Password: ")
    if not password:
        raise exceptions.CommandError(NEED_PASSWORD)
    return password


def _scope(args: argparse.Namespace) -> dict[str, Any]:
    domain_given = args.os_project_domain_name or args.os_project_domain_id
    return {
        "project_name": args.os_project_name,
        "project_id": args.os_project_id,
        "project_domain_name": args.os_project_domain_name,
        # NOTE: like python-novaclient, a v3 project name without a domain means "default".
        "project_domain_id": args.os_project_domain_id or (
            "default" if args.os_project_name and not domain_given else None),
    }


def _user_domain(args: argparse.Namespace) -> dict[str, Any]:
    given = args.os_user_domain_name or args.os_user_domain_id
    return {
        "user_domain_name": args.os_user_domain_name,
        "user_domain_id": args.os_user_domain_id or (
            "default" if args.os_username and not given else None),
    }


def build_session(auth: Any, args: argparse.Namespace, recorder: Recorder) -> Session:
    """A keystoneauth1 session with TLS options, timeout and the timing hook."""
    import requests
    from keystoneauth1 import session as ksa_session

    from novaclient_lite import __version__

    _quiet_insecure(args)
    http = requests.Session()
    http.hooks["response"].append(recorder.hook)
    cert: str | tuple[str, str] | None = args.os_cert
    if args.os_cert and args.os_key:
        cert = (args.os_cert, args.os_key)
    return ksa_session.Session(
        auth=auth, session=http, verify=False if args.insecure else (args.os_cacert or True),
        cert=cert, timeout=args.timeout, app_name="nova", app_version=__version__,
    )


def _cloud_session(args: argparse.Namespace, recorder: Recorder) -> tuple[Session, dict[str, Any]]:
    """Session and catalog filters from clouds.yaml (openstacksdk imported only here)."""
    try:
        import openstack.config
        from openstack import exceptions as sdk_exceptions
    except ImportError:
        raise exceptions.CommandError(NEED_SDK) from None
    try:
        region = openstack.config.OpenStackConfig().get_one(
            cloud=args.os_cloud, region_name=args.os_region_name)
        session = region.get_session()
    except sdk_exceptions.ConfigException as exc:
        raise exceptions.CommandError(f"clouds.yaml: {exc}") from exc
    session.session.hooks["response"].append(recorder.hook)
    filters = {
        "region_name": args.os_region_name or region.get_region_name("compute"),
        "interface": region.get_interface("compute"),
        "endpoint_override": args.os_endpoint_override or region.get_endpoint("compute"),
    }
    return session, filters


def interface_of(value: str | None) -> str:
    """``publicURL`` -> ``public`` (python-novaclient's endpoint types still work)."""
    text = (value or "public").strip()
    return text[:-3] if text.endswith("URL") else text


def make_client(args: argparse.Namespace, env: Environment, recorder: Recorder) -> Client:
    """The compute client for the parsed global options.

    Raises:
        CommandError: missing or contradictory credentials; UnsupportedVersion.
    """
    from novaclient_lite.client import Client as make
    from novaclient_lite.http import new_request_id

    filters: dict[str, Any] = {
        "region_name": args.os_region_name,
        "interface": interface_of(args.os_interface),
        "endpoint_override": args.os_endpoint_override,
    }
    cached: CachedAuth | None = None
    session: Any
    if args.insecure:
        env.stderr.write(INSECURE_WARNING + "\n")
    if args.os_cloud:
        session, cloud_filters = _cloud_session(args, recorder)
        filters.update({k: v for k, v in cloud_filters.items() if v})
    else:
        if args.os_auth_url:
            recorder.identity_root = args.os_auth_url.rstrip("/").rsplit("/v3", 1)[0]
        cached = CachedAuth.for_args(args, env, recorder, filters)
        session = cached.session() if cached else build_session(build_auth(args, env), args,
                                                                 recorder)
    cs = make(
        args.os_compute_api_version or "auto", session=session,
        service_type=args.service_type or "compute", service_name=args.service_name,
        timeout=args.timeout, global_request_id=new_request_id(), **filters,
    )
    if cached is not None:
        cached.attach(cs)
    return cs


#: Said once per command: urllib3's own warning (once per request) is silenced.
INSECURE_WARNING = ("nova: WARNING: --insecure: TLS certificates are not verified, so anyone "
                    "on the network path can read or change this traffic.")

#: Auth types whose login the token cache can stand in for.
CACHEABLE = ("password", "v3applicationcredential")


class CachedAuth:
    """``--os-cache``: log in through keystoneauth1 and save the result, or reuse it.

    Cold (no valid entry): a keystoneauth1 session as without the cache; once
    it has logged in and the version range is known, the token, its expiry,
    the compute endpoint and the range are saved.  Warm: a
    :class:`~novaclient_lite.token_session.TokenSession` with the cached
    values.  A 401 (or a token about to expire) logs in again through
    keystoneauth1 once per request and rewrites the cache.
    """

    def __init__(self, args: argparse.Namespace, env: Environment, recorder: Recorder,
                 filters: dict[str, Any], cache: Any) -> None:
        self.args, self.env, self.recorder, self.filters = args, env, recorder, filters
        self.cache = cache
        self.entry: Any = None
        self.auth: Any = None  # the keystoneauth1 plugin of the last login
        self.ks_session: Any = None  # and its session
        self.grant: Any = None  # what save() writes
        self.client: Client | None = None

    @classmethod
    def for_args(cls, args: argparse.Namespace, env: Environment, recorder: Recorder,
                 filters: dict[str, Any]) -> CachedAuth | None:
        """The cache for these options, or None (no ``--os-cache``, or a token login)."""
        from novaclient_lite.shell import token_cache

        kind = auth_type(args)
        if kind not in CACHEABLE or not token_cache.enabled(getattr(args, "os_cache", False),
                                                            env.vars):
            return None
        if not args.os_auth_url:
            raise exceptions.CommandError(NEED_AUTH_URL)
        if kind == "password":
            _check_password_auth(args)
        key = token_cache.cache_key(cache_fields(args, kind, filters))
        return cls(args, env, recorder, filters,
                   token_cache.TokenCache(token_cache.directory(env.vars), key))

    def session(self) -> Any:
        """A TokenSession over the cached login, else a keystoneauth1 session."""
        entry = self.entry = self.cache.load()
        if entry is None:
            self.auth = build_auth(self.args, self.env)
            self.ks_session = build_session(self.auth, self.args, self.recorder)
            return self.ks_session
        import requests

        from novaclient_lite.token_session import RequestsTransport, TokenSession

        LOG.debug("Token cache: using the cached token of %s", self.cache.path)
        _quiet_insecure(self.args)
        args = self.args
        transport = RequestsTransport(
            requests.Session(), verify=False if args.insecure else (args.os_cacert or True),
            cert=(args.os_cert, args.os_key) if args.os_cert and args.os_key else args.os_cert,
            timeout=args.timeout)
        return TokenSession(transport, entry.token, entry.endpoint, reauth=self.login,
                            expires_at=entry.expires_at, project_id=entry.project_id,
                            user_id=entry.user_id, on_response=self.recorder.record)

    def attach(self, cs: Client) -> None:
        """Give the client the cached version range, or log in, discover and save."""
        from novaclient_lite import api_versions

        self.client = cs
        entry = self.entry
        if entry is not None and entry.max_version and entry.min_version:
            try:
                cs.api._server_versions = api_versions.ServerVersions(
                    api_versions.APIVersion.parse(entry.min_version),
                    api_versions.APIVersion.parse(entry.max_version))
                return
            except exceptions.UnsupportedVersion:
                pass
        # NOTE: the login and the discovery the command is about to need anyway.
        cs.api.endpoint  # noqa: B018 - from the catalog: logs in (errors translated)
        cs.api_version  # noqa: B018 - one GET of the version document, when "auto"
        if entry is not None:  # a cached login without a version range: add it
            from novaclient_lite.token_session import Grant

            self.grant = Grant(entry.token, entry.expires_at, entry.endpoint,
                               entry.project_id, entry.user_id)
        else:
            try:
                self.grant_from(self.auth.get_access(self.ks_session))
            except Exception as exc:  # the command's own first request will say why
                LOG.debug("Token cache: not saved: %s", exc)
                return
        self.save()

    def grant_from(self, access: Any) -> Any:
        """A Grant from a keystoneauth1 AccessInfo (the compute URL from its catalog)."""
        from novaclient_lite.token_session import Grant

        endpoint = self.args.os_endpoint_override
        if not endpoint:
            try:
                endpoint = access.service_catalog.url_for(
                    service_type=self.args.service_type or "compute",
                    service_name=self.args.service_name,
                    interface=self.filters["interface"],
                    region_name=self.filters["region_name"])
            except Exception:  # keystoneauth1's EndpointNotFound: HTTPClient reports it
                endpoint = None
        expires = access.expires.timestamp() if access.expires else None
        self.grant = Grant(access.auth_token, expires, endpoint, access.project_id,
                           access.user_id)
        return self.grant

    def login(self) -> Any:
        """Log in again through keystoneauth1 (a 401 or an expiring token); returns a Grant
        and, once the client is attached, rewrites the cache."""
        self.auth = build_auth(self.args, self.env)
        self.ks_session = build_session(self.auth, self.args, self.recorder)
        grant = self.grant_from(self.auth.get_access(self.ks_session))
        if self.client is not None:
            self.save()
        return grant

    def save(self) -> None:
        """Write the current login (and the known version range) to the cache."""
        from novaclient_lite.shell.token_cache import Entry

        grant = self.grant
        if self.client is None or grant is None or not grant.expires_at or not grant.token:
            return
        entry = Entry(grant.token, grant.expires_at, grant.endpoint,
                      project_id=grant.project_id, user_id=grant.user_id)
        versions = self.client.api._server_versions
        if versions is not None and versions.min_version and versions.max_version:
            entry.min_version = str(versions.min_version)
            entry.max_version = str(versions.max_version)
        if self.cache.save(entry):
            LOG.debug("Token cache: saved the token to %s", self.cache.path)


def cache_fields(args: argparse.Namespace, kind: str, filters: dict[str, Any]) -> dict[str, Any]:
    """What selects a token and an endpoint: the token cache's key (no secrets)."""
    return {
        "auth_url": (args.os_auth_url or "").rstrip("/"), "auth_type": kind,
        "username": args.os_username, "user_id": args.os_user_id, **_user_domain(args),
        **_scope(args), "region_name": filters.get("region_name"),
        "interface": filters.get("interface"), "endpoint_override": args.os_endpoint_override,
        "service_type": args.service_type or "compute", "service_name": args.service_name,
        "application_credential_id": args.os_application_credential_id,
        "application_credential_name": args.os_application_credential_name,
    }


def _quiet_insecure(args: argparse.Namespace) -> None:
    if args.insecure:  # asked for explicitly: do not repeat urllib3's warning per request
        import warnings

        from urllib3.exceptions import InsecureRequestWarning

        warnings.simplefilter("ignore", InsecureRequestWarning)
