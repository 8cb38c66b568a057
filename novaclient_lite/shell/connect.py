"""From global options to a compute client: auth plugin, keystoneauth1 session, Client.

keystoneauth1 is imported here only, when a command needs the network; its
plugin loaders are slow to import, so plugins are constructed directly (a
password on a ``/v3`` auth URL is ``keystoneauth1.identity.v3.Password``, which
needs no discovery request).

With ``--os-cache``, :mod:`novaclient_lite.shell.cached_auth` stands in for
the login (the token cache); TLS options, user agent and default domains come
from :mod:`novaclient_lite.session`, as for library clients.
"""

from __future__ import annotations

import argparse
import logging
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions
from novaclient_lite import session as sessions

if TYPE_CHECKING:
    from keystoneauth1.identity.base import BaseIdentityPlugin
    from keystoneauth1.plugin import BaseAuthPlugin
    from keystoneauth1.session import Session

    from novaclient_lite.shell.cached_auth import CachedAuth
    from novaclient_lite.shell.environment import Environment
    from novaclient_lite.shell.token_session import TokenSession
    from novaclient_lite.v2.client import Client

LOG = logging.getLogger("novaclient_lite.shell")

NEED_USER = (
    "You must provide a user name/id (via --os-username, --os-user-id, "
    "env[OS_USERNAME] or env[OS_USER_ID]) or an auth token (via --os-token)."
)
NEED_PROJECT = (
    "You must provide a project name or project ID via --os-project-name, "
    "--os-project-id, env[OS_PROJECT_ID] or env[OS_PROJECT_NAME]."
)
NEED_AUTH_URL = "You must provide an auth url via either --os-auth-url or env[OS_AUTH_URL]."
NEED_PASSWORD = "You must provide a password via either --os-password or env[OS_PASSWORD]."
NEED_ENDPOINT = (
    "--os-auth-type {kind} needs a compute endpoint via --os-endpoint-override "
    "or env[OS_ENDPOINT_OVERRIDE]."
)
NEED_TOKEN = "You must provide a token via either --os-token or env[OS_TOKEN]."
NEED_APP_CRED = (
    "You must provide an application credential via "
    "--os-application-credential-id (or -name with a user) and "
    "--os-application-credential-secret."
)
NEED_SDK = (
    "--os-cloud needs openstacksdk to read clouds.yaml: pip install 'novaclient-lite[cloud-config]'"
)

AUTH_TYPES = ("password", "token", "v3applicationcredential", "admin_token", "none")
_ALIASES = {
    "v3password": "password",
    "v2password": "password",
    "v3token": "token",
    "v2token": "token",
    "token_endpoint": "admin_token",
    "noauth": "none",
    "applicationcredential": "v3applicationcredential",
}


class Timing:
    """One request of ``--timings``."""

    __slots__ = ("method", "seconds", "status", "url")

    def __init__(self, method: str, url: str, status: int, seconds: float) -> None:
        self.method = method
        self.url = url
        self.status = status
        self.seconds = seconds


