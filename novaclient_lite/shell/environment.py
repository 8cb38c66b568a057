"""The process environment the shell runs in, injected so tests can replace it."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import IO

from novaclient_lite.values import Value


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Environment(Value):
    """Streams, terminal flags, environment variables and the clock of one run.

    ``sleep`` and ``clock`` exist so that wait loops can be tested without
    really sleeping.  ``stderr_isatty`` defaults to ``stdout_isatty``.
    ``dry_run`` (``--dry-run``) makes multi-target commands take their targets
    one by one, so the printed requests come in the order given.
    """

    __slots__ = (
        "clock",
        "dry_run",
        "sleep",
        "stderr",
        "stderr_isatty",
        "stdin",
        "stdin_isatty",
        "stdout",
        "stdout_isatty",
        "vars",
    )

    def __init__(
        self,
        stdin: IO[str],
        stdout: IO[str],
        stderr: IO[str],
        stdin_isatty: bool = False,
        stdout_isatty: bool = False,
        vars: Mapping[str, str] | None = None,
        stderr_isatty: bool | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        dry_run: bool = False,
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.stdin_isatty = stdin_isatty
        self.stdout_isatty = stdout_isatty
        self.vars: Mapping[str, str] = {} if vars is None else vars
        self.stderr_isatty = stdout_isatty if stderr_isatty is None else stderr_isatty
        self.sleep = sleep
        self.clock = clock
        self.dry_run = dry_run

    @classmethod
    def from_process(cls) -> Environment:
        """The real environment of this process (a copy of ``os.environ``)."""
        return cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
            vars=dict(os.environ),
        )

    def get(self, *names: str, default: str | None = None) -> str | None:
        """The first non-empty variable among ``names``."""
        for name in names:
            value = self.vars.get(name)
            if value:
                return value
        return default
