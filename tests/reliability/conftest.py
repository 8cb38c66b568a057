"""Fixtures of the reliability tests; helpers are in support.py (hostile server) and secrets.py."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests_mock
from keystoneauth1 import fixture as ksa_fixture

from novaclient_lite import Client
from novaclient_lite.v2.client import Client as ClientV2
from tests.reliability.secrets import (
    ADMIN_PASS,
    AUTH_URL,
    COMPUTE,
    PRIVATE_KEY,
    SERVER_ID,
    TOKEN,
    USER_DATA_B64,
    v3_token,
)
from tests.reliability.support import FAST_RETRY, CliResult, Hostile, RunNova

# -- fixtures ---------------------------------------------------------------------


@pytest.fixture
def hostile() -> Iterator[Hostile]:
    server = Hostile()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def make_client(hostile: Hostile) -> Callable[..., ClientV2]:
    """``make_client(version="2.1", timeout=2.0, retry=FAST_RETRY, endpoint=...)``."""

    def make(version: str = "2.1", **kwargs: Any) -> ClientV2:
        kwargs.setdefault("auth_token", "admin:admin")
        kwargs.setdefault("endpoint_override", hostile.endpoint)
        kwargs.setdefault("timeout", 2.0)
        kwargs.setdefault("retry", FAST_RETRY)
        return Client(version, **kwargs)

    return make


@pytest.fixture
def cs(make_client: Callable[..., ClientV2]) -> ClientV2:
    return make_client()


@pytest.fixture
def nova(monkeypatch: pytest.MonkeyPatch) -> RunNova:
    """``nova(argv, env_vars) -> CliResult``: the shell in-process; retries back off in ms."""
    import io

    from novaclient_lite import http
    from novaclient_lite.shell.app import main
    from novaclient_lite.shell.environment import Environment

    monkeypatch.setattr(http.RetryPolicy, "delay", lambda self, attempt: 0.01)

    def run(argv: list[str], env_vars: dict[str, str]) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        env = Environment(
            stdin=io.StringIO(""),
            stdout=out,
            stderr=err,
            stdin_isatty=False,
            stdout_isatty=False,
            stderr_isatty=False,
            vars=dict(env_vars),
            sleep=time.sleep,
        )
        code = main(argv, env)
        return CliResult(out.getvalue(), err.getvalue(), int(code))

    return run


# -- the leak check (test_secrets.py, test_secrets_cli.py) ---------------------------------


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
