"""Markdown rendering of benchmark results (used by run.py)."""
from __future__ import annotations

import os
import platform
import time
from typing import Any

NAMES = {"ours": "novaclient_lite", "novaclient": "python-novaclient",
         "openstack": "openstack CLI", "floor": "floor"}


def machine_info() -> str:
    """One line: date, nproc, CPU model, python, kernel."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; nproc {os.cpu_count()}; "
            f"CPU {cpu}; Python {platform.python_version()}; {platform.system()} "
            f"{platform.release()}")


def _cell(rec: dict[str, Any] | None, unit: str = "s", scale: float = 1.0) -> str:
    if rec is None:
        return "—"
    if rec.get("median") is None:
        return f"n/a ({_short(rec.get('error') or 'no data')})"
    digits = 3 if unit == "s" else 2
    return f"{rec['median'] * scale:.{digits}f} {unit}"


def _short(text: str, width: int = 70) -> str:
    text = " ".join(str(text).replace("|", "/").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a and b else "—"


def _cli_table(results: list[dict[str, Any]]) -> list[str]:
    lines = ["| scenario | novaclient_lite | python-novaclient | openstack CLI | floor "
             "| ours / python-novaclient | ours / floor |",
             "|---|---|---|---|---|---|---|"]
    for res in results:
        c = res["clients"]
        med = {k: (v.get("median") if v else None) for k, v in c.items()}
        floor = _cell(c.get("floor"))
        if res.get("floor_label") and med.get("floor"):
            floor += f" ({res['floor_label']})"
        lines.append(f"| {res['name']} | {_cell(c.get('ours'))} | {_cell(c.get('novaclient'))} "
                     f"| {_cell(c.get('openstack'))} | {floor} "
                     f"| {_ratio(med.get('ours'), med.get('novaclient'))} "
                     f"| {_ratio(med.get('ours'), med.get('floor'))} |")
    return lines


def _http_table(results: list[dict[str, Any]]) -> list[str]:
    lines = ["| scenario | " + " | ".join(NAMES.values()) + " |",
             "|---|" + "---|" * len(NAMES)]
    for res in results:
        cells = []
        for key in NAMES:
            st = (res["clients"].get(key) or {}).get("stats")
            cells.append(f"{st['requests']} / {st['connections']}" if st else "—")
        lines.append(f"| {res['name']} | " + " | ".join(cells) + " |")
    return lines


def _routes(results: list[dict[str, Any]]) -> list[str]:
    lines = []
    for res in results:
        for key, name in NAMES.items():
            st = (res["clients"].get(key) or {}).get("stats")
            if st and st["requests"]:
                routes = ", ".join(f"{r} ×{n}" for r, n in st["routes"].items())
                lines.append(f"- {res['name']} — {name}: {routes}")
    return lines


def _inproc_table(inproc: dict[str, Any]) -> list[str]:
    if not inproc:
        return []
    rows = [("list all 10,000 servers (s)", "seconds", 1.0, "s"),
            ("peak RSS after listing, VmHWM (MB)", "maxrss_mb", 1.0, "MB"),
            ("RSS after import + 1 GET (MB)", "rss_base_mb", 1.0, "MB"),
            ("tracemalloc peak while listing (MB)", "tracemalloc_peak_mb", 1.0, "MB"),
            ("servers.get(id), median of 200 (ms)", "per_call_ms", 1.0, "ms")]
    lines = ["| figure | novaclient_lite | python-novaclient | http.client + json (floor) "
             "| ours / python-novaclient | ours / floor |", "|---|---|---|---|---|---|"]
    val = {m: (r.get("median") or {}) for m, r in inproc.items()}
    for label, key, scale, unit in rows:
        cells = []
        for mode in ("ours", "novaclient", "raw"):
            v = val[mode].get(key)
            err = inproc[mode].get("error")
            cells.append(f"{v * scale:.{3 if unit == 's' else 1 if unit == 'MB' else 3}f} {unit}"
                         if v is not None else f"n/a ({_short(err or 'no data')})")
        o, n, r = (val[m].get(key) for m in ("ours", "novaclient", "raw"))
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {_ratio(o, n)} | {_ratio(o, r)} |")
    o, n, r = (val[m].get("per_call_ms") for m in ("ours", "novaclient", "raw"))
    over = [f"{x - r:.3f} ms" if x is not None and r is not None else "n/a" for x in (o, n)]
    lines.append(f"| per-request overhead vs floor (ms) | {over[0]} | {over[1]} | 0 | — | — |")
    counts = {m: val[m].get("count") for m in val}
    lines.append("")
    lines.append(f"Servers returned per listing: {counts}.")
    return lines


def render(results: list[dict[str, Any]], inproc: dict[str, Any], versions: dict[str, str],
           runs: int, pins: list[str]) -> str:
    """The whole report as markdown."""
    out = ["# novaclient_lite benchmarks", "",
           f"Machine: {machine_info()}", "",
           f"Anchors (benchmarks/.venv-anchors, pinned): {', '.join(pins)}; installed: "
           + ", ".join(f"{k} {v}" for k, v in versions.items()), "",
           f"Median wall time of {runs} runs per client (round-robin, after one untimed "
           "warm-up), subprocess commands against the loopback stub (benchmarks/stub_server.py). "
           "Fresh-login rows use an empty HOME per run; `--os-cache` rows reuse a warmed HOME. "
           "Floor: benchmarks/floor.py (plain `requests`, the minimum HTTP requests; "
           "`--cached` skips discovery and login; delete = one DELETE per id).", ""]
    out += ["## Commands", ""] + _cli_table(results) + [""]
    if inproc:
        out += ["## Library, in-process (each figure from a fresh interpreter)", ""]
        out += _inproc_table(inproc) + [""]
    out += ["## HTTP requests / new TCP connections per command (from /_stats)", ""]
    out += _http_table(results) + ["", "## Requests by route", ""] + _routes(results) + [""]
    errors = [f"- {res['name']} — {NAMES[k]}: `{_short(v['error'], 300)}`"
              for res in results for k, v in res["clients"].items() if v and v.get("error")]
    errors += [f"- in-process — {m}: `{_short(r['error'], 300)}`"
               for m, r in inproc.items() if r.get("error")]
    if errors:
        out += ["## Errors", ""] + errors + [""]
    return "\n".join(out)
