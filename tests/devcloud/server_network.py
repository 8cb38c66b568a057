"""A read-only Network API view of nova's Neutron fixture (NOT Neutron).

Nova's side keeps ``nova.tests.fixtures.NeutronFixture`` (an in-memory
Neutron).  This WSGI app shows that fixture's networks and ports in the
Network API v2.0 shapes, so a client can resolve ``--nic net-name=NAME``
through the catalog's ``network`` endpoint and see the ports nova made:

* ``GET /`` (versions), ``GET /v2.0/networks[?name=&id=&shared=&fields=]``,
  ``GET /v2.0/networks/{id}``, ``GET /v2.0/ports[?device_id=&network_id=&id=&fields=]``,
  ``GET /v2.0/ports/{id}``; repeated filters mean "any of" as in Neutron;
* anything else: 404 (unknown path) or 405 (not GET), with Neutron's error body.

Not covered: writes, subnets, security groups, floating IPs, paging, sorting,
project scoping (every authenticated caller sees every network of the
fixture), policies.  Stdlib only; the caller wraps it in the auth it wants.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
_BOOLS = {"true": True, "false": False, "True": True, "False": False}


def _reply(start_response: Callable[..., Any], status: str, body: Any) -> list[bytes]:
    data = json.dumps(body, default=str).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    )
    return [data]


def _not_found(kind: str, ident: str) -> tuple[str, Any]:
    return "404 Not Found", {
        "NeutronError": {
            "type": f"{kind.capitalize()}NotFound",
            "detail": "",
            "message": f"{kind.capitalize()} {ident} could not be found.",
        }
    }


def _filters(query: dict[str, list[str]]) -> tuple[dict[str, Any], list[str]]:
    """Neutron query -> (fixture filters, requested fields)."""
    fields = query.pop("fields", [])
    filters: dict[str, Any] = {}
    for key, values in query.items():
        converted = [_BOOLS.get(v, v) for v in values]
        filters[key] = converted[0] if len(converted) == 1 else converted
    return filters, fields


def _only(resource: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    return {k: v for k, v in resource.items() if k in fields} if fields else resource


def network_view(neutron: Any, base_url: str = "") -> WSGIApp:
    """The view of *neutron* (a NeutronFixture); *base_url* fills version links."""
    collections: dict[str, Callable[..., list[dict[str, Any]]]] = {
        "networks": lambda **f: neutron.list_networks(**f)["networks"],
        "ports": lambda **f: neutron.list_ports(True, **f)["ports"],
    }

    def lookup(path: str, query: dict[str, list[str]]) -> tuple[str, Any]:
        filters, fields = _filters(query)
        parts = path.strip("/").split("/") if path.strip("/") else []
        if not parts:
            return "200 OK", {
                "versions": [
                    {
                        "id": "v2.0",
                        "status": "CURRENT",
                        "links": [{"rel": "self", "href": base_url + "/v2.0/"}],
                    }
                ]
            }
        if parts == ["v2.0"]:
            return "200 OK", {
                "resources": [
                    {
                        "name": n[:-1],
                        "collection": n,
                        "links": [{"rel": "self", "href": f"{base_url}/v2.0/{n}"}],
                    }
                    for n in collections
                ]
            }
        if parts[0] != "v2.0" or len(parts) > 3 or parts[1] not in collections:
            return "404 Not Found", {
                "NeutronError": {
                    "type": "HTTPNotFound",
                    "detail": "",
                    "message": "The resource could not be found.",
                }
            }
        listing = collections[parts[1]]
        if len(parts) == 2:
            return "200 OK", {parts[1]: [_only(r, fields) for r in listing(**filters)]}
        kind, found = parts[1][:-1], listing(id=parts[2])
        if not found:
            return _not_found(kind, parts[2])
        return "200 OK", {kind: _only(found[0], fields)}

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            return _reply(
                start_response,
                "405 Method Not Allowed",
                {
                    "NeutronError": {
                        "type": "HTTPMethodNotAllowed",
                        "detail": "",
                        "message": "The dev cloud's Network API view is read-only.",
                    }
                },
            )
        path = environ.get("PATH_INFO", "").rstrip("/")
        if path.endswith(".json"):
            path = path[: -len(".json")]
        status, body = lookup(path, parse_qs(environ.get("QUERY_STRING", "")))
        return _reply(start_response, status, body)

    return app


def require_token(app: WSGIApp) -> WSGIApp:
    """The noauth flavour: any ``X-Auth-Token`` is accepted, none is a 401."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if not environ.get("HTTP_X_AUTH_TOKEN"):
            return _reply(
                start_response,
                "401 Unauthorized",
                {
                    "NeutronError": {
                        "type": "HTTPUnauthorized",
                        "detail": "",
                        "message": "noauth: send X-Auth-Token: <user>:<project>",
                    }
                },
            )
        return app(environ, start_response)

    return guarded


def require_keystone(app: WSGIApp, settings: dict[str, str]) -> WSGIApp:
    """The keystone flavour: the real keystonemiddleware ``auth_token`` in front."""
    from keystonemiddleware import auth_token

    guarded: WSGIApp = auth_token.AuthProtocol(app, dict(settings))
    return guarded
