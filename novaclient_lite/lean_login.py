"""A Keystone v3 password login without keystoneauth1 (for the shell's common path).

It builds exactly the body keystoneauth1's ``v3.Password`` sends, POSTs it to
``{auth_url}/auth/tokens`` and reads the token, its expiry, the scope's ids and
the service catalog.  Anything beyond password auth on a ``/v3`` URL is left to
keystoneauth1.
"""

from __future__ import annotations

import json as jsonlib
from collections.abc import Callable
from typing import Any

from novaclient_lite.fast_session import (
    Grant,
    RequestsTransport,
    TokenSession,
    Transport,
    TransportError,
)


class Login(Grant):
    """What a Keystone login returned: a grant and the service catalog."""

    def __init__(self, token: str, expires_at: float | None, catalog: list[Any],
                 project_id: str | None = None, user_id: str | None = None) -> None:
        super().__init__(token, expires_at, None, project_id, user_id)
        self.catalog = catalog

    def endpoint_for(self, service_type: str = "compute", interface: str = "public",
                     region_name: str | None = None,
                     service_name: str | None = None) -> str | None:
        """The first catalog URL matching the filters (keystoneauth1's v3 rules)."""
        interface = interface[:-3] if interface.endswith("URL") else interface
        for service in self.catalog:
            if not isinstance(service, dict) or service.get("type") != service_type:
                continue
            if service_name and service.get("name") != service_name:
                continue
            for ep in service.get("endpoints") or []:
                if ep.get("interface") != interface:
                    continue
                if region_name and region_name not in (ep.get("region_id"), ep.get("region")):
                    continue
                if ep.get("url"):
                    return str(ep["url"])
        return None


def password_body(*, password: str, username: str | None = None, user_id: str | None = None,
                  user_domain_id: str | None = None, user_domain_name: str | None = None,
                  project_id: str | None = None, project_name: str | None = None,
                  project_domain_id: str | None = None,
                  project_domain_name: str | None = None) -> dict[str, Any]:
    """The v3 password auth request body, exactly as keystoneauth1's v3.Password builds it."""
    user: dict[str, Any] = {"password": password}
    if user_id:
        user["id"] = user_id
    elif username:
        user["name"] = username
        if user_domain_id:
            user["domain"] = {"id": user_domain_id}
        elif user_domain_name:
            user["domain"] = {"name": user_domain_name}
    auth: dict[str, Any] = {"identity": {"methods": ["password"], "password": {"user": user}}}
    if project_id:
        auth["scope"] = {"project": {"id": project_id}}
    elif project_name:
        project: dict[str, Any] = {"name": project_name}
        if project_domain_id:
            project["domain"] = {"id": project_domain_id}
        elif project_domain_name:
            project["domain"] = {"name": project_domain_name}
        auth["scope"] = {"project": project}
    return {"auth": auth}


def password_login(transport: Transport | RequestsTransport, auth_url: str, body: dict[str, Any], *,
                   on_response: Callable[[str, str, int, float], None] | None = None,
                   app: str = "nova") -> Login:
    """POST ``{auth_url}/auth/tokens`` (a v3 URL); the password never leaves ``body``.

    Raises:
        TransportError: the request could not be completed.
        novaclient_lite.exceptions.ClientException: Keystone refused (401, ...) or
            answered something that is not a token.
    """
    from novaclient_lite import exceptions

    url = auth_url.rstrip("/") + "/auth/tokens"
    session = TokenSession(transport, "", None, on_response=on_response, app=app)
    try:
        response = session.request(url, "POST", data=jsonlib.dumps(body), authenticated=False,
                                   headers={"Accept": "application/json",
                                            "Content-Type": "application/json"})
        content = response.content
    except TransportError as exc:
        kind = exceptions.Timeout if exc.timeout else exceptions.ConnectionError
        raise kind(str(exc), url=url, method="POST") from None
    try:
        doc = jsonlib.loads(content) if content.strip() else None
    except ValueError:
        doc = None
    if response.status_code >= 400:
        text = content[:64 * 1024].decode("utf-8", "replace") if doc is None else ""
        raise exceptions.from_response(response.status_code, response.headers, doc, text,
                                       url, "POST")
    token = response.headers.get("X-Subject-Token")
    if not token or not isinstance(doc, dict) or not isinstance(doc.get("token"), dict):
        raise exceptions.InvalidResponse(f"Keystone answered POST {url} without a token.",
                                         code=response.status_code, url=url, method="POST")
    info = doc["token"]
    return Login(token, parse_time(info.get("expires_at")), info.get("catalog") or [],
                 _id_of(info.get("project")), _id_of(info.get("user")))


def _id_of(obj: Any) -> str | None:
    value = obj.get("id") if isinstance(obj, dict) else None
    return value if isinstance(value, str) else None


def parse_time(text: Any) -> float | None:
    """An ISO 8601 UTC timestamp (Keystone's ``expires_at``) as epoch seconds."""
    if not isinstance(text, str) or not text:
        return None
    from datetime import datetime, timezone

    value = text.strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.timestamp()
