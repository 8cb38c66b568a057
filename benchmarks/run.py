"""Benchmark novaclient_lite against python-novaclient and the floors of issue 15.

One run measures every figure of issue 15's table, clients round-robin,
against loopback stubs (stub_server.py), and writes a markdown report
(goal and PASS/MISS per figure, then the details) to stdout and to
benchmarks/results/latest.md (raw figures: latest.json).  It never fails on
our client's behalf: errors are recorded in the report and it exits 0.

    python3 benchmarks/run.py [--runs 7] [--big-runs 5] [--delete-runs 3] [--only PREFIX ...]

Our client is measured as users get it: a regular (not editable) install of
this checkout into benchmarks/.venv-ours, refreshed at every run.  The
anchors (python-novaclient 18.13.1, whose keystoneauth1, requests and
prettytable the floors use) live in benchmarks/.venv-anchors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import report  # noqa: E402
from scenarios import STUBS, cli_scenarios  # noqa: E402
from stub_server import start_stub  # noqa: E402

PINS = ["python-novaclient==18.13.1"]


def ensure_anchors(venv: Path) -> None:
    """Create the anchors venv with the pinned releases (idempotent)."""
    marker = venv / ".pins"
    if marker.exists() and set(PINS) <= set(marker.read_text().split()):
        return
    print(f"# creating {venv} with {' '.join(PINS)}", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run(pip + PINS, check=True)
    marker.write_text("\n".join(PINS) + "\n")


def ensure_ours(venv: Path) -> None:
    """Install this checkout, not editable, into *venv* (deps once, the package every run).

    An editable install adds an import hook that costs ~10 ms per command,
    which users of a released package do not pay.
    """
    repo = HERE.parent
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "-q",
        "--disable-pip-version-check",
    ]
    if not (venv / "bin" / "python").exists():
        print(f"# creating {venv} with novaclient-lite from {repo}", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([*pip, str(repo)], check=True)
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(repo)], check=True)
    shutil.rmtree(repo / "build", ignore_errors=True)


def pip_versions(python: Path, names: list[str]) -> dict[str, str]:
    """Installed versions of *names* in the interpreter's environment."""
    code = (
        "import importlib.metadata as m, json, sys\nout = {}\n"
        "for n in sys.argv[1:]:\n    try: out[n] = m.version(n)\n"
        "    except Exception: out[n] = 'missing'\nprint(json.dumps(out))"
    )
    try:
        res = subprocess.run(
            [str(python), "-c", code, *names], capture_output=True, text=True, timeout=60
        )
        found: dict[str, str] = json.loads(res.stdout)
        return found
    except Exception:
        return {n: "missing" for n in names}


def stub_call(base: str, method: str = "GET") -> dict[str, Any]:
    """GET (or POST = reset) the stub's /_stats."""
    port = int(base.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, "/_stats/reset" if method == "POST" else "/_stats")
    data: dict[str, Any] = json.loads(conn.getresponse().read())
    conn.close()
    return data


def os_env(base: str, home: str) -> dict[str, str]:
    """A clean environment pointing every client at the stub's Keystone."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OS_", "PYTHON", "VIRTUAL_ENV", "NOVA"))
    }
    env.update(
        HOME=home,
        XDG_CACHE_HOME=f"{home}/.cache",
        XDG_CONFIG_HOME=f"{home}/.config",
        OS_AUTH_URL=f"{base}/v3",
        OS_AUTH_TYPE="password",
        OS_USERNAME="admin",
        OS_PASSWORD="secret",
        OS_PROJECT_NAME="admin",
        OS_USER_DOMAIN_NAME="Default",
        OS_PROJECT_DOMAIN_NAME="Default",
        OS_REGION_NAME="RegionOne",
        OS_IDENTITY_API_VERSION="3",
        OS_INTERFACE="public",
    )
    return env


#: Runs argv[2:], writes {wall, cpu, rss_kib, status} as JSON to argv[1].  A small
#: helper per measurement, because a child's ru_maxrss starts at its parent's
#: RSS at fork (Linux keeps it across exec): forked from this runner, which
#: holds the 10,000-server stub, every child would report the runner's size.
MEASURE = """
import json, os, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - t0
with open(sys.argv[1], "w") as fh:
    json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_kib": usage.ru_maxrss,
               "status": os.waitstatus_to_exitcode(status)}, fh)
