"""Secrets never reach debug logs, error messages, exception reprs or resource reprs.

Each secret is a unique marker string; after running library calls with every
logger at DEBUG, no marker may appear anywhere except in the return value that
exists to carry it (boot's adminPass, keypair-add's private key).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import Client, exceptions, redaction
from tests.reliability.secrets import (
    ADMIN_PASS,
    APP_SECRET,
    AUTH_URL,
    COMPUTE,
    PASSWORD,
    PRIVATE_KEY,
    SERVER_ID,
    TOKEN,
    USER_DATA,
    USER_DATA_B64,
    assert_clean,
    password_client,
    shown_forms,
)


def test_the_leak_check_searches_the_escaped_forms() -> None:
    assert shown_forms(ADMIN_PASS) == {
        r'ap-LEAKCHECK-"adminpass"\-1187',  # as sent
        r'ap-LEAKCHECK-"adminpass"\\-1187',  # in a Python repr
        r"ap-LEAKCHECK-\"adminpass\"\\-1187",  # JSON-escaped
        r"ap-LEAKCHECK-\"adminpass\"\\\\-1187",  # a repr, JSON-escaped
    }


def test_library_debug_log_has_no_secrets(
    cloud: requests_mock.Mocker, debug_logs: pytest.LogCaptureFixture
) -> None:
    cs = password_client()
    cs.flavors.list()
    server = cs.servers.create(
        "vm", "image-id", "1", networks="none", admin_pass=ADMIN_PASS, user_data=USER_DATA
    )
    fetched = cs.servers.get(SERVER_ID)
    rescue_pass = cs.servers.rescue(SERVER_ID, password=ADMIN_PASS)[1]["adminPass"]
    keypair = password_client(version="2.91").keypairs.create("k")  # generated up to 2.91

    # The values that exist to carry a secret do carry it...
    assert server.adminPass == ADMIN_PASS and rescue_pass == ADMIN_PASS
    assert keypair.private_key == PRIVATE_KEY
    # ...and the secrets did go over the wire (so the log had a chance to leak them).
    sent = [r.text or "" for r in cloud.request_history if r.method == "POST"]
    assert any(PASSWORD in t for t in sent) and any(USER_DATA_B64 in t for t in sent)
    assert any(r.headers.get("X-Auth-Token") == TOKEN for r in cloud.request_history)

    assert debug_logs.records, "nothing was logged at DEBUG"
    assert_clean(debug_logs.text, "the DEBUG log")
    for obj in (server, fetched, keypair, cs, cs.api):
        assert_clean(repr(obj), f"repr({type(obj).__name__})")
        assert_clean(str(obj), f"str({type(obj).__name__})")
    assert "REQ: POST" in debug_logs.text and redaction.REDACTED in debug_logs.text


@pytest.mark.parametrize("quoted", [str, repr], ids=["raw", "repr"])
def test_errors_that_echo_secrets_are_scrubbed(
    cloud: requests_mock.Mocker,
    debug_logs: pytest.LogCaptureFixture,
    quoted: Callable[[str], str],
) -> None:
    echo = (
        f"Invalid input for field/attribute server. Value: {{'adminPass': "
        f"{quoted(ADMIN_PASS)}, 'user_data': '{USER_DATA_B64}'}}. "
        "Additional properties are not allowed"
    )
    cloud.post(
        COMPUTE + "/servers",
        status_code=400,
        json={"badRequest": {"code": 400, "message": echo, "details": echo}},
    )
    cs = password_client()
    with pytest.raises(exceptions.BadRequest) as info:
        cs.servers.create(
            "vm", "image-id", "1", networks="none", admin_pass=ADMIN_PASS, user_data=USER_DATA
        )
    exc = info.value
    for text, where in (
        (str(exc), "str"),
        (repr(exc), "repr"),
        (exc.message, "message"),
        (str(exc.details), "details"),
        (str(exc.args), "args"),
    ):
        assert_clean(text, f"the exception's {where}")
    assert "Additional properties are not allowed" in str(exc)
    assert "Additional properties are not allowed" in debug_logs.text  # the RESP line
    assert_clean(debug_logs.text, "the DEBUG log")


def test_rescue_error_scrubs_the_password(cloud: requests_mock.Mocker) -> None:
    cloud.post(
        COMPUTE + f"/servers/{SERVER_ID}/action",
        status_code=409,
        json={"conflictingRequest": {"message": f"Cannot rescue with password {ADMIN_PASS}"}},
    )
    with pytest.raises(exceptions.Conflict) as info:
        password_client().servers.rescue(SERVER_ID, password=ADMIN_PASS)
    assert_clean(str(info.value) + repr(info.value), "the rescue error")


def test_token_auth_debug_log(
    cloud: requests_mock.Mocker, debug_logs: pytest.LogCaptureFixture
) -> None:
    cs = Client("2.latest", auth_token=TOKEN, endpoint_override=COMPUTE)
    cs.flavors.list()
    assert cloud.last_request.headers["X-Auth-Token"] == TOKEN
    assert_clean(debug_logs.text, "the DEBUG log")
    assert_clean(repr(cs), "repr(Client)")


def test_application_credential_debug_log(
    cloud: requests_mock.Mocker, debug_logs: pytest.LogCaptureFixture
) -> None:
    from keystoneauth1.identity import v3

    auth = v3.ApplicationCredential(
        auth_url=AUTH_URL,
        application_credential_id="ac-id",
        application_credential_secret=APP_SECRET,
    )
    cs = Client("2.latest", auth=auth)
    cs.flavors.list()
    sent = [r.text or "" for r in cloud.request_history if r.method == "POST"]
    assert any(APP_SECRET in t for t in sent)
    assert_clean(debug_logs.text, "the DEBUG log")


def test_failed_login_message_has_no_password(
    cloud: requests_mock.Mocker, debug_logs: pytest.LogCaptureFixture
) -> None:
    cloud.post(
        AUTH_URL + "/auth/tokens",
        status_code=401,
        json={
            "error": {
                "code": 401,
                "title": "Unauthorized",
                "message": "The request you have made requires authentication.",
            }
        },
    )
    with pytest.raises(Exception) as info:
        password_client().flavors.list()
    assert_clean(str(info.value) + repr(info.value), "the login error")
    assert_clean(debug_logs.text, "the DEBUG log")


def test_transport_error_has_no_token(make_client: Any, hostile: Any) -> None:
    from tests.reliability.support import reset_before_answer

    hostile.on("POST", "/v2.1/servers", reset_before_answer)
    cs = make_client(auth_token=TOKEN)
    with pytest.raises(exceptions.ConnectionError) as info:
        cs.api.post("/servers", json={"server": {"adminPass": ADMIN_PASS}})
    assert_clean(str(info.value) + repr(info.value), "the transport error")
    chained = info.value.__cause__
    assert chained is None or TOKEN not in str(chained)


# -- the redaction helpers ----------------------------------------------------------------


def test_redact_body_masks_nested_secrets() -> None:
    body = {
        "server": {
            "name": "vm",
            "adminPass": ADMIN_PASS,
            "user_data": USER_DATA_B64,
            "metadata": {"password": PASSWORD},
        },
        "auth": {
            "identity": {
                "password": {"user": {"password": PASSWORD}},
                "application_credential": {"secret": APP_SECRET},
            }
        },
        "keypairs": [{"keypair": {"private_key": PRIVATE_KEY}}],
        "access": {"token": {"id": TOKEN, "expires": "x"}},
    }
    masked = redaction.redact_body(body)
    assert_clean(repr(masked), "redact_body")
    assert masked["server"]["name"] == "vm"
    assert body["server"]["adminPass"] == ADMIN_PASS  # the input is not modified


def test_redact_headers_fingerprints_tokens() -> None:
    headers = {
        "X-Auth-Token": TOKEN,
        "x-subject-token": TOKEN,
        "Authorization": f"Bearer {TOKEN}",
        "Accept": "application/json",
    }
    masked = redaction.redact_headers(headers)
    assert_clean(repr(masked), "redact_headers")
    assert masked["X-Auth-Token"] == redaction.token_fingerprint(TOKEN)
    assert masked["X-Auth-Token"] != redaction.token_fingerprint(TOKEN + "x")
    assert masked["Accept"] == "application/json"


def test_scrub_replaces_every_occurrence() -> None:
    secrets = redaction.secret_values(
        {"server": {"adminPass": ADMIN_PASS, "name": "vm"}, "rescue": {"adminPass": "abc"}}
    )
    assert secrets == [ADMIN_PASS]  # three characters are too short to scrub safely
    assert redaction.scrub(f"{ADMIN_PASS} and {ADMIN_PASS}", secrets) == "*** and ***"
    for form in shown_forms(ADMIN_PASS):
        assert redaction.scrub(f"<{form}>", secrets) == "<***>", form
