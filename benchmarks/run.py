"""Benchmark novaclient_lite against python-novaclient and the openstack CLI.

One run measures every client, round-robin, against loopback stubs
(stub_server.py) and writes a markdown table of medians to stdout and to
benchmarks/results/latest.md (raw figures: latest.json).  It never fails on
our client's behalf: errors are recorded in the table and it exits 0.

    python3 benchmarks/run.py [--runs 7] [--ours-venv DIR]

Our client is measured as users get it: a regular (not editable) install of
this checkout into benchmarks/.venv-ours, refreshed at every run.
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
from stub_server import server_id, start_stub  # noqa: E402

PINS = ["python-novaclient==18.13.1", "python-openstackclient==10.5.0"]
CLIENTS = ["ours", "novaclient", "openstack", "floor"]
ArgvFn = Callable[[dict[str, Path]], list[str] | None]


def ensure_anchors(venv: Path) -> None:
    """Create the anchors venv with the pinned releases (idempotent)."""
    marker = venv / ".pins"
    if marker.exists() and marker.read_text().split() == PINS:
        return
    print(f"# creating {venv} with {' '.join(PINS)}", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    subprocess.run(pip + PINS, check=True)
    marker.write_text("\n".join(PINS) + "\n")


def ensure_ours(venv: Path) -> None:
    """Install this checkout, not editable, into *venv* (deps once, the package every run).

    An editable install adds an import hook that costs ~10 ms per command,
    which users of a released package do not pay.
    """
    repo = HERE.parent
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
           "--disable-pip-version-check"]
    if not (venv / "bin" / "python").exists():
        print(f"# creating {venv} with novaclient-lite from {repo}", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(pip + [str(repo)], check=True)
    subprocess.run(pip + ["--force-reinstall", "--no-deps", str(repo)], check=True)
    shutil.rmtree(repo / "build", ignore_errors=True)


def pip_versions(python: Path, names: list[str]) -> dict[str, str]:
    """Installed versions of *names* in the interpreter's environment."""
    code = ("import importlib.metadata as m, json, sys\nout = {}\n"
            "for n in sys.argv[1:]:\n    try: out[n] = m.version(n)\n"
            "    except Exception: out[n] = 'missing'\nprint(json.dumps(out))")
    try:
        res = subprocess.run([str(python), "-c", code, *names], capture_output=True,
                             text=True, timeout=60)
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
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OS_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=home, XDG_CACHE_HOME=f"{home}/.cache", XDG_CONFIG_HOME=f"{home}/.config",
               OS_AUTH_URL=f"{base}/v3", OS_AUTH_TYPE="password", OS_USERNAME="admin",
               OS_PASSWORD="secret", OS_PROJECT_NAME="admin", OS_USER_DOMAIN_NAME="Default",
               OS_PROJECT_DOMAIN_NAME="Default", OS_REGION_NAME="RegionOne",
               OS_IDENTITY_API_VERSION="3", OS_INTERFACE="public")
    return env


def time_cmd(argv: list[str], env: dict[str, str]) -> tuple[float, str | None]:
    """Wall time of one subprocess; error text if it failed."""
    t0 = time.perf_counter()
    try:
        res = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return time.perf_counter() - t0, f"{type(exc).__name__}: {exc}"
    wall = time.perf_counter() - t0
    if res.returncode != 0:
        lines = [ln for ln in (res.stderr or res.stdout).splitlines() if ln.strip()]
        return wall, f"exit {res.returncode}: {lines[-1] if lines else ''}"[:200]
    return wall, None


