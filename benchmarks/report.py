"""Markdown rendering of benchmark results (used by run.py).

:func:`figures` turns the raw medians into issue 15's table: one row per
figure with its reference, the ratio, the goal and PASS/MISS.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from typing import Any

NAMES = {
    "ours": "novaclient_lite",
    "ours -f json": "novaclient_lite -f json",
    "ours -f value": "novaclient_lite -f value",
    "novaclient": "python-novaclient",
    "floor": "floor",
}
Figure = dict[str, Any]


def machine_info() -> str:
    """One line: date, nproc, CPU model, load, python, kernel."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; nproc {os.cpu_count()}; "
        f"CPU {cpu}; load average {load}; Python {platform.python_version()}; "
        f"{platform.system()} {platform.release()}"
    )


def _short(text: str, width: int = 70) -> str:
    text = " ".join(str(text).replace("|", "/").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(v: float | None, unit: str) -> str:
    if v is None:
        return "n/a"
    digits = {"s": 3, "ms": 3, "MiB": 1, "MB": 1}.get(unit, 2)
    return f"{v:.{digits}f} {unit}"


def _cli(results: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next((r["clients"] for r in results if r["name"].startswith(name)), {})


def figures(results: list[dict[str, Any]], inproc: dict[str, Any]) -> list[Figure]:
    """Issue 15's figures: ours, the reference, ratio, goal, PASS/MISS (None: no goal)."""
    rows: list[Figure] = []

    def add(
        label: str,
        ours: float | None,
        ref: float | None,
        ref_name: str,
        unit: str,
        goal: str,
        ok: Callable[[float], bool] | None,
        invert: bool = False,
    ) -> None:
        ratio = None
        if ours and ref:
            ratio = ref / ours if invert else ours / ref
        rows.append(
            {
                "figure": label,
                "ours": _num(ours, unit),
                "ref": f"{_num(ref, unit)} ({ref_name})",
                "ratio": ratio,
                "goal": goal,
                "result": None
                if ok is None or ratio is None
                else ("PASS" if ok(ratio) else "MISS"),
                "invert": invert,
            }
        )

    def med(scn: str, client: str, key: str = "median") -> float | None:
        value: float | None = (_cli(results, scn).get(client) or {}).get(key)
        return value

    add(
        "`nova --version`",
        med("--version", "ours"),
        med("--version", "novaclient"),
        "python-novaclient",
        "s",
        "<= 0.15x",
        lambda r: r <= 0.15,
    )
    add(
        "`nova help`",
        med("help", "ours"),
        med("help", "novaclient"),
        "python-novaclient",
        "s",
        "<= 0.2x",
        lambda r: r <= 0.2,
    )
    for scn in (
        "flavor-list (fresh",
        "list, 50 servers (fresh",
        "flavor-list (--os-cache",
        "list, 50 servers (--os-cache",
    ):
        name = next((r["name"] for r in results if r["name"].startswith(scn)), scn)
        floor = "fresh floor" if "fresh" in scn else "warm floor"
        add(
            f"`{name}`",
            med(scn, "ours"),
            med(scn, "floor"),
            floor,
            "s",
            "<= 1.1x",
            lambda r: r <= 1.1,
        )
        add(
            f"`{name}` vs python-novaclient",
            med(scn, "ours"),
            med(scn, "novaclient"),
            "python-novaclient",
            "s",
            "—",
            None,
        )
    lib = {m: (r.get("median") or {}) for m, r in inproc.items()}
    if lib:
        paired = lib.get("paired", {})
        callers = "`servers.get` per call, on a caller's keystoneauth1 session"
        for label, ours, reference, name, goal in (
            # the paired measurement: all in one interpreter, calls alternated
            ("`servers.get` per call", "ours", "floor", "requests floor", 1.1),
            # informational: the session python-novaclient's users usually pass in
            (callers, "ours_callers", "floor", "requests floor", None),
            # informational: keystoneauth1's session is a fixed dependency
            (
                f"{callers}, vs the keystoneauth1 floor",
                "ours_callers",
                "ksa",
                "keystoneauth1 floor",
                None,
            ),
        ):
            add(
                label,
                paired.get(f"paired_{ours}_ms"),
                paired.get(f"paired_{reference}_ms"),
                name,
                "ms",
                f"<= {goal}x" if goal else "—",
                (lambda r, g=goal: r <= g) if goal else None,
            )
        add(
            "library: all of 10,000 servers, time",
            lib["ours"].get("seconds"),
            lib["floor"].get("seconds"),
            "requests floor",
            "s",
            "<= 1.15x",
            lambda r: r <= 1.15,
        )
        add(
            "library: all of 10,000 servers, tracemalloc peak",
            lib["ours"].get("tracemalloc_peak_mb"),
            lib["floor"].get("tracemalloc_peak_mb"),
            "requests floor",
            "MB",
            "<= 1.05x",
            lambda r: r <= 1.05,
        )
    for fmt in ("ours", "ours -f json", "ours -f value"):
        shown = "table" if fmt == "ours" else fmt.split()[-1]
        add(
            f"`nova list` 10,000 servers, {shown}: time",
            med("list, 10,000", fmt),
            med("list, 10,000", "novaclient"),
            "python-novaclient",
            "s",
            "<= 0.5x",
            lambda r: r <= 0.5,
        )
        add(
            f"`nova list` 10,000 servers, {shown}: peak RSS",
            med("list, 10,000", fmt, "rss_median"),
            med("list, 10,000", "novaclient", "rss_median"),
            "python-novaclient",
            "MiB",
            "<= 0.6x",
            lambda r: r <= 0.6,
        )
    add(  # what the dependencies alone take: login, every page, prettytable
        "`nova list` 10,000 servers, table, vs the fresh floor",
        med("list, 10,000", "ours"),
        med("list, 10,000", "floor"),
        "fresh floor",
        "s",
        "—",
        None,
    )
    for fmt in ("ours", "ours -f json", "ours -f value"):
        shown = "table" if fmt == "ours" else fmt.split()[-1]
        add(
            f"`nova list` 1,000 servers, {shown}: time",
            med("list, 1,000", fmt),
            med("list, 1,000", "novaclient"),
            "python-novaclient",
            "s",
            "—",
            None,
        )
    for fmt in ("ours", "ours -f json", "ours -f value"):
        shown = "table" if fmt == "ours" else fmt.split()[-1]
        big, small = med("list, 10,000", fmt), med("list, 1,000", fmt)
        add(
            f"time per server, 10,000 vs 1,000 servers, {shown}",
            big / 10000 * 1000 if big else None,
            small / 1000 * 1000 if small else None,
            "per server at 1,000",
            "ms",
            "<= 1.2x",
            lambda r: r <= 1.2,
        )
    add(
        "`nova delete` of 100 servers at 50 ms latency",
        med("delete", "ours"),
        med("delete", "novaclient"),
        "python-novaclient",
        "s",
        ">= 10x faster",
        lambda r: r >= 10,
        invert=True,
    )
    return rows


def _figure_table(rows: list[Figure]) -> list[str]:
    lines = [
        "| figure | novaclient_lite | reference | ratio | goal | result |",
        "|---|---|---|---|---|---|",
    ]
    for f in rows:
        ratio = (
            "—"
            if f["ratio"] is None
            else (f"{f['ratio']:.1f}x faster" if f["invert"] else f"{f['ratio']:.2f}x")
        )
        lines.append(
            f"| {f['figure']} | {f['ours']} | {f['ref']} | {ratio} | {f['goal']} "
            f"| {('**' + f['result'] + '**') if f['result'] else '—'} |"
        )
    passed = sum(f["result"] == "PASS" for f in rows)
    judged = sum(f["result"] is not None for f in rows)
    lines += ["", f"{passed} of {judged} goals met."]
    return lines


def _cli_table(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| scenario | client | median wall | median CPU | median peak RSS | requests / new TCP "
        "connections | stdout |",
        "|---|---|---|---|---|---|---|",
    ]
    for res in results:
        for key, rec in res["clients"].items():
            st = rec.get("stats")
            cells = (
                f"{_num(rec.get('median'), 's')} | {_num(rec.get('cpu_median'), 's')} "
                f"| {_num(rec.get('rss_median'), 'MiB')}"
                if rec.get("median") is not None
                else f"n/a ({_short(rec.get('error') or 'no data')}) | n/a | n/a"
            )
            reqs = f"{st['requests']} / {st['connections']}" if st else "—"
            size = rec.get("out_bytes")
            lines.append(
                f"| {res['name']} | {NAMES.get(key, key)} | {cells} | {reqs} "
                f"| {size if size is not None else '—'} bytes |"
            )
    return lines


def _routes(results: list[dict[str, Any]]) -> list[str]:
    lines = []
    for res in results:
        for key, rec in res["clients"].items():
            st = rec.get("stats")
            if st and st["requests"]:
                times = "\u00d7"  # the multiplication sign, as in "GET /servers x11"
                routes = ", ".join(f"{r} {times}{n}" for r, n in st["routes"].items())
                lines.append(f"- {res['name']} — {NAMES.get(key, key)}: {routes}")
    return lines


def _inproc_table(inproc: dict[str, Any]) -> list[str]:
    rows = [
        ("list all 10,000 servers", "seconds", "s"),
        ("peak RSS after listing, VmHWM", "maxrss_mb", "MB"),
        ("RSS after import + 1 GET", "rss_base_mb", "MB"),
        ("tracemalloc peak while listing", "tracemalloc_peak_mb", "MB"),
        ("servers.get(id), median of 200, separate interpreters", "per_call_ms", "ms"),
    ]
    lines = [
        "| figure | novaclient_lite | python-novaclient | requests floor | ours / requests floor |",
        "|---|---|---|---|---|",
    ]
    val = {m: (r.get("median") or {}) for m, r in inproc.items()}
    for label, key, unit in rows:
        cells = [
            _num(val[m].get(key), unit)
            if val[m].get(key) is not None
            else f"n/a ({_short(inproc[m].get('error') or 'no data')})"
            for m in ("ours", "novaclient", "floor")
        ]
        o, r = val["ours"].get(key), val["floor"].get(key)
        ratio = f"{o / r:.2f}x" if o and r else "—"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio} |")
    paired = val.get("paired", {})
    r = paired.get("paired_floor_ms")
    for label, key in (
        ("servers.get(id), median of 200, alternated in one interpreter (the figure)", "ours"),
        ("ours on a caller's keystoneauth1 session, alternated with the others", "ours_callers"),
        ("the same GET through a keystoneauth1 `Session`, alternated with the others", "ksa"),
    ):
        o = paired.get(f"paired_{key}_ms")
        ratio = f"{o / r:.2f}x" if o and r else "—"
        lines.append(f"| {label} | {_num(o, 'ms')} | — | {_num(r, 'ms')} | {ratio} |")
    counts = {m: val[m].get("count") for m in ("ours", "novaclient", "floor") if m in val}
    return [*lines, "", f"Servers returned per listing: {counts}."]


def render(
    results: list[dict[str, Any]],
    inproc: dict[str, Any],
    versions: dict[str, str],
    runs: dict[str, Any],
    pins: list[str],
) -> str:
    """The whole report as markdown."""
    out = [
        "# novaclient_lite benchmarks",
        "",
        f"Machine: {machine_info()}",
        "",
        f"Anchors (benchmarks/.venv-anchors, pinned): {', '.join(pins)}; installed: "
        + ", ".join(f"{k} {v}" for k, v in versions.items()),
        "",
        f"Medians of {runs['runs']} runs per client ({runs['big']} for the 1,000 and "
        f"10,000 server listings, {runs['delete']} for delete, {runs['inproc']} fresh "
        "interpreters per library figure), clients round-robin after one untimed warm-up "
        "(none for delete), against the loopback stub (benchmarks/stub_server.py). "
        "Fresh-login rows use an empty HOME per run; `--os-cache` rows reuse a warmed HOME. "
        "Peak RSS is each child's own (`os.wait4`). Floors (benchmarks/floor.py, "
        "benchmarks/inproc.py): *fresh* = keystoneauth1 `v3.Password` + `Session`, login, "
        "version document, list, prettytable; *warm* = known token and endpoint, one "
        "`requests` GET, prettytable; *requests* = a keep-alive `requests.Session`, the "
        f"same GETs, `.json()`. Whole run: {runs['seconds']:.0f} s.",
        "",
    ]
    out += ["## Issue 15's figures", "", *_figure_table(figures(results, inproc)), ""]
    out += ["## Commands", "", *_cli_table(results), ""]
    if inproc:
        out += ["## Library, in-process (each figure from a fresh interpreter)", ""]
        out += [*_inproc_table(inproc), ""]
    out += ["## Requests by route", "", *_routes(results), ""]
    errors = [
        f"- {res['name']} — {NAMES.get(k, k)}: `{_short(v['error'], 300)}`"
        for res in results
        for k, v in res["clients"].items()
        if v.get("error")
    ]
    errors += [
        f"- in-process — {m}: `{_short(r['error'], 300)}`"
        for m, r in inproc.items()
        if r.get("error")
    ]
    if errors:
        out += ["## Errors", "", *errors, ""]
    return "\n".join(out)
