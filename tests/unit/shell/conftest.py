"""``run_cli``: run ``nova`` in-process with an injected environment.

Combine with the ``mock`` fixture of tests/unit/conftest.py (requests-mock with
Keystone and the compute version document) to assert the HTTP requests sent.
Only fixtures live here; ``Result``, ``DEFAULT_VARS`` and the table helpers are
in tests/unit/shell/support.py.
"""

from __future__ import annotations

import io
import shlex

import pytest

from novaclient_lite.shell import main
from novaclient_lite.shell.environment import Environment
from tests.unit.shell.support import (
    DEFAULT_VARS,
    FakeClock,
    Result,
    RunCli,
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def run_cli(clock: FakeClock) -> RunCli:
    """``run_cli("flavor-list", env_vars=None, isatty=False, stdin="") -> Result``.

    ``env_vars`` replaces the default password-auth OS_* variables (pass
    ``{**DEFAULT_VARS, ...}`` to extend them).  Sleeping uses a fake clock.
    """

    def run(
        cmdline: str | list[str],
        env_vars: dict[str, str] | None = None,
        isatty: bool = False,
        stdin: str = "",
    ) -> Result:
        argv = shlex.split(cmdline) if isinstance(cmdline, str) else list(cmdline)
        out, err = io.StringIO(), io.StringIO()
        env = Environment(
            stdin=io.StringIO(stdin),
            stdout=out,
            stderr=err,
            stdin_isatty=False,
            stdout_isatty=isatty,
            stderr_isatty=isatty,
            vars=dict(DEFAULT_VARS if env_vars is None else env_vars),
            sleep=clock.sleep,
            clock=clock,
        )
        code = main(argv, env)
        return Result(out.getvalue(), err.getvalue(), int(code))

    return run
