"""In-process library figures; run once per fresh interpreter by run.py.

``python inproc.py {floor|novaclient|ours} {list|get|pair} BASE_URL [--calls N]``
prints one JSON line.  ``list`` times listing every server (all pages),
then reports peak RSS (VmHWM, else ru_maxrss) and, on a second listing, the tracemalloc
peak.  ``get`` times N single ``servers.get(id)`` calls and reports their
median.  ``pair`` times the same calls of the requests floor, of the same GET
through a keystoneauth1 session, of ours and of ours on a caller's
keystoneauth1 session in one interpreter, alternately: a
call takes about 2 ms, and this machine's speed drifts by more than the 10%
being judged between two interpreters started seconds apart.  Each starts with
one untimed GET so discovery is not counted.
"""

from __future__ import annotations

import gc
import json
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

TOKEN = "gAAAAABbenchmarkstubtoken" + "x" * 155
MICROVERSION = "2.96"  # python-novaclient 18's maximum


def _rss_mb() -> float:
    """Peak RSS of this process image in MB.

    VmHWM, not ru_maxrss: on Linux ru_maxrss survives fork+exec, so a child
    of a big runner would report the runner's RSS; ru_maxrss is the fallback.
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def requests_client(compute: str) -> tuple[Callable[[], list[Any]], Callable[[str], Any]]:
    """The requests floor: one keep-alive ``requests.Session``, the same GETs, ``.json()``."""
    import requests

    sess = requests.Session()
    sess.headers.update(
        {
            "X-Auth-Token": TOKEN,
            "Accept": "application/json",
            "OpenStack-API-Version": f"compute {MICROVERSION}",
        }
    )

    def get(url: str) -> Any:
        resp = sess.get(url, timeout=60)
        resp.raise_for_status()
        return resp.json()

    def list_all() -> list[Any]:
        out: list[Any] = []
        url: str | None = compute + "/servers/detail"
        while url:
            page = get(url)
            out.extend(page["servers"])
            url = next(
                (ln["href"] for ln in page.get("servers_links", []) if ln["rel"] == "next"), None
            )
        return out

    return list_all, lambda sid: get(f"{compute}/servers/{sid}")


def _session(compute: str) -> Any:
    from keystoneauth1 import session, token_endpoint

    return session.Session(auth=token_endpoint.Token(compute, TOKEN))


def novaclient_client(compute: str) -> tuple[Callable[[], list[Any]], Callable[[str], Any]]:
    """python-novaclient with a token_endpoint session; limit=-1 pages."""
    from novaclient import client

    cs = client.Client(MICROVERSION, session=_session(compute), endpoint_override=compute)
    return (lambda: cs.servers.list(limit=-1)), cs.servers.get


def ours_client(compute: str) -> tuple[Callable[[], list[Any]], Callable[[str], Any]]:
    """novaclient_lite with a known token, on the session it builds itself (as ``nova`` and
    ``Client(username=...)`` do); servers.list() returns every page."""
    from novaclient_lite import Client

    cs = Client("auto", auth_token=TOKEN, endpoint_override=compute)
    return (lambda: list(cs.servers.list())), cs.servers.get


def ours_on_callers_session(compute: str) -> Callable[[str], Any]:
    """novaclient_lite on a caller's keystoneauth1 session (python-novaclient's usual call):
    that session's requests session reads the proxy environment on every request."""
    from novaclient_lite import Client

    return Client("auto", session=_session(compute), endpoint_override=compute).servers.get


CLIENTS = {"floor": requests_client, "novaclient": novaclient_client, "ours": ours_client}


def keystoneauth_get(compute: str) -> Callable[[str], Any]:
    """The keystoneauth1 floor: the same GET through a keystoneauth1 ``Session``, ``.json()``.

    Informational: it shows how much of ours above the requests floor is
    keystoneauth1's own (the session is a fixed dependency).
    """
    sess = _session(compute)
    headers = {"Accept": "application/json", "OpenStack-API-Version": f"compute {MICROVERSION}"}
    return lambda sid: sess.get(f"{compute}/servers/{sid}", headers=headers).json()


def paired_gets(compute: str, sid: str, calls: int) -> dict[str, Any]:
    """Median ``servers.get`` of the requests floor, the keystoneauth1 floor, ours and ours
    on a caller's session, timed alternately (ABCD DCBA ...)."""
    gets = {
        "floor": requests_client(compute)[1],
        "ksa": keystoneauth_get(compute),
        "ours": ours_client(compute)[1],
        "ours_callers": ours_on_callers_session(compute),
    }
    for get in gets.values():
        get(sid)
    times: dict[str, list[float]] = {name: [] for name in gets}
    order = list(gets.items())
    for i in range(calls):
        for name, get in order if i % 2 == 0 else order[::-1]:
            t0 = time.perf_counter()
            get(sid)
            times[name].append(time.perf_counter() - t0)
    return {f"paired_{k}_ms": statistics.median(v) * 1000.0 for k, v in times.items()}


def main(argv: list[str]) -> dict[str, Any]:
    """Measure one (client, op) pair; return the figures."""
    mode, op, base = argv[0], argv[1], argv[2].rstrip("/")
    calls = int(argv[argv.index("--calls") + 1]) if "--calls" in argv else 200
    sid = "be7c0000-0000-4000-8000-000000000000"  # stub_server.server_id(0)
    if op == "pair":
        return paired_gets(base + "/compute/v2.1", sid, calls)
    list_all, get = CLIENTS[mode](base + "/compute/v2.1")
    get(sid)  # warm-up: discovery, connection, imports on first use
    out: dict[str, Any] = {"rss_base_mb": round(_rss_mb(), 1)}
    if op == "get":
        times = []
        for _ in range(calls):
            t0 = time.perf_counter()
            get(sid)
            times.append(time.perf_counter() - t0)
        out["per_call_ms"] = statistics.median(times) * 1000.0
        return out
    t0 = time.perf_counter()
    items = list_all()
    out["seconds"] = time.perf_counter() - t0
    out["count"] = len(items)
    out["maxrss_mb"] = round(_rss_mb(), 1)
    out["ru_maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    del items
    gc.collect()
    tracemalloc.start()
    items = list_all()  # held while the peak is read
    out["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    tracemalloc.stop()
    out["count_traced"] = len(items)
    return out


if __name__ == "__main__":
    try:
        print(json.dumps(main(sys.argv[1:])))
    except Exception as exc:  # reported, never fatal to the runner
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"[:300]}))
