"""Building the session a client sends over: TLS options, user agent, default domains.

One place for the library's ``Client(username=..., ...)`` and for the ``nova``
shell (its keystoneauth1 sessions and its warm ``--os-cache`` session alike):
:func:`tls_options` (``verify`` and the client certificate), :func:`user_agent`,
:func:`default_domains`, :func:`build_session` and :func:`auth_from_credentials`.
keystoneauth1 is imported only inside the functions that build its objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite.transport import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    import requests
    from keystoneauth1.plugin import BaseAuthPlugin
    from keystoneauth1.session import Session

#: The product token every user agent ends with.
PRODUCT = "novaclient-lite"


def tls_options(
    *,
    insecure: bool = False,
    cacert: str | None = None,
    cert: str | tuple[str, str] | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """requests' ``verify`` and ``cert`` arguments.

    ``verify`` is False with ``insecure``, else the ``cacert`` bundle, else True
    (the system's CAs); ``cert`` is ``(cert, key)`` when both are given, else
    ``cert`` (a file holding both, or None).
    """
    verify: bool | str = False if insecure else (cacert or True)
    both: str | tuple[str, str] | None = (cert, key) if isinstance(cert, str) and key else cert
    return {"verify": verify, "cert": both}


def user_agent(app: str | None = None) -> str:
    """``novaclient-lite/<version>``, after ``<app>/<version>`` for an application (``nova``)."""
    from novaclient_lite import __version__

    product = f"{PRODUCT}/{__version__}"
    return f"{app}/{__version__} {product}" if app else product


def default_domains(
    *,
    username: str | None,
    project_name: str | None,
    user_domain_name: str | None = None,
    user_domain_id: str | None = None,
    project_domain_name: str | None = None,
    project_domain_id: str | None = None,
) -> dict[str, str | None]:
    """The four v3 domain arguments, with ``"default"`` where a name needs a domain.

    A user or project *name* is unique only within a domain: when a name is
    given without its domain, Keystone's ``default`` domain is meant.  Ids need
    no domain, and a domain that was given is kept.
    """
    if username and not (user_domain_name or user_domain_id):
        user_domain_id = "default"
    if project_name and not (project_domain_name or project_domain_id):
        project_domain_id = "default"
    return {
        "user_domain_name": user_domain_name,
        "user_domain_id": user_domain_id,
        "project_domain_name": project_domain_name,
        "project_domain_id": project_domain_id,
    }


def build_session(
    auth: BaseAuthPlugin | None,
    *,
    timeout: float | None = None,
    insecure: bool = False,
    cacert: str | None = None,
    cert: str | tuple[str, str] | None = None,
    key: str | None = None,
    app: str | None = None,
    agent: str | None = None,
    http: requests.Session | None = None,
) -> Session:
    """A keystoneauth1 session with the TLS options, a timeout and the user agent.

    Args:
        auth: the keystoneauth1 plugin (None: no authentication).
        timeout: seconds per connect and read (default ``DEFAULT_TIMEOUT``).
        insecure, cacert, cert, key: see :func:`tls_options`.
        app: the application in the user agent (the shell passes ``nova``).
        agent: a whole user agent of the caller's, instead of :func:`user_agent`.
        http: the ``requests.Session`` underneath (the shell adds a response hook);
            by default a :func:`novaclient_lite.requests_session.new_session`.
    """
    from keystoneauth1 import session as ksa_session

    from novaclient_lite import requests_session

    return ksa_session.Session(
        auth=auth,
        session=http if http is not None else requests_session.new_session(),
        # NOTE: Keystone's requests go through this session too: never without a timeout.
        timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
        user_agent=agent or user_agent(app),
        **tls_options(insecure=insecure, cacert=cacert, cert=cert, key=key),
    )


def auth_from_credentials(
    *,
    username: str | None,
    password: str | None,
    project_name: str | None,
    project_id: str | None,
    auth_url: str | None,
    user_domain_name: str | None,
    user_domain_id: str | None,
    project_domain_name: str | None,
    project_domain_id: str | None,
    auth_token: str | None,
    endpoint_override: str | None,
    user_id: str | None = None,
) -> BaseAuthPlugin:
    """The keystoneauth1 plugin for the library ``Client``'s credential arguments.

    Raises:
        ValueError: the arguments name no usable login.
    """
    if auth_token and endpoint_override and not auth_url:
        from keystoneauth1 import token_endpoint

        return token_endpoint.Token(endpoint_override, auth_token)
    if not auth_url:
        raise ValueError(
            "Give a keystoneauth1 session, an auth plugin, credentials with auth_url, "
            "or auth_token with endpoint_override."
        )
    from keystoneauth1.identity import generic

    if auth_token:
        return generic.Token(
            auth_url,
            token=auth_token,
            project_name=project_name,
            project_id=project_id,
            project_domain_name=project_domain_name,
            project_domain_id=project_domain_id,
        )
    if not (username or user_id) or password is None:
        raise ValueError("Password authentication needs username (or user_id) and password.")
    domains = default_domains(
        username=username,
        project_name=project_name,
        user_domain_name=user_domain_name,
        user_domain_id=user_domain_id,
        project_domain_name=project_domain_name,
        project_domain_id=project_domain_id,
    )
    return generic.Password(
        auth_url,
        username=username,
        user_id=user_id,
        password=password,
        project_name=project_name,
        project_id=project_id,
        user_domain_name=domains["user_domain_name"],
        user_domain_id=domains["user_domain_id"],
        project_domain_name=domains["project_domain_name"],
        project_domain_id=domains["project_domain_id"],
    )
