"""The CLI harness's data and table helpers (the ``run_cli`` fixture is in conftest.py).

Import from here, not from conftest.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.unit.support import AUTH_URL

DEFAULT_VARS = {
    "OS_AUTH_URL": AUTH_URL,
    "OS_USERNAME": "admin",
    "OS_PASSWORD": "secret-password",
    "OS_PROJECT_NAME": "admin",
    "OS_USER_DOMAIN_NAME": "Default",
    "OS_PROJECT_DOMAIN_NAME": "Default",
}


def table_rows(text: str) -> list[list[str]]:
    """The cells of a prettytable's body rows (header excluded)."""
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|")
    ]
    return rows[1:]


def table_header(text: str) -> list[str]:
    """The column names of the first prettytable in ``text`` ([] when there is none)."""
    for line in text.splitlines():
        if line.startswith("|"):
            return [c.strip() for c in line.strip().strip("|").split("|")]
    return []


def json_body(request: Any) -> Any:
    return request.json()


@dataclass
class Result:
    """What one ``nova`` run printed and returned."""

    stdout: str
    stderr: str
    exit_code: int

    @property
    def json(self) -> Any:
        """stdout parsed as JSON (raises ValueError when it is not JSON)."""
        return json.loads(self.stdout)

    @property
    def table(self) -> list[list[str]]:
        """The body rows of the table on stdout (see ``table_rows``)."""
        return table_rows(self.stdout)

    @property
    def header(self) -> list[str]:
        """The column names of the table on stdout (see ``table_header``)."""
        return table_header(self.stdout)


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
