"""Fixtures of the reliability tests; the hostile server and helpers are in support.py."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from novaclient_lite import Client
from novaclient_lite.v2.client import Client as ClientV2
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
