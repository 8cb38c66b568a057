"""The floors of issue 15: the project's own dependencies doing a command's requests.

``python floor.py fresh list|flavor-list`` is the *fresh floor*: keystoneauth1
``v3.Password`` + ``Session`` log in (POST /v3/auth/tokens), GET the compute
version document, GET the list, and print the same table as ``nova`` with
prettytable (``list`` follows the next links, so on the 10,000-server stub it
is the floor of ``nova list`` too).  ``python floor.py warm list|flavor-list``
is the *warm floor*:
a known token (FLOOR_TOKEN) and compute URL (FLOOR_COMPUTE) over plain
``requests``, one GET, the same table.  Both read the OS_* variables the CLIs
read.  Nothing here is the project's code: it is what any script would need.
"""

from __future__ import annotations

import os
import sys
from typing import Any

MICROVERSION = "2.96"
POWER = ("NOSTATE", "Running", "", "Paused", "Shutdown", "", "Crashed", "Suspended")
LIST_COLUMNS = ["ID", "Name", "Status", "Task State", "Power State", "Networks"]
FLAVOR_COLUMNS = [
    "ID",
    "Name",
    "Memory_MiB",
    "Disk",
    "Ephemeral",
    "Swap",
    "VCPUs",
    "Is_Public",
    "Description",
]


def _text(value: Any) -> str:
    return "-" if value is None else str(value)


def _server_row(s: dict[str, Any]) -> list[str]:
    nets = "; ".join(
        f"{net}={', '.join(str(a.get('addr')) for a in addrs)}"
        for net, addrs in sorted((s.get("addresses") or {}).items())
        if addrs
    )
    power = s.get("OS-EXT-STS:power_state")
    return [
        s["id"],
        s["name"],
        s["status"],
        _text(s.get("OS-EXT-STS:task_state")),
        POWER[power] if isinstance(power, int) and 0 <= power < len(POWER) else "N/A",
        nets,
    ]


def _flavor_row(f: dict[str, Any]) -> list[str]:
    return [
        _text(v)
        for v in (
            f["id"],
            f["name"],
            f["ram"],
            f["disk"],
            f.get("OS-FLV-EXT-DATA:ephemeral"),
            f.get("swap"),
            f["vcpus"],
            f.get("os-flavor-access:is_public"),
            f.get("description"),
        )
    ]


def print_table(cmd: str, body: dict[str, Any]) -> None:
    """The command's table, drawn with prettytable like ``nova`` draws it."""
    import prettytable

    if cmd == "list":
        columns, rows = (
            LIST_COLUMNS,
            sorted((_server_row(s) for s in body["servers"]), key=lambda r: r[1]),
        )
    else:
        columns, rows = FLAVOR_COLUMNS, [_flavor_row(f) for f in body["flavors"]]
    table = prettytable.PrettyTable(columns)
    table.align = "l"
    for row in rows:
        table.add_row(row)
    sys.stdout.write(table.get_string() + "\n")


def _path(cmd: str) -> str:
    return "/servers/detail" if cmd == "list" else "/flavors/detail"


def fresh(cmd: str) -> dict[str, Any]:
    """Log in with keystoneauth1, GET the version document and the list."""
    from keystoneauth1 import session
    from keystoneauth1.identity import v3

    env = os.environ
    auth = v3.Password(
        auth_url=env["OS_AUTH_URL"],
        username=env["OS_USERNAME"],
        password=env["OS_PASSWORD"],
        project_name=env["OS_PROJECT_NAME"],
        user_domain_name=env.get("OS_USER_DOMAIN_NAME", "Default"),
        project_domain_name=env.get("OS_PROJECT_DOMAIN_NAME", "Default"),
    )
    sess = session.Session(auth=auth)
    compute = sess.get_endpoint(
        service_type="compute", interface="public", region_name=env.get("OS_REGION_NAME")
    )
    sess.get(compute.rstrip("/")).json()
    headers = {"OpenStack-API-Version": f"compute {MICROVERSION}"}
    body: dict[str, Any] = sess.get(compute.rstrip("/") + _path(cmd), headers=headers).json()
    if cmd == "list":  # every page, by the next links (one page below 1,000 servers)
        page = body
        while nxt := next(
            (lk["href"] for lk in page.get("servers_links", ()) if lk.get("rel") == "next"), None
        ):
            page = sess.get(nxt, headers=headers).json()
            body["servers"] += page["servers"]
    return body


def warm(cmd: str) -> dict[str, Any]:
    """One GET with a known token and endpoint over plain requests."""
    import requests

    headers = {
        "X-Auth-Token": os.environ["FLOOR_TOKEN"],
        "Accept": "application/json",
        "OpenStack-API-Version": f"compute {MICROVERSION}",
    }
    resp = requests.get(os.environ["FLOOR_COMPUTE"] + _path(cmd), headers=headers, timeout=60)
    resp.raise_for_status()
    body: dict[str, Any] = resp.json()
    return body


def main(argv: list[str]) -> int:
    """``floor.py fresh|warm list|flavor-list``."""
    mode, cmd = argv[0], argv[1]
    print_table(cmd, (fresh if mode == "fresh" else warm)(cmd))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