"""


def run_child(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run one command; its wall and CPU time, its own peak RSS and output size, or its error."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile(suffix=".json") as rep,
    ):
        try:
            subprocess.run(
                [sys.executable, "-c", MEASURE, rep.name, *argv],
                env=env,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
                check=True,
            )
            data = json.loads(Path(rep.name).read_text())
        except (OSError, ValueError, subprocess.CalledProcessError) as exc:
            return {"error": f"{type(exc).__name__}: {exc}"[:200]}
        if data["status"] != 0:
            err.seek(0)
            lines = [ln for ln in err.read().decode(errors="replace").splitlines() if ln.strip()]
            return {"error": f"exit {data['status']}: {lines[-1] if lines else ''}"[:200]}
        return {
            "wall": data["wall"],
            "cpu": data["cpu"],
            "rss_mib": data["rss_kib"] / 1024.0,
            "out_bytes": out.tell(),
        }


def run_cli(
    scn: dict[str, Any],
    bins: dict[str, Path],
    stubs: dict[str, str],
    runs: int,
    homes: dict[str, str],
) -> dict[str, Any]:
    """Warm up (unless slow), then run each client round-robin; medians and /_stats."""
    base = stubs[scn["stub"]]
    out: dict[str, Any] = {"name": scn["name"], "clients": {}}
    live: list[str] = []
    for client, builder in scn["argv"].items():
        rec: dict[str, Any] = {
            "walls": [],
            "cpus": [],
            "rss": [],
            "error": None,
            "argv": builder(bins),
        }
        out["clients"][client] = rec
        if not Path(rec["argv"][0]).exists():
            rec["error"] = f"missing: {rec['argv'][0]}"
            continue
        if not scn.get("delete"):  # warm-up: pyc files, page cache, the token cache
            env = _env(scn, client, base, homes)
            res = run_child(rec["argv"], env)
            _cleanup(scn, env)
            if "error" in res:
                rec["error"] = res["error"]
                continue
        live.append(client)
    for _ in range(runs):
        for client in live:
            rec = out["clients"][client]
            env = _env(scn, client, base, homes)
            stub_call(base, "POST")
            res = run_child(rec["argv"], env)
            stats = stub_call(base)
            _cleanup(scn, env)
            if "error" in res:
                rec["error"] = res["error"]
                continue
            rec["walls"].append(res["wall"])
            rec["cpus"].append(res["cpu"])
            rec["rss"].append(res["rss_mib"])
            rec["out_bytes"] = res["out_bytes"]
            rec["stats"] = stats
    for rec in out["clients"].values():
        rec["median"] = statistics.median(rec["walls"]) if rec["walls"] else None
        rec["rss_median"] = statistics.median(rec["rss"]) if rec["rss"] else None
        rec["cpu_median"] = statistics.median(rec["cpus"]) if rec["cpus"] else None
        rec.pop("argv", None)
    return out


def _env(scn: dict[str, Any], client: str, base: str, homes: dict[str, str]) -> dict[str, str]:
    if scn.get("cached"):
        if client not in homes:
            homes[client] = tempfile.mkdtemp(prefix="bench-home-")
        env = os_env(base, homes[client])
        env["OS_CACHE"] = "1"
    else:
        env = os_env(base, tempfile.mkdtemp(prefix="bench-home-"))
    env["FLOOR_TOKEN"] = "gAAAAABbenchmarkstubtoken" + "x" * 155
    env["FLOOR_COMPUTE"] = f"{base}/compute/v2.1"
    return env


def _cleanup(scn: dict[str, Any], env: dict[str, str]) -> None:
    if not scn.get("cached"):
        shutil.rmtree(env["HOME"], ignore_errors=True)


def run_inproc(bins: dict[str, Path], base: str, runs: int) -> dict[str, Any]:
    """In-process library figures, each measurement in a fresh interpreter.

    ``paired`` is ours and the requests floor alternating in one interpreter
    (``inproc.py ... pair``), for the per-call figure.
    """
    pythons = {"floor": bins["python"], "novaclient": bins["python"], "ours": bins["ours_python"]}
    jobs = [(mode, op) for mode in pythons for op in ("list", "get")] + [("paired", "pair")]
    res: dict[str, dict[str, Any]] = {
        m: {"samples": [], "error": None} for m in [*pythons, "paired"]
    }
    for _ in range(runs):
        for mode, op in jobs:
            py = pythons.get(mode, bins["ours_python"])
            if res[mode]["error"]:
                continue
            if not py.exists():
                res[mode]["error"] = f"missing: {py}"
                continue
            data = _inproc_json(py, op, base, "ours" if mode == "paired" else mode)
            if "error" in data:
                res[mode]["error"] = data["error"][:200]
                continue
            res[mode]["samples"].append(data)
    for rec in res.values():
        keys = {k for s in rec["samples"] for k in s}
        rec["median"] = {k: statistics.median(s[k] for s in rec["samples"] if k in s) for k in keys}
    return res


def _inproc_json(python: Path, op: str, base: str, mode: str = "ours") -> dict[str, Any]:
    """One ``inproc.py`` measurement in a fresh interpreter: its JSON line, or an error."""
    proc = subprocess.run(
        [str(python), str(HERE / "inproc.py"), mode, op, base],
        capture_output=True,
        text=True,
        timeout=600,
        env=os_env(base, tempfile.gettempdir()),
    )
    try:
        data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        data = {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1]}
    return data


def _args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs per client (default 7)")
    ap.add_argument(
        "--big-runs",
        type=int,
        default=5,
        help="runs for the 1,000 and 10,000 server listings (default 5)",
    )
    ap.add_argument(
        "--delete-runs", type=int, default=3, help="runs for the slow delete scenario (default 3)"
    )
    ap.add_argument(
        "--inproc-runs",
        type=int,
        default=5,
        help="fresh interpreters per library figure (default 5)",
    )
    ap.add_argument(
        "--ours-venv",
        type=Path,
        default=None,
        help="measure the nova of this venv (default: a regular install of this "
        "checkout into benchmarks/.venv-ours)",
    )
    ap.add_argument("--anchors-venv", type=Path, default=HERE / ".venv-anchors")
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="PREFIX",
        help="run only the scenarios whose name starts with PREFIX (repeatable; "
        "'library' selects the in-process figures)",
    )
    ap.add_argument(
        "--output",
        type=Path,
        default=HERE / "results",
        help="directory for latest.md and latest.json",
    )
    return ap.parse_args()


def main() -> int:
    """Parse options, start stubs, run everything, write the report."""
    args = _args()
    t_start = time.perf_counter()
    ensure_anchors(args.anchors_venv)
    if args.ours_venv is None:
        args.ours_venv = HERE / ".venv-ours"
        ensure_ours(args.ours_venv)
    abin, obin = args.anchors_venv / "bin", args.ours_venv / "bin"
    bins = {
        "ours": obin / "nova",
        "novaclient": abin / "nova",
        "python": abin / "python",
        "ours_python": obin / "python",
    }
    versions = pip_versions(
        bins["python"], ["python-novaclient", "keystoneauth1", "requests", "prettytable"]
    )
    versions.update(pip_versions(bins["ours_python"], ["novaclient-lite"]))
    only = [p for p in args.only if p]
    chosen = [s for s in cli_scenarios() if not only or any(s["name"].startswith(p) for p in only)]
    stubs: dict[str, str] = {}
    stops: list[Callable[[], None]] = []
    homes: dict[str, str] = {}
    try:
        for kind in sorted({s["stub"] for s in chosen} | {"10k"}):
            url, stop = start_stub(servers=STUBS[kind][0], latency_ms=STUBS[kind][1])
            stubs[kind] = url
            stops.append(stop)
        results = []
        for scn in chosen:
            runs = (
                args.delete_runs
                if scn.get("delete")
                else args.big_runs
                if scn.get("big")
                else args.runs
            )
            print(f"# {scn['name']} ({runs} runs)", file=sys.stderr, flush=True)
            results.append(run_cli(scn, bins, stubs, runs, homes))
        inproc: dict[str, Any] = {}
        if not only or any("library".startswith(p) for p in only):
            print(f"# library ({args.inproc_runs} runs)", file=sys.stderr, flush=True)
            inproc = run_inproc(bins, stubs["10k"], args.inproc_runs)
    finally:
        for stop in stops:
            stop()
        for home in homes.values():
            shutil.rmtree(home, ignore_errors=True)
    runs = {
        "runs": args.runs,
        "big": args.big_runs,
        "delete": args.delete_runs,
        "inproc": args.inproc_runs,
        "seconds": time.perf_counter() - t_start,
    }
    md = report.render(results, inproc, versions, runs, PINS)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "latest.md").write_text(md)
    (args.output / "latest.json").write_text(
        json.dumps(
            {"cli": results, "inproc": inproc, "versions": versions, "runs": runs},
            indent=1,
            default=str,
        )
    )
    print(md)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
