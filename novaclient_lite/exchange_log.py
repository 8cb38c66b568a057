"""The ``--debug`` log of each HTTP exchange, with every secret masked.

Kept apart from the choke point (:mod:`novaclient_lite.http`), which calls it
only when DEBUG logging is on; the logger keeps its public name
``novaclient_lite.http`` so existing logging configuration still applies.
"""

from __future__ import annotations

import json as jsonlib
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite import _body, exceptions, redaction

if TYPE_CHECKING:
    import requests

LOG = logging.getLogger("novaclient_lite.http")


def scrub_error(
    error: exceptions.ClientException, secrets: list[str]
) -> exceptions.ClientException:
    """Remove secrets the request carried (adminPass, user_data...) from an error Nova echoed."""
    if secrets:
        error.message = redaction.scrub(error.message, secrets)
        if error.details:
            error.details = redaction.scrub(error.details, secrets)
        error.args = (error.message,)
    return error


def request(method: str, url: str, params: Any, headers: Mapping[str, str], body: Any) -> None:
    import urllib.parse

    query = "?" + urllib.parse.urlencode(params, doseq=True) if params else ""
    parts = [f"REQ: {method} {url}{query}"]
    parts += [f"-H '{k}: {v}'" for k, v in redaction.redact_headers(headers).items()]
    if body is not None:
        parts.append("-d '" + jsonlib.dumps(redaction.redact_body(body)) + "'")
    LOG.debug(" ".join(parts))


def response(raw: requests.Response, elapsed: float, secrets: list[str]) -> None:
    headers = redaction.redact_headers(raw.headers)
    text = ""
    try:
        body = jsonlib.loads(raw.content) if raw.content else None
        text = jsonlib.dumps(redaction.redact_body(body)) if body is not None else ""
    except (ValueError, RecursionError):
        text = exceptions.body_excerpt(_body.text(raw), 500)
    # NOTE: an error may echo what was sent (Nova's schema errors quote the whole body).
    text = redaction.scrub(text, secrets) if secrets else text
    LOG.debug("RESP: [%d] %.3fs %s %s", raw.status_code, elapsed, headers, text)
