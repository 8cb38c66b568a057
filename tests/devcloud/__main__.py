"""CLI of the dev cloud (stdlib only; runs with the bare system python3).

    python3 -m tests.devcloud install
    python3 -m tests.devcloud start [--keystone] [--foreground] [--port P]
    python3 -m tests.devcloud status
    python3 -m tests.devcloud env [--user admin|demo] [--noauth]
    python3 -m tests.devcloud stop
    python3 -m tests.devcloud demo [--stop]

``start`` runs the server detached and records it in
``$DEVCLOUD_HOME/state.json`` (default ``<repo>/.devcloud``); ``env`` prints
``export`` lines for a shell; ``stop`` stops it.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time

from tests.devcloud import install as _install
from tests.devcloud.cloud import DevCloud, DevCloudError
from tests.devcloud.state import env_vars, export_lines, load_running, start_cloud, state_file


def describe(cloud: DevCloud) -> str:
    """Human summary of a running cloud."""
    out = [
        f"dev cloud pid {cloud.pid}",
        f"  nova (noauth, X-Auth-Token user:project): {cloud.noauth_endpoint}",
        f"  glance (noauth):                          {cloud.image_url}",
        f"  network view (noauth, not Neutron):       {cloud.network_url}",
    ]
    if cloud.keystone:
        out += [
            f"  nova (keystone):                          {cloud.keystone_endpoint}",
            f"  glance (keystone):                        {cloud.image_keystone_url}",
            f"  network view (keystone):                  {cloud.network_keystone_url}",
            f"  keystone:                                 {cloud.auth_url}",
        ]
    images = ", ".join(f"{n} ({i})" for n, i in cloud.images.items())
    out += [
        f"  images: {images}",
        f"  network: {cloud.network_name} ({cloud.info['NETWORK_ID']})",
        f"  log: {cloud.log_path}",
    ]
    return "\n".join(out)


def cmd_install(args: argparse.Namespace) -> int:
    t0 = time.monotonic()
    python = DevCloud.install(verbose=True)
    print(f"devcloud venv ready: {python} ({time.monotonic() - t0:.1f}s)")
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    cloud = start_cloud(args.keystone, args.port, not args.foreground, args.timeout)
    print(describe(cloud))
    print("\n# to use it from a shell:\n" + export_lines(env_vars(cloud)))
    if not args.foreground:
        print("\n# stop it with: python3 -m tests.devcloud stop")
        return 0
    print("\nforeground: Ctrl-C stops it", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while cloud.running:
            time.sleep(0.5)
        print(f"dev cloud exited; see {cloud.log_path}")
        return 1
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        cloud.stop()
        state_file().unlink(missing_ok=True)


def cmd_stop(args: argparse.Namespace) -> int:
    cloud = load_running()
    if cloud is None:
        print("no dev cloud running")
        return 0
    cloud.stop()
    state_file().unlink(missing_ok=True)
    print(f"stopped dev cloud (pid {cloud.pid})")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    cloud = load_running()
    if cloud is None:
        print("not running (installed: %s)" % ("yes" if _install.is_installed() else "no"))
        return 1
    print("running\n" + describe(cloud))
    return 0


def cmd_env(args: argparse.Namespace) -> int:
    cloud = load_running()
    if cloud is None:
        print(
            "no dev cloud running; start one with: python3 -m tests.devcloud start --keystone",
            file=sys.stderr,
        )
        return 1
    print(export_lines(env_vars(cloud, args.user, args.noauth)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from tests.devcloud.demo import run_demo

    return run_demo(stop=args.stop, timeout=args.timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m tests.devcloud", description="real nova API on 127.0.0.1"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("install", help="install nova/placement/keystone/glance (idempotent)")
    p = sub.add_parser("start", help="start the dev cloud (detached by default)")
    p.add_argument(
        "--keystone",
        action="store_true",
        help="also keystone (PORT+2), nova (PORT+1) and glance (PORT+4) behind it",
    )
    p.add_argument("--foreground", action="store_true", help="run until Ctrl-C")
    p.add_argument("--port", type=int, default=None, help="noauth port P (P..P+4 used)")
    p.add_argument("--timeout", type=float, default=180.0)
    sub.add_parser("stop", help="stop the recorded dev cloud")
    sub.add_parser("status", help="is it running? (exit 1 if not)")
    p = sub.add_parser("env", help="print export lines for a shell")
    p.add_argument("--user", choices=("admin", "demo"), default="admin")
    p.add_argument("--noauth", action="store_true", help="noauth port, admin_token auth")
    p = sub.add_parser("demo", help="client venv + cloud + a nova CLI session")
    p.add_argument("--stop", action="store_true", help="stop the cloud afterwards")
    p.add_argument("--timeout", type=float, default=180.0)
    args = parser.parse_args(argv)
    handler = {
        "install": cmd_install,
        "start": cmd_start,
        "stop": cmd_stop,
        "status": cmd_status,
        "env": cmd_env,
        "demo": cmd_demo,
    }[args.command]
    try:
        return handler(args)
    except DevCloudError as exc:
        print(f"devcloud: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
