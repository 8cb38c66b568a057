"""The dev cloud server: the REAL nova API (nova 34.0.0) on 127.0.0.1.

Runs inside the devcloud venv (see install.py); every start is a fresh cloud.

    server.py PORT [--keystone] [--state-dir D] [--template-dir T]
                   [--glance-template-dir G] [--parent-pid N]
                   [--compute-hosts N] [--debug]
    server.py 0 [--prepare-keystone] [--prepare-glance] --template-dir T
                --glance-template-dir G

PORT    nova API, noauth: send ``X-Auth-Token: <user>:<project>``;
        also /placement and /network (read-only Network API view)
PORT+1  (--keystone) the same nova (and /network) behind keystonemiddleware
PORT+2  (--keystone) a real keystone (child process, sqlite, fernet)
PORT+3  a real glance-api (child process, sqlite, file store), noauth
PORT+4  (--keystone) the same glance behind keystonemiddleware

When everything is up it prints KEY=VALUE lines, then a line starting with
``READY`` (so a reader that sees READY has all values).  On startup errors
it prints ``FAILED: ...``.  SIGTERM/SIGINT stop it cleanly (exit 0); with
``--parent-pid`` it also stops when that process is gone.
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import server_glance as sg
import server_keystone as ks
from procs import pid_alive

T0 = time.monotonic()
HOST = "127.0.0.1"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command line of the server (see module docstring)."""
    p = argparse.ArgumentParser(description="real nova API on 127.0.0.1")
    p.add_argument("port", type=int)
    p.add_argument("--keystone", action="store_true")
    p.add_argument("--state-dir", type=Path, default=Path.cwd() / "devcloud-state")
    home = Path(__file__).resolve().parents[2] / ".devcloud"
    p.add_argument("--template-dir", type=Path, default=home / "keystone-template")
    p.add_argument("--glance-template-dir", type=Path, default=home / "glance-template")
    p.add_argument("--parent-pid", type=int, default=0, help="stop when this process is gone")
    p.add_argument("--compute-hosts", type=int, default=1)
    p.add_argument("--debug", action="store_true")
    p.add_argument("--prepare-keystone", action="store_true")
    p.add_argument("--prepare-glance", action="store_true")
    p.add_argument("--keystone-child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--glance-child", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def say(text: str) -> None:
    """Write status lines to the real stdout in one write."""
    sys.__stdout__.write(text.rstrip("\n") + "\n")
    sys.__stdout__.flush()


def spawn_child(args: argparse.Namespace, name: str) -> subprocess.Popen[bytes]:
    """Start the keystone or glance child (same process group as this server)."""
    err = open(args.state_dir / f"{name}-child.err", "wb")
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        str(args.port),
        f"--{name}-child",
        "--state-dir",
        str(args.state_dir),
        "--template-dir",
        str(args.template_dir),
        "--glance-template-dir",
        str(args.glance_template_dir),
        "--parent-pid",
        str(os.getpid()),
    ]
    cmd += ["--debug"] if args.debug else []
    cmd += ["--keystone"] if args.keystone else []
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)


def glance_ports(args: argparse.Namespace) -> dict[str, int]:
    """The glance child's ports: noauth always, keystone with --keystone."""
    ports = {"noauth": args.port + 3}
    if args.keystone:
        ports["keystone"] = args.port + 4
    return ports