def cli_scenarios(ids: list[str]) -> list[dict[str, Any]]:
    """The subprocess scenarios: (name, stub kind, per-client argv builder)."""
    def nova(*a: str) -> ArgvFn:
        return lambda b: [str(b["ours"]), *a]

    def anova(*a: str) -> ArgvFn:
        return lambda b: [str(b["novaclient"]), *a]

    def osc(*a: str) -> ArgvFn:
        return lambda b: [str(b["openstack"]), *a]

    def floor(*a: str) -> ArgvFn:
        return lambda b: [str(b["python"]), str(HERE / "floor.py"), *a]

    bare: ArgvFn = lambda b: [str(b["python"]), "-c", "pass"]  # noqa: E731
    return [
        {"name": "--version", "stub": "small", "floor_label": "python -c pass",
         "argv": {"ours": nova("--version"), "novaclient": anova("--version"),
                  "openstack": osc("--version"), "floor": bare}},
        {"name": "help", "stub": "small", "floor_label": "python -c pass",
         "argv": {"ours": nova("help"), "novaclient": anova("help"),
                  "openstack": osc("help"), "floor": bare}},
        {"name": "flavor-list (fresh login)", "stub": "small",
         "argv": {"ours": nova("flavor-list"), "novaclient": anova("flavor-list"),
                  "openstack": osc("flavor", "list"), "floor": floor("flavor-list")}},
        {"name": "list, 50 servers (fresh login)", "stub": "small",
         "argv": {"ours": nova("list"), "novaclient": anova("list"),
                  "openstack": osc("server", "list"), "floor": floor("list")}},
        {"name": "flavor-list (--os-cache, warm)", "stub": "small", "cached": True,
         "argv": {"ours": nova("--os-cache", "flavor-list"),
                  "novaclient": anova("--os-cache", "flavor-list"),
                  "floor": floor("--cached", "flavor-list")}},
        {"name": "list, 50 servers (--os-cache, warm)", "stub": "small", "cached": True,
         "argv": {"ours": nova("--os-cache", "list"), "novaclient": anova("--os-cache", "list"),
                  "floor": floor("--cached", "list")}},
        {"name": "delete x100 @ 50 ms/request", "stub": "slow", "delete": True,
         "argv": {"ours": nova("delete", *ids), "novaclient": anova("delete", *ids),
                  "openstack": osc("server", "delete", *ids), "floor": floor("delete", *ids)}},
    ]


def run_cli(scn: dict[str, Any], bins: dict[str, Path], stubs: dict[str, str],
            runs: int, homes: dict[str, str]) -> dict[str, Any]:
    """Warm up, then time each client round-robin; collect /_stats per command."""
    base = stubs[scn["stub"]]
    out: dict[str, Any] = {"name": scn["name"], "floor_label": scn.get("floor_label"),
                           "clients": {}}
    runs = scn.get("runs", runs)
    live: list[str] = []
    for client in CLIENTS:
        builder = scn["argv"].get(client)
        if builder is None:
            continue
        rec: dict[str, Any] = {"times": [], "error": None}
        out["clients"][client] = rec
        if client == "ours" and not bins["ours"].exists():
            rec["error"] = f"missing: {bins['ours']}"
            continue
        rec["argv"] = builder(bins)
        # Warm-up (pyc files, page cache, and the token cache for cached runs).
        env = _env(scn, client, base, homes)
        _, err = time_cmd(rec["argv"], env)
        _cleanup(scn, env)
        if err:
            rec["error"] = err
            continue
        live.append(client)
    for _ in range(runs):
        for client in live:
            rec = out["clients"][client]
            env = _env(scn, client, base, homes)
            stub_call(base, "POST")
            wall, err = time_cmd(rec["argv"], env)
            stats = stub_call(base)
            _cleanup(scn, env)
            if err:
                rec["error"] = err
                continue
            rec["times"].append(wall)
            rec["stats"] = stats
    for rec in out["clients"].values():
        rec["median"] = statistics.median(rec["times"]) if rec["times"] else None
        rec.pop("argv", None)
    return out


