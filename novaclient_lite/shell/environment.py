"""The process environment the shell runs in, injected so tests can replace it."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import IO


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Environment:
    """Streams, terminal flags, environment variables and the clock of one run.

    ``sleep`` and ``clock`` exist so that wait loops can be tested without
    really sleeping.  ``stderr_isatty`` defaults to ``stdout_isatty``.
    ``dry_run`` (``--dry-run``) makes multi-target commands take their targets
    one by one, so the printed requests come in the order given.
    """

    stdin: IO[str]
    stdout: IO[str]
    stderr: IO[str]
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    vars: Mapping[str, str] = field(default_factory=dict)
    stderr_isatty: bool | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    dry_run: bool = False

    def __post_init__(self) -> None:
        if self.stderr_isatty is None:
            self.stderr_isatty = self.stdout_isatty

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