class Recorder:
    """A requests response hook: records timings, logs identity exchanges under --debug."""

    def __init__(self, identity_root: str | None = None) -> None:
        self.identity_root = identity_root
        self.timings: list[Timing] = []

    def hook(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        elapsed = response.elapsed.total_seconds() if response.elapsed else 0.0
        self.record(str(response.request.method), str(response.url), response.status_code, elapsed)
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


def build_auth(args: argparse.Namespace, env: Environment) -> BaseAuthPlugin:
    """A keystoneauth1 plugin for the options.

    Raises:
        CommandError: naming the missing option (one line).
    """
    kind = auth_type(args)
    if kind in ("none", "admin_token"):
        return _endpoint_auth(kind, args)
    if kind == "token":
        return _token_auth(args)
    return identity_auth(kind, args, env)


def _endpoint_auth(kind: str, args: argparse.Namespace) -> BaseAuthPlugin:
    """No Keystone: a fixed endpoint, with ``--os-token`` or without any token."""
    if not args.os_endpoint_override:
        raise exceptions.CommandError(NEED_ENDPOINT.format(kind=kind))
    if kind == "admin_token" and not args.os_token:
        raise exceptions.CommandError(NEED_TOKEN)
    if args.os_token:
        from keystoneauth1 import token_endpoint

        return token_endpoint.Token(args.os_endpoint_override, args.os_token)
    from keystoneauth1 import noauth

    return noauth.NoAuth(endpoint=args.os_endpoint_override)


def _token_auth(args: argparse.Namespace) -> BaseIdentityPlugin:
    if not args.os_auth_url:
        raise exceptions.CommandError(NEED_AUTH_URL)
    if not args.os_token:
        raise exceptions.CommandError(NEED_TOKEN)
    if not (args.os_project_name or args.os_project_id):
        raise exceptions.CommandError(NEED_PROJECT)
    if _is_v3(args.os_auth_url):
        from keystoneauth1.identity import v3 as ksa_v3

        return ksa_v3.Token(args.os_auth_url, token=args.os_token, **scope(args))
    from keystoneauth1.identity import generic

    return generic.Token(args.os_auth_url, token=args.os_token, **scope(args))


def identity_auth(kind: str, args: argparse.Namespace, env: Environment) -> BaseIdentityPlugin:
    """The Keystone login of a password or an application credential (``kind``).

    Raises:
        CommandError: naming the missing option (one line).
    """
    if not args.os_auth_url:
        raise exceptions.CommandError(NEED_AUTH_URL)
    if kind == "v3applicationcredential":
        secret = args.os_application_credential_secret
        ident = args.os_application_credential_id
        if not secret or not (
            ident or (args.os_application_credential_name and (args.os_username or args.os_user_id))
        ):
            raise exceptions.CommandError(NEED_APP_CRED)
        from keystoneauth1.identity import v3 as ksa_v3

        return ksa_v3.ApplicationCredential(
            args.os_auth_url,
            application_credential_secret=secret,
            application_credential_id=ident,
            application_credential_name=args.os_application_credential_name,
            username=args.os_username,
            user_id=args.os_user_id,
            **user_domain(args),
        )
    check_password_auth(args)
    credentials = dict(
        username=args.os_username,
        user_id=args.os_user_id,
        password=_password(args, env),
        **user_domain(args),
        **scope(args),
    )
    if _is_v3(args.os_auth_url):  # a versioned URL needs no discovery request
        from keystoneauth1.identity import v3 as ksa_v3

        return ksa_v3.Password(args.os_auth_url, **credentials)
    from keystoneauth1.identity import generic

    return generic.Password(args.os_auth_url, **credentials)


def _is_v3(auth_url: str) -> bool:
    return auth_url.rstrip("/").endswith("/v3")


def check_password_auth(args: argparse.Namespace) -> None:
    """Raises: CommandError when the user or the project is missing."""
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


def _domains(args: argparse.Namespace) -> dict[str, str | None]:
    return sessions.default_domains(
        username=args.os_username,
        project_name=args.os_project_name,
        user_domain_name=args.os_user_domain_name,
        user_domain_id=args.os_user_domain_id,
        project_domain_name=args.os_project_domain_name,
        project_domain_id=args.os_project_domain_id,
    )


def scope(args: argparse.Namespace) -> dict[str, Any]:
    """The project to scope the token to, with its domain (``"default"`` for a bare name)."""
    domains = _domains(args)
    return {
        "project_name": args.os_project_name,
        "project_id": args.os_project_id,
        "project_domain_name": domains["project_domain_name"],
        "project_domain_id": domains["project_domain_id"],
    }


def user_domain(args: argparse.Namespace) -> dict[str, Any]:
    """The user's domain (``"default"`` for a bare user name)."""
    domains = _domains(args)
    return {
        "user_domain_name": domains["user_domain_name"],
        "user_domain_id": domains["user_domain_id"],
    }


def build_session(auth: BaseAuthPlugin, args: argparse.Namespace, recorder: Recorder) -> Session:
    """A keystoneauth1 session with TLS options, timeout and the timing hook."""
    from novaclient_lite import requests_session

    quiet_insecure(args)
    http = requests_session.new_session()
    http.hooks["response"].append(recorder.hook)
    return sessions.build_session(auth, http=http, app="nova", **session_options(args))


def session_options(args: argparse.Namespace) -> dict[str, Any]:
    """The TLS options and timeout of the global options, for either kind of session."""
    return {
        "timeout": args.timeout,
        "insecure": args.insecure,
        "cacert": args.os_cacert,
        "cert": args.os_cert,
        "key": args.os_key,
    }


def _cloud_session(args: argparse.Namespace, recorder: Recorder) -> tuple[Session, dict[str, Any]]:
    """Session and catalog filters from clouds.yaml (openstacksdk imported only here)."""
    try:
        import openstack.config
        from openstack import exceptions as sdk_exceptions
    except ImportError:
        raise exceptions.CommandError(NEED_SDK) from None
    try:
        region = openstack.config.OpenStackConfig().get_one(
            cloud=args.os_cloud, region_name=args.os_region_name
        )
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
    session: Session | TokenSession
    if args.insecure:
        env.stderr.write(INSECURE_WARNING + "\n")
    if args.os_cloud:
        session, cloud_filters = _cloud_session(args, recorder)
        filters.update({k: v for k, v in cloud_filters.items() if v})
    else:
        if args.os_auth_url:
            recorder.identity_root = args.os_auth_url.rstrip("/").rsplit("/v3", 1)[0]
        from novaclient_lite.shell.cached_auth import CachedAuth  # NOTE: it imports this module

        cached = CachedAuth.for_args(args, env, recorder, filters)
        session = (
            cached.session() if cached else build_session(build_auth(args, env), args, recorder)
        )
    cs = make(
        args.os_compute_api_version or "auto",
        session=session,
        service_type=args.service_type or "compute",
        service_name=args.service_name,
        timeout=args.timeout,
        global_request_id=new_request_id(),
        image_url=args.os_image_url,
        network_url=args.os_network_url,
        **filters,
    )
    if cached is not None:
        cached.attach(cs)
    return cs


#: Said once per command: urllib3's own warning (once per request) is silenced.
INSECURE_WARNING = (
    "nova: WARNING: --insecure: TLS certificates are not verified, so anyone "
    "on the network path can read or change this traffic."
)


def quiet_insecure(args: argparse.Namespace) -> None:
    """With ``--insecure``, silence urllib3's per-request warning (said once instead)."""
    if args.insecure:  # asked for explicitly: do not repeat urllib3's warning per request
        import warnings

        from urllib3.exceptions import InsecureRequestWarning

        warnings.simplefilter("ignore", InsecureRequestWarning)
