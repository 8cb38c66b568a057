"""``nova --dry-run``: print the requests that would change something instead of sending them.

The library does the holding back (:mod:`novaclient_lite.dry_run`); this is
the shell's sink.  In table/value format each request is written to stdout
as it is held back; in json/yaml format they are written at the end as one
list.  The command's own output is replaced (nothing happened, so there is
nothing to show) except its error lines, and stderr gets one notice.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from novaclient_lite.shell import output

if TYPE_CHECKING:
    from novaclient_lite.dry_run import PlannedRequest


class Printer:
    """Receives each held-back request (from any thread) and prints it in ``fmt``."""

    def __init__(self, stdout: IO[str], fmt: str) -> None:
        self.stdout = stdout
        self.fmt = fmt
        self.records: list[PlannedRequest] = []
        self._lock = threading.Lock()

    def __call__(self, request: PlannedRequest) -> None:
        with self._lock:
            self.records.append(request)
            if self.fmt not in ("json", "yaml"):
                self.stdout.write(("\n" if len(self.records) > 1 else "") + request.as_text())

    def emit(
        self,
        out: output.Output | None,
        stdout: IO[str],
        stderr: IO[str],
        fmt: str = "table",
        columns: Sequence[str] | None = None,
    ) -> int:
        """:func:`output.emit` for a dry run; returns the failures ``out`` reports.

        Once a request was held back, the command's result describes nothing
        that happened: only its ``ERROR`` lines are shown (on stderr).  A
        command that held nothing back (GET only) is shown as usual.
        """
        if not self.records:
            return output.emit(out, stdout, stderr, fmt, columns)
        if not isinstance(out, output.Results):
            return 0
        for line in out.lines:
            if line.startswith("ERROR"):
                stderr.write(line + "\n")
        return out.failures

    def finish(self, stderr: IO[str]) -> None:
        """The json/yaml list of requests on stdout, and the notice on stderr."""
        if self.records and self.fmt in ("json", "yaml"):
            items = [r.to_dict() for r in self.records]
            self.stdout.write(
                output.to_yaml(items)
                if self.fmt == "yaml"
                else json.dumps(items, indent=2, ensure_ascii=False) + "\n"
            )
        stderr.write(self.notice() + "\n")

    def notice(self) -> str:
        """``Dry run: 2 requests printed, none sent.``"""
        count = len(self.records)
        if not count:
            return "Dry run: no request would change anything."
        return f"Dry run: {count} request{'' if count == 1 else 's'} printed, none sent."
