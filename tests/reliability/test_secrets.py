"""Secrets never reach debug logs, error messages, exception reprs or resource reprs.

Each secret is a unique marker string; after running library calls with every
logger at DEBUG, no marker may appear anywhere except in the return value that
exists to carry it (boot's adminPass, keypair-add's private key).
"""

from __future__ import annotations

import base64
import json
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests_mock
from keystoneauth1 import fixture as ksa_fixture

from novaclient_lite import Client, exceptions, http, redaction
from novaclient_lite.v2.client import Client as ClientV2

AUTH_URL = "http://identity.test/v3"
COMPUTE = "http://compute.test/v2.1"
ANY_COMPUTE = re.compile(re.escape(COMPUTE) + r"/.*")

PASSWORD = "pw-LEAKCHECK-password-7731"
TOKEN = "tok-LEAKCHECK-token-5521"
ADMIN_PASS = 'ap-LEAKCHECK-"adminpass"\\-1187'
PRIVATE_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\nLEAKCHECK-pk-9902\n-----END OPENSSH PRIVATE KEY-----\n"
)
USER_DATA = "#!/bin/sh\necho LEAKCHECK-userdata-4410\n"
USER_DATA_B64 = base64.b64encode(USER_DATA.encode()).decode()
APP_SECRET = "acs-LEAKCHECK-appcred-6620"
SECRETS = [
    PASSWORD,
    TOKEN,
    ADMIN_PASS,
    PRIVATE_KEY,
    "LEAKCHECK-pk-9902",
    "LEAKCHECK-userdata-4410",
    USER_DATA_B64,
    APP_SECRET,
]
SERVER_ID = "9d8e7f6a-1111-2222-3333-444455556666"


def shown_forms(secret: str) -> set[str]:
    """The secret as-is, as a Python repr shows it, and both of those JSON-escaped (a
    ``--debug`` RESP line re-encodes a body whose message quotes the request)."""
    forms = {secret, repr(secret)[1:-1]}
    return forms | {json.dumps(form)[1:-1] for form in forms}


def assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        for form in shown_forms(secret):
            assert form not in text, f"{secret!r} leaked into {where} as {form!r}"


def test_the_leak_check_searches_the_escaped_forms() -> None:
    assert shown_forms(ADMIN_PASS) == {
        r'ap-LEAKCHECK-"adminpass"\-1187',  # as sent
        r'ap-LEAKCHECK-"adminpass"\\-1187',  # in a Python repr
        r"ap-LEAKCHECK-\"adminpass\"\\-1187",  # JSON-escaped
        r"ap-LEAKCHECK-\"adminpass\"\\\\-1187",  # a repr, JSON-escaped
    }


def v3_token() -> ksa_fixture.V3Token:
    token = ksa_fixture.V3Token(project_name="admin", user_name="admin")
    token.set_project_scope()
    token.add_service("compute").add_standard_endpoints(public=COMPUTE, region="RegionOne")
    return token


@pytest.fixture
def cloud() -> Iterator[requests_mock.Mocker]:
    """Keystone (issuing TOKEN) and a compute endpoint that returns the secrets it should."""
    with requests_mock.Mocker() as m:
        m.get(AUTH_URL, json={"version": ksa_fixture.V3Discovery(AUTH_URL)})
        m.post(
            AUTH_URL + "/auth/tokens",
            json=v3_token(),
            headers={"X-Subject-Token": TOKEN},
            status_code=201,
        )
        m.get(
            COMPUTE + "/",
            json={
                "version": {
                    "id": "v2.1",
                    "status": "CURRENT",
                    "version": "2.104",
                    "min_version": "2.1",
                }
            },
        )
        m.get(COMPUTE + "/flavors/detail", json={"flavors": [{"id": "1", "name": "tiny"}]})
        m.post(
            COMPUTE + "/servers",
            status_code=202,
            json={
                "server": {
                    "id": SERVER_ID,
                    "adminPass": ADMIN_PASS,
                    "links": [],
                    "OS-DCF:diskConfig": "MANUAL",
                    "security_groups": [{"name": "default"}],
                }
            },
        )
        m.get(
            COMPUTE + f"/servers/{SERVER_ID}",
            json={
                "server": {
                    "id": SERVER_ID,
                    "name": "vm",
                    "status": "ACTIVE",
                    "OS-EXT-SRV-ATTR:user_data": USER_DATA_B64,
                }
            },
        )
        m.post(COMPUTE + f"/servers/{SERVER_ID}/action", json={"adminPass": ADMIN_PASS})
        m.post(
            COMPUTE + "/os-keypairs",
            json={
                "keypair": {
                    "name": "k",
                    "type": "ssh",
                    "public_key": "ssh-ed25519 AAAA",
                    "fingerprint": "fp",
                    "private_key": PRIVATE_KEY,
                    "user_id": "u",
                }
            },
        )
        yield m


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)  # the root logger: keystoneauth1 and urllib3 too
    return caplog


def password_client(version: str = "2.latest", **kwargs: Any) -> ClientV2:
    return Client(
        version,
        username="admin",
        password=PASSWORD,
        project_name="admin",
        auth_url=AUTH_URL,
        retry=http.RetryPolicy(backoff=0.01),
        **kwargs,
    )


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


# -- the shell ------------------------------------------------------------------------------

