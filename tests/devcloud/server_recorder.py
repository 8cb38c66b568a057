"""A request recorder for the compatibility suite (tests/compat), around the nova apps.

Every request that reaches nova (either port) is appended as one JSON line to
``<state dir>/requests.jsonl``: method, path, query, the microversion header,
the JSON body with its secrets replaced by ``"***"``, the User-Agent and the
status.  No other header (tokens) is recorded.  The suite reads the lines a script added
and compares python-novaclient's requests with novaclient_lite's.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
FILE_NAME = "requests.jsonl"
#: Body keys whose values never reach the file.
SECRET_KEYS = frozenset(
    {"adminPass", "admin_pass", "password", "user_data", "private_key", "token", "auth_token"}
)
_LOCK = threading.Lock()


def redact(value: Any) -> Any:
    """``value`` with every :data:`SECRET_KEYS` value replaced by ``"***"``."""
    if isinstance(value, dict):
        return {k: "***" if k in SECRET_KEYS else redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def recording(app: WSGIApp, state_dir: Path, port: str) -> WSGIApp:
    """``app``, with each request appended to ``state_dir/requests.jsonl``."""
    path = state_dir / FILE_NAME

    def recorder(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(raw)
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = "<not JSON>"
        entry = {
            "port": port,
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
            "query": sorted(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)),
            "version": environ.get("HTTP_OPENSTACK_API_VERSION")
            or environ.get("HTTP_X_OPENSTACK_NOVA_API_VERSION"),
            "body": redact(body),
            # python-novaclient names itself here: the suite runs both clients at once
            "agent": environ.get("HTTP_USER_AGENT", ""),
        }

        def start(status: str, headers: Any, *exc: Any) -> Any:
            entry["status"] = int(status.split()[0])
            return start_response(status, headers, *exc)

        result = app(environ, start)
        with _LOCK, path.open("a") as out:
            out.write(json.dumps(entry) + "\n")
        return result

    return recorder
