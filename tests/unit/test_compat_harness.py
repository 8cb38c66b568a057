"""The compatibility suite's own parts: the dev cloud's request recorder and the comparison."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from tests.compat import compare
from tests.devcloud.server_recorder import recording


def test_the_recorder_keeps_the_request_and_masks_secrets(tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen["body"] = environ["wsgi.input"].read()
        start_response("202 Accepted", [])
        return [b""]

    body = json.dumps({"server": {"name": "a", "adminPass": "hunter2", "user_data": "c2VjcmV0"}})
    environ = {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "/v2.1",
        "PATH_INFO": "/servers",
        "QUERY_STRING": "b=2&a=1",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body.encode()),
        "HTTP_X_OPENSTACK_NOVA_API_VERSION": "2.1",
        "HTTP_X_AUTH_TOKEN": "tok-secret",
    }
    recording(app, tmp_path, "noauth")(environ, lambda *a: None)
    assert seen["body"] == body.encode()  # the app still reads the whole body
    text = (tmp_path / "requests.jsonl").read_text()
    assert "hunter2" not in text and "c2VjcmV0" not in text and "tok-secret" not in text
    (entry,) = compare.requests_between(tmp_path / "requests.jsonl", 0)
    assert entry["query"] == [["a", "1"], ["b", "2"]] and entry["status"] == 202
    assert compare.normalise([entry], ()) == [
        (
            "POST",
            "/servers",
            "a=1&b=2",
            "2.1",
            json.dumps(
                {"server": {"adminPass": "***", "name": "a", "user_data": "***"}}, sort_keys=True
            ),
        )
    ]


def entry(method: str, path: str, body: Any = None) -> dict[str, Any]:
    return {"method": method, "path": "/v2.1" + path, "query": [], "version": "2.1", "body": body}


def test_normalise_scrubs_ids_and_tags_and_folds_polling() -> None:
    uuid = "0f4b0c36-6a57-4bb7-9c8e-0d1b2c3d4e5f"
    entries = [
        entry("POST", "/servers", {"server": {"name": "x-tag1", "min_count": 1, "max_count": 1}}),
        entry("GET", f"/servers/{uuid}"),
        entry("GET", f"/servers/{uuid}"),
        entry("DELETE", f"/servers/{uuid}"),
    ]
    assert compare.normalise(entries, ("tag1",)) == [
        ("POST", "/servers", "", "2.1", '{"server": {"name": "x-<tag>"}}'),
        ("GET", "/servers/<uuid>", "", "2.1", ""),
        ("DELETE", "/servers/<uuid>", "", "2.1", ""),
    ]


def test_only_the_listed_differences_are_allowed() -> None:
    discovery = ("GET", "/", "", "", "")
    other = ("GET", "/flavors", "", "", "")
    assert compare.without_allowed([discovery, other], "lite", "any.py") == [other]
    assert compare.without_allowed([discovery, other], "reference", "any.py") == [
        discovery,
        other,
    ]


def test_each_request_is_told_apart_by_its_agent() -> None:
    assert compare.side_of({"agent": "python-novaclient keystoneauth1/5.18.1"}) == "reference"
    assert compare.side_of({"agent": "novaclient-lite/0.1.0"}) == "lite"
    assert compare.side_of({"agent": "keystoneauth1/5.18.1 python-requests/2.34"}) == "lite"
