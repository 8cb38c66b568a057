"""``run_cli``: run ``nova`` in-process with an injected environment.

Combine with the ``mock`` fixture of tests/unit/conftest.py (requests-mock with
Keystone and the compute version document) to assert the HTTP requests sent.
"""

from __future__ import annotations

import io
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from novaclient_lite.shell import main
from novaclient_lite.shell.environment import Environment
from tests.unit.conftest import AUTH_URL

DEFAULT_VARS = {
    "OS_AUTH_URL": AUTH_URL,
    "OS_USERNAME": "admin",
    "OS_PASSWORD": "secret-password",
    "OS_PROJECT_NAME": "admin",
    "OS_USER_DOMAIN_NAME": "Default",
    "OS_PROJECT_DOMAIN_NAME": "Default",
}


@dataclass
class Result:
    stdout: str
    stderr: str
    exit_code: int


class FakeClock:
    """A clock that only moves when ``sleep`` is called."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


RunCli = Callable[..., Result]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def run_cli(clock: FakeClock) -> RunCli:
    """``run_cli("flavor-list", env_vars=None, isatty=False, stdin="") -> Result``.

    ``env_vars`` replaces the default password-auth OS_* variables (pass
    ``{**DEFAULT_VARS, ...}`` to extend them).  Sleeping uses a fake clock.
    """

    def run(cmdline: str | list[str], env_vars: dict[str, str] | None = None,
            isatty: bool = False, stdin: str = "") -> Result:
        argv = shlex.split(cmdline) if isinstance(cmdline, str) else list(cmdline)
        out, err = io.StringIO(), io.StringIO()
        env = Environment(
            stdin=io.StringIO(stdin), stdout=out, stderr=err, stdin_isatty=False,
            stdout_isatty=isatty, stderr_isatty=isatty,
            vars=dict(DEFAULT_VARS if env_vars is None else env_vars),
            sleep=clock.sleep, clock=clock,
        )
        code = main(argv, env)
        return Result(out.getvalue(), err.getvalue(), int(code))

    return run


def table_rows(text: str) -> list[list[str]]:
    """The cells of a prettytable's body rows (header excluded)."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("|")]
    return rows[1:]


def table_header(text: str) -> list[str]:
    for line in text.splitlines():
        if line.startswith("|"):
            return [c.strip() for c in line.strip().strip("|").split("|")]
    return []


def json_body(request: Any) -> Any:
    return request.json()