def stop_child(proc: subprocess.Popen[bytes] | None) -> None:
    """Terminate a child (keystone, glance), SIGKILL after 5 s."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def serve(app: Any, port: int, name: str) -> Any:
    """Serve *app* on HOST:port in a background (green) thread."""
    import logging
    import socketserver
    from wsgiref import simple_server

    log = logging.getLogger("devcloud.http")

    class Server(socketserver.ThreadingMixIn, simple_server.WSGIServer):
        daemon_threads = True
        allow_reuse_address = True

    class Handler(simple_server.WSGIRequestHandler):
        def log_message(self, format: str, *a: Any) -> None:
            log.info("%s %s", name, format % a)

    httpd = simple_server.make_server(HOST, port, app, server_class=Server, handler_class=Handler)
    threading.Thread(target=httpd.serve_forever, name=name, daemon=True).start()
    return httpd


def start_nova(
    args: argparse.Namespace,
    glance: subprocess.Popen[bytes],
    keystone: subprocess.Popen[bytes] | None,
) -> tuple[Any, list[Any], list[str]]:
    """Set nova's environment up, seed Glance, serve; return (env, servers, READY lines).

    Runs after ``import nova.tests.functional`` (eventlet monkey patching).
    """
    import nova_features
    import server_network as snet
    import server_nova as sn
    import server_recorder as srec  # the compat suite's request log (requests.jsonl)

    t0 = time.monotonic()
    sn.swap_fixtures(str(args.state_dir / "nova.log"), args.debug)
    sn.CloudEnv.compute_hosts = args.compute_hosts
    env = sn.CloudEnv("test_placeholder")
    env.setUp()
    t_services = time.monotonic() - t0
    sn.install_context_hook()
    base = f"http://{HOST}:{args.port}"
    image_url = f"http://{HOST}:{args.port + 3}"
    ks.wait_until_up(image_url + "/healthcheck", glance, timeout=120, name="glance")
    images = sg.seed(image_url)
    sn.NOAUTH_CATALOG[:] = sn.noauth_catalog(image_url, ks.REGION)
    servers = [
        serve(
            sn.mount(
                srec.recording(sn.noauth(env.api_fixture.app()), args.state_dir, "noauth"),
                {
                    "/placement": sn.placement_app(env),
                    "/metadata": nova_features.metadata_app(),
                    "/network": snet.require_token(
                        snet.network_view(env.neutron, base + "/network")
                    ),
                },
            ),
            args.port,
            "nova-noauth",
        )
    ]
    lines = [
        f"NOVA_URL={base}/v2.1",
        f"PLACEMENT_URL={base}/placement",
        f"IMAGE_URL={image_url}",
        f"NETWORK_URL={base}/network",
        f"METADATA_URL={base}/metadata",
        f"METADATA_SECRET={nova_features.METADATA_SECRET}",
        "NOAUTH_TOKEN=admin:admin",
        f"IMAGE_ID={images[0][0]}",
        f"IMAGE_NAME={images[0][1]}",
        "IMAGE_IDS={}".format(",".join(i for i, _ in images)),
        "IMAGE_NAMES={}".format(",".join(n for _, n in images)),
        "FLAVOR_IDS=1,2,3,4,5,6",
        "NETWORK_ID={}".format(env.neutron.network_1["id"]),
        "NETWORK_NAME={}".format(env.neutron.network_1["name"]),
        f"NEUTRON_PROJECT={sn.nova_fixtures.PROJECT_ID}",
        "GLANCE_LOG=%s" % (args.state_dir / "glance" / "glance-api.log"),
    ]
    if keystone is not None:
        auth_url = f"http://{HOST}:{args.port + 2}/v3"
        ks.wait_until_up(auth_url, keystone, timeout=180)
        nova_ks = f"http://{HOST}:{args.port + 1}"
        image_ks = f"http://{HOST}:{args.port + 4}"
        demo_project = ks.register(
            auth_url,
            {
                "identity": ("keystone", auth_url),
                "compute": ("nova", nova_ks + "/v2.1"),
                "placement": ("placement", base + "/placement"),
                "image": ("glance", image_ks),
                "network": ("network-view", nova_ks + "/network"),
            },
        )
        settings = sn.authtoken_settings(auth_url, *ks.ADMIN)
        view = snet.network_view(env.neutron, nova_ks + "/network")
        servers.append(
            serve(
                sn.mount(
                    srec.recording(sn.keystone_nova_app(settings), args.state_dir, "keystone"),
                    {"/network": snet.require_keystone(view, settings)},
                ),
                args.port + 1,
                "nova-keystone",
            )
        )
        lines += [
            f"NOVA_KEYSTONE_URL={nova_ks}/v2.1",
            f"IMAGE_KEYSTONE_URL={image_ks}",
            f"NETWORK_KEYSTONE_URL={nova_ks}/network",
            f"OS_AUTH_URL={auth_url}",
            f"OS_REGION_NAME={ks.REGION}",
            "ADMIN={}/{}/{}".format(*ks.ADMIN),
            "DEMO={}/{}/{}".format(*ks.DEMO),
            f"DEMO_PROJECT_ID={demo_project}",
            "KEYSTONE_LOG=%s" % (args.state_dir / "keystone" / "keystone.log"),
        ]
    lines.append(f"SERVICES_SECONDS={t_services:.1f}")
    return env, servers, lines


def run(args: argparse.Namespace) -> int:
    """Start everything, print the READY block, wait for a stop request."""
    log_file = args.state_dir / "nova.log"

    def interrupt(*_: Any) -> None:
        raise KeyboardInterrupt  # during startup: unwind, stop the children below

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    children = {"glance": spawn_child(args, "glance")}  # they boot meanwhile
    if args.keystone:
        children["keystone"] = spawn_child(args, "keystone")
    for var in (
        "OS_STDOUT_CAPTURE",
        "OS_STDERR_CAPTURE",
        "OS_LOG_CAPTURE",
        "OS_TEST_TIMEOUT",
        "OS_DEBUG",
    ):
        os.environ.pop(var, None)  # read by oslotest's base class
    stop: Any = None
    try:
        # nova's functional-test package applies eventlet monkey patching when
        # imported: every lock, event, selector or socket server used from
        # here on must be created (and its module imported) after this line.
        import nova.tests.functional  # noqa: F401

        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        env, servers, lines = start_nova(args, children["glance"], children.get("keystone"))
        lines += [f"LOG={log_file}", f"PID={os.getpid()}"]
        ready = f"READY nova 34.0.0, glance 33.0.0 in {time.monotonic() - T0:.1f}s"
        say("\n".join([*lines, ready]))
    except BaseException as exc:
        say(f"FAILED: {exc!r} (see {log_file})")
        for child in children.values():
            stop_child(child)
        raise

    while not stop.wait(0.5):
        gone = [n for n, c in children.items() if c.poll() is not None]
        if gone:
            say(f"{gone[0]} child exited (rc={children[gone[0]].returncode}); stopping")
            break
        if args.parent_pid and not pid_alive(args.parent_pid):
            say(f"parent {args.parent_pid} is gone; stopping")
            break
    say("STOPPING")
    signal.signal(signal.SIGALRM, lambda *_: os._exit(1))
    signal.alarm(30)  # never hang on shutdown
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()
    for child in children.values():
        stop_child(child)
    env.teardown_all()
    say("STOPPED")
    return 0


def main() -> None:
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        os.environ.pop(var, None)
    os.environ["no_proxy"] = os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    args = parse_args()
    # keep server.err readable: eventlet warns about itself on every import
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    faulthandler.register(signal.SIGUSR1)  # kill -USR1 PID dumps stacks
    args.state_dir = args.state_dir.resolve()
    args.template_dir = args.template_dir.resolve()
    args.glance_template_dir = args.glance_template_dir.resolve()
    if args.prepare_keystone or args.prepare_glance:
        if args.prepare_keystone:
            ks.build_template(args.template_dir)
        if args.prepare_glance:
            sg.build_template(args.glance_template_dir)
        return
    args.state_dir.mkdir(parents=True, exist_ok=True)
    if args.keystone_child:
        ks.run_child(
            HOST,
            args.port + 2,
            args.state_dir / "keystone",
            args.template_dir,
            args.parent_pid,
            args.debug,
        )
        return
    if args.glance_child:
        sg.run_child(
            HOST,
            glance_ports(args),
            args.state_dir / "glance",
            args.glance_template_dir,
            args.parent_pid,
            f"http://{HOST}:{args.port + 2}/v3",
            ks.ADMIN,
            args.debug,
        )
        return
    rc = run(args)
    sys.__stdout__.flush()
    os._exit(rc)  # skip interpreter teardown of eventlet/oslo threads


if __name__ == "__main__":
    main()