def _env(scn: dict[str, Any], client: str, base: str, homes: dict[str, str]) -> dict[str, str]:
    if scn.get("cached"):
        if client not in homes:
            homes[client] = tempfile.mkdtemp(prefix=f"bench-home-{client}-")
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
    """In-process figures, each measurement in a fresh interpreter."""
    pythons = {"raw": bins["python"], "novaclient": bins["python"], "ours": bins["ours_python"]}
    res: dict[str, dict[str, Any]] = {m: {"samples": [], "error": None} for m in pythons}
    for _ in range(runs):
        for mode, py in pythons.items():
            if res[mode]["error"]:
                continue
            for op in ("list", "get"):
                if not py.exists():
                    res[mode]["error"] = f"missing: {py}"
                    break
                proc = subprocess.run([str(py), str(HERE / "inproc.py"), mode, op, base],
                                      capture_output=True, text=True, timeout=600,
                                      env=os_env(base, tempfile.gettempdir()))
                try:
                    data = json.loads(proc.stdout.strip().splitlines()[-1])
                except (IndexError, ValueError):
                    data = {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1]}
                if "error" in data:
                    res[mode]["error"] = data["error"][:200]
                    break
                res[mode]["samples"].append(data)
    for rec in res.values():
        keys = {k for s in rec["samples"] for k in s}
        rec["median"] = {k: statistics.median(s[k] for s in rec["samples"] if k in s)
                         for k in keys}
    return res


def main() -> int:
    """Parse options, start stubs, run everything, write the report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs per client (default 7)")
    ap.add_argument("--delete-runs", type=int, help="runs for the slow delete scenario")
    ap.add_argument("--ours-venv", type=Path, default=None,
                    help="measure the nova of this venv (default: a regular install of this "
                         "checkout into benchmarks/.venv-ours)")
    ap.add_argument("--anchors-venv", type=Path, default=HERE / ".venv-anchors")
    ap.add_argument("--only", default="", help="comma-separated scenario name prefixes")
    ap.add_argument("--no-inproc", action="store_true", help="skip in-process figures")
    args = ap.parse_args()
    ensure_anchors(args.anchors_venv)
    if args.ours_venv is None:
        args.ours_venv = HERE / ".venv-ours"
        ensure_ours(args.ours_venv)
    abin, obin = args.anchors_venv / "bin", args.ours_venv / "bin"
    bins = {"ours": obin / "nova", "novaclient": abin / "nova", "openstack": abin / "openstack",
            "python": abin / "python", "ours_python": obin / "python"}
    versions = pip_versions(bins["python"], ["python-novaclient", "python-openstackclient",
                                             "openstacksdk", "keystoneauth1", "requests"])
    versions.update(pip_versions(bins["ours_python"], ["novaclient-lite"]))
    ids = [server_id(i) for i in range(100)]
    stubs: dict[str, str] = {}
    stops: list[Callable[[], None]] = []
    homes: dict[str, str] = {}
    try:
        for kind, n, lat in (("small", 50, 0.0), ("slow", 100, 50.0), ("big", 10000, 0.0)):
            url, stop = start_stub(servers=n, latency_ms=lat)
            stubs[kind] = url
            stops.append(stop)
        only = [p.strip() for p in args.only.split(",") if p.strip()]
        results = []
        for scn in cli_scenarios(ids):
            if only and not any(scn["name"].startswith(p) for p in only):
                continue
            if scn.get("delete") and args.delete_runs:
                scn["runs"] = args.delete_runs
            print(f"# {scn['name']}", file=sys.stderr, flush=True)
            results.append(run_cli(scn, bins, stubs, args.runs, homes))
        inproc = {} if args.no_inproc else run_inproc(bins, stubs["big"], args.runs)
    finally:
        for stop in stops:
            stop()
        for home in homes.values():
            shutil.rmtree(home, ignore_errors=True)
    md = report.render(results, inproc, versions, args.runs, PINS)
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "latest.md").write_text(md)
    (out_dir / "latest.json").write_text(json.dumps(
        {"cli": results, "inproc": inproc, "versions": versions}, indent=1, default=str))
    print(md)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
