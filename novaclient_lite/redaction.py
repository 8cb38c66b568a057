"""Masking of secrets for debug output, error messages and reprs.

Tokens are shown as a short SHA-256 prefix (enough to tell two apart, never
enough to use); passwords, adminPass, private keys and user_data are replaced
by a marker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

REDACTED = "***"

#: Headers whose value is a credential.
SECRET_HEADERS = frozenset(
    {
        "x-auth-token",
        "x-subject-token",
        "x-service-token",
        "authorization",
        "cookie",
        "set-cookie",
        "x-auth-key",
    }
)
#: JSON keys whose value is a secret wherever they appear in a body.
SECRET_KEYS = frozenset(
    {
        "password",
        "adminpass",
        "admin_pass",
        "private_key",
        "user_data",
        "contents",  # personality files (boot/rebuild --file): user data-like
        "secret",
        "token",
        "auth_token",
        "access_token",
        "refresh_token",
        "passcode",
        "totp",
        "application_credential_secret",
        "original_password",
    }
)

#: Objects whose ``url`` is a secret: a console URL carries the token that opens
#: the console (``{"console": {"url": ...}}`` before 2.6, ``remote_console`` from 2.6).
TOKEN_URL_PARENTS = frozenset({"console", "remote_console"})


def token_fingerprint(value: str) -> str:
    """``{SHA256}abcd1234...``: lets a reader match tokens without seeing them."""
    digest = hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()
    return "{SHA256}" + digest[:16]


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``headers`` with credentials replaced by fingerprints."""
    return {
        name: (token_fingerprint(str(value)) if name.lower() in SECRET_HEADERS else str(value))
        for name, value in headers.items()
    }


def redact_body(body: Any) -> Any:
    """A deep copy of a JSON document with every secret value masked."""
    if isinstance(body, Mapping):
        out: dict[str, Any] = {}
        for key, value in body.items():
            lowered = _bare(key)
            if lowered in SECRET_KEYS or (lowered == "id" and _is_token_doc(body)):
                out[key] = REDACTED if value not in (None, "") else value
            elif lowered in TOKEN_URL_PARENTS and isinstance(value, Mapping):
                out[key] = {**redact_body(value), **_masked_url(value)}
            else:
                out[key] = redact_body(value)
        return out
    if isinstance(body, list):
        return [redact_body(item) for item in body]
    return body


def secret_values(body: Any) -> list[str]:
    """The secret strings in a request body (to scrub them from echoed error messages)."""
    found: list[str] = []
    if isinstance(body, Mapping):
        for key, value in body.items():
            if _bare(key) in SECRET_KEYS and isinstance(value, str) and len(value) >= 4:
                found.append(value)
            else:
                found.extend(secret_values(value))
    elif isinstance(body, list):
        for item in body:
            found.extend(secret_values(item))
    return found


def scrub(text: str, secrets: list[str]) -> str:
    """``text`` with every occurrence of each secret masked, in any form it is shown in.

    The forms: as sent, as a Python repr quotes it (Nova's schema errors echo
    values so: a backslash doubled), and each of those JSON-escaped (a
    ``--debug`` response line re-encodes an error body that echoes the request).
    """
    forms = {form for secret in secrets for form in _shown_forms(secret)}
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, REDACTED)
    return text


def _shown_forms(secret: str) -> set[str]:
    import json

    forms = {secret, repr(secret)[1:-1]}
    return forms | {json.dumps(form)[1:-1] for form in forms}


def _masked_url(console: Mapping[str, Any]) -> dict[str, Any]:
    return {k: REDACTED for k, v in console.items() if _bare(k) == "url" and v not in (None, "")}


def _bare(key: Any) -> str:
    """``OS-EXT-SRV-ATTR:user_data`` -> ``user_data``: namespaced keys are secrets too."""
    return str(key).lower().rsplit(":", 1)[-1]


def _is_token_doc(body: Mapping[str, Any]) -> bool:
    # Keystone v2 {"access": {"token": {"id": ...}}} and similar: an "id" next to "expires".
    return "expires" in body or "expires_at" in body
