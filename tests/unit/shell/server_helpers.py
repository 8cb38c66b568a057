"""Shared helpers and constants of the server command tests (not a test module)."""

from __future__ import annotations

import urllib.parse
from typing import Any

import requests_mock

from tests.unit import bodies as fx
from tests.unit.shell.support import table_rows
from tests.unit.support import COMPUTE_URL, compute_requests

SID = fx.SERVER_ID
SURL = f"{COMPUTE_URL}/servers/{SID}"
ACTION = f"{SURL}/action"


def sent(m: requests_mock.Mocker, method: str | None = None) -> list[Any]:
    """Compute requests (version discovery excluded), optionally of one method."""
    return [r for r in compute_requests(m) if method is None or r.method == method]


def calls(m: requests_mock.Mocker) -> list[tuple[str, str]]:
    """(method, path?query) of every compute request, in order."""
    out = []
    for r in compute_requests(m):
        parts = urllib.parse.urlsplit(r.url)
        query = urllib.parse.unquote(parts.query)
        out.append((r.method, parts.path.removeprefix("/v2.1") + (f"?{query}" if query else "")))
    return out


def version_of(request: Any) -> str | None:
    return request.headers.get("X-OpenStack-Nova-API-Version")


def record(text: str) -> dict[str, str]:
    """A Property/Value table as a dict (continuation rows appended)."""
    result: dict[str, str] = {}
    key = ""
    for cells in table_rows(text):
        if cells[0]:
            key = cells[0]
            result[key] = cells[1]
        else:
            result[key] += "\n" + cells[1]
    return result


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def get_server(
    m: requests_mock.Mocker, body: dict[str, Any] | None = None, server_id: str = SID
) -> Any:
    return m.get(
        f"{COMPUTE_URL}/servers/{server_id}", json={"server": body or fx.server(server_id)}
    )


def flavor_get(m: requests_mock.Mocker, flavor_id: str = "1", name: str = "m1.tiny") -> Any:
    return m.get(f"{COMPUTE_URL}/flavors/{flavor_id}", json={"flavor": fx.flavor(flavor_id, name)})


def boot_mocks(m: requests_mock.Mocker) -> Any:
    """The flavor, the new server (BUILD) and the POST a boot needs; returns the POST."""
    flavor_get(m)
    get_server(m, fx.server(status="BUILD", task_state="scheduling", power_state=0))
    return m.post(f"{COMPUTE_URL}/servers", json=fx.created(), status_code=202)