SERVER_UUID = SERVER_ID


def password_env(version: str = "2.latest") -> dict[str, str]:
    return {
        "OS_AUTH_URL": AUTH_URL,
        "OS_USERNAME": "admin",
        "OS_PASSWORD": PASSWORD,
        "OS_PROJECT_NAME": "admin",
        "OS_USER_DOMAIN_NAME": "Default",
        "OS_PROJECT_DOMAIN_NAME": "Default",
        "OS_COMPUTE_API_VERSION": version,
    }


@pytest.fixture
def shell_cloud(cloud: requests_mock.Mocker) -> requests_mock.Mocker:
    cloud.get(
        COMPUTE + "/flavors/1",
        json={"flavor": {"id": "1", "name": "tiny", "ram": 1, "vcpus": 1, "disk": 1}},
    )
    return cloud


@pytest.fixture
def user_data_file(tmp_path: Any) -> str:
    path = tmp_path / "user-data.sh"
    path.write_text(USER_DATA)
    return str(path)


@pytest.mark.parametrize("debug", [True, False])
def test_cli_boot_shows_admin_pass_once_and_logs_nothing(
    shell_cloud: requests_mock.Mocker, nova: Any, user_data_file: str, debug: bool
) -> None:
    argv = [
        "boot",
        "--flavor",
        "1",
        "--image",
        "5f5e7d5c-0000-4000-8000-000000000001",
        "--nic",
        "none",
        "--admin-pass",
        ADMIN_PASS,
        "--user-data",
        user_data_file,
        "vm",
    ]
    result = nova((["--debug"] if debug else []) + argv, password_env())
    assert result.exit_code == 0, result.stderr[-2000:]
    if debug:
        assert "REQ: POST" in result.stderr
    assert_clean(result.stderr, "stderr")
    assert ADMIN_PASS in result.stdout  # the one place it is shown: boot's own result
    assert_clean(result.stdout.replace(ADMIN_PASS, ""), "stdout")


def test_cli_keypair_add_prints_the_private_key_only_on_stdout(
    shell_cloud: requests_mock.Mocker, nova: Any
) -> None:
    result = nova(["--debug", "keypair-add", "k"], password_env("2.91"))
    assert result.exit_code == 0, result.stderr[-2000:]
    assert "LEAKCHECK-pk-9902" in result.stdout
    assert_clean(result.stderr, "stderr")


def test_cli_show_and_rescue_log_no_secrets(shell_cloud: requests_mock.Mocker, nova: Any) -> None:
    for argv in (
        ["--debug", "show", SERVER_UUID],
        ["--debug", "rescue", "--password", ADMIN_PASS, SERVER_UUID],
    ):
        result = nova(argv, password_env())
        assert result.exit_code == 0, result.stderr[-2000:]
        assert_clean(result.stderr, f"stderr of {argv[1]}")
        if argv[1] == "show":
            assert_clean(result.stdout, "stdout of show")


@pytest.mark.parametrize("debug", [True, False])
def test_cli_error_echoing_secrets(
    shell_cloud: requests_mock.Mocker, nova: Any, user_data_file: str, debug: bool
) -> None:
    echo = f"Invalid input. Value: {{'adminPass': {ADMIN_PASS!r}, 'user_data': '{USER_DATA_B64}'}}"
    shell_cloud.post(
        COMPUTE + "/servers", status_code=400, json={"badRequest": {"code": 400, "message": echo}}
    )
    argv = [
        "boot",
        "--flavor",
        "1",
        "--image",
        "5f5e7d5c-0000-4000-8000-000000000001",
        "--nic",
        "none",
        "--admin-pass",
        ADMIN_PASS,
        "--user-data",
        user_data_file,
        "vm",
    ]
    result = nova((["--debug"] if debug else []) + argv, password_env())
    assert result.exit_code == 1
    assert "ERROR (BadRequest): Invalid input." in result.stderr
    assert_clean(result.stderr + result.stdout, "the output")


@pytest.mark.parametrize("debug", [True, False])
def test_cli_wrong_password(shell_cloud: requests_mock.Mocker, nova: Any, debug: bool) -> None:
    shell_cloud.post(
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
    result = nova((["--debug"] if debug else []) + ["flavor-list"], password_env())
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("ERROR (")
    assert_clean(result.stderr + result.stdout, "the output")
    if not debug:
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_insecure_warns_once(shell_cloud: requests_mock.Mocker, nova: Any) -> None:
    result = nova(["--insecure", "flavor-list"], password_env())
    assert result.exit_code == 0
    warnings = [
        line
        for line in result.stderr.splitlines()
        if "insecure" in line.lower() or "verif" in line.lower()
    ]
    assert len(warnings) == 1, result.stderr


def test_cli_writes_no_files(
    shell_cloud: requests_mock.Mocker, nova: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No cache, history or log file can hold a secret: nothing is written at all."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.chdir(home)
    result = nova(
        [
            "--debug",
            "boot",
            "--flavor",
            "1",
            "--image",
            "5f5e7d5c-0000-4000-8000-000000000001",
            "--nic",
            "none",
            "--admin-pass",
            ADMIN_PASS,
            "vm",
        ],
        {**password_env(), "HOME": str(home)},
    )
    assert result.exit_code == 0, result.stderr[-2000:]
    assert list(home.rglob("*")) == []
