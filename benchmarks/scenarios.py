"""The benchmark's command-line scenarios: what each client runs, against which stub.

Each scenario names a stub kind (:data:`STUBS`) and, per client, a function
from the binaries (``ours``, ``novaclient``, ``python`` of the anchors venv)
to an argv.  Flags: ``cached`` (a warmed ``--os-cache`` HOME), ``big`` (the
long listings' run count), ``delete`` (no warm-up: it would delete the servers).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from stub_server import server_id

HERE = Path(__file__).resolve().parent
ArgvFn = Callable[[dict[str, Path]], list[str]]
#: stub kind -> (servers, latency in ms)
STUBS = {"small": (50, 0.0), "slow": (100, 50.0), "1k": (1000, 0.0), "10k": (10000, 0.0)}


def cli_scenarios() -> list[dict[str, Any]]:
    """The subprocess scenarios: name, stub kind, and an argv builder per client."""

    def nova(*a: str) -> ArgvFn:
        return lambda b: [str(b["ours"]), *a]

    def anova(*a: str) -> ArgvFn:
        return lambda b: [str(b["novaclient"]), *a]

    def floor(*a: str) -> ArgvFn:
        return lambda b: [str(b["python"]), str(HERE / "floor.py"), *a]

    ids = [server_id(i) for i in range(100)]
    scns: list[dict[str, Any]] = [
        {
            "name": "--version",
            "stub": "small",
            "argv": {"ours": nova("--version"), "novaclient": anova("--version")},
        },
        {
            "name": "help",
            "stub": "small",
            "argv": {"ours": nova("help"), "novaclient": anova("help")},
        },
    ]
    for cmd, label in (("flavor-list", "flavor-list"), ("list", "list, 50 servers")):
        scns.append(
            {
                "name": f"{label} (fresh login)",
                "stub": "small",
                "argv": {"ours": nova(cmd), "novaclient": anova(cmd), "floor": floor("fresh", cmd)},
            }
        )
        scns.append(
            {
                "name": f"{label} (--os-cache, warm)",
                "stub": "small",
                "cached": True,
                "argv": {
                    "ours": nova("--os-cache", cmd),
                    "novaclient": anova("--os-cache", cmd),
                    "floor": floor("warm", cmd),
                },
            }
        )
    for stub, label in (("1k", "1,000"), ("10k", "10,000")):
        # python-novaclient's list pages by marker until an empty page when
        # --limit is -1 (its only output format is the table).
        scns.append(
            {
                "name": f"list, {label} servers (all pages)",
                "stub": stub,
                "big": True,
                "argv": {
                    "ours": nova("list"),
                    "ours -f json": nova("list", "-f", "json"),
                    "ours -f value": nova("list", "-f", "value"),
                    "novaclient": anova("list", "--limit", "-1"),
                    "floor": floor("fresh", "list"),
                },
            }
        )
    scns.append(
        {
            "name": "delete x100 @ 50 ms/request",
            "stub": "slow",
            "delete": True,
            "argv": {"ours": nova("delete", *ids), "novaclient": anova("delete", *ids)},
        }
    )
    return scns
