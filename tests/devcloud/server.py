"""The dev cloud server: the REAL nova API (nova 34.0.0) on 127.0.0.1.

Runs inside the devcloud venv (see install.py); everything is in-memory,
every start is a fresh cloud.

    server.py PORT [--keystone] [--state-dir D] [--template-dir T]
                   [--parent-pid N] [--compute-hosts N] [--debug]
    server.py 0 --prepare-keystone --template-dir T

PORT    nova API, noauth: send ``X-Auth-Token: <user>:<project>``
PORT+1  (--keystone) the same nova behind the real keystonemiddleware
PORT+2  (--keystone) a real keystone (child process, sqlite, fernet)

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
    p.add_argument("--template-dir", type=Path,
                   default=Path(__file__).resolve().parents[2] / ".devcloud"
                   / "keystone-template")
    p.add_argument("--parent-pid", type=int, default=0,
                   help="stop when this process is gone")
    p.add_argument("--compute-hosts", type=int, default=1)
    p.add_argument("--debug", action="store_true")
    p.add_argument("--prepare-keystone", action="store_true")
    p.add_argument("--keystone-child", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def say(text: str) -> None:
    """Write status lines to the real stdout in one write."""
    sys.__stdout__.write(text.rstrip("\n") + "\n")
    sys.__stdout__.flush()




def spawn_keystone(args: argparse.Namespace) -> subprocess.Popen[bytes]:
    """Start the keystone child (same process group as this server)."""
    err = open(args.state_dir / "keystone-child.err", "wb")  # noqa: SIM115
    cmd = [sys.executable, str(Path(__file__).resolve()), str(args.port),
           "--keystone-child", "--state-dir", str(args.state_dir),
           "--template-dir", str(args.template_dir),
           "--parent-pid", str(os.getpid())] + (
        ["--debug"] if args.debug else [])
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=err)


def stop_child(proc: subprocess.Popen[bytes] | None) -> None:
    """Terminate the keystone child, SIGKILL after 5 s."""
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
        def log_message(self, format: str, *a: Any) -> None:  # noqa: A002
            log.info("%s %s", name, format % a)

    httpd = simple_server.make_server(HOST, port, app, server_class=Server,
                                      handler_class=Handler)
    threading.Thread(target=httpd.serve_forever, name=name, daemon=True).start()
    return httpd


def run(args: argparse.Namespace) -> int:
    """Start everything, print the READY block, wait for a stop request."""
    log_file = args.state_dir / "nova.log"
    ks_port, nova_ks_port = args.port + 2, args.port + 1
    auth_url = f"http://{HOST}:{ks_port}/v3"
    def interrupt(*_: Any) -> None:
        raise KeyboardInterrupt  # during startup: unwind, stop the child below

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)
    child = spawn_keystone(args) if args.keystone else None  # boots meanwhile
    for var in ("OS_STDOUT_CAPTURE", "OS_STDERR_CAPTURE", "OS_LOG_CAPTURE",
                "OS_TEST_TIMEOUT", "OS_DEBUG"):
        os.environ.pop(var, None)  # read by oslotest's base class
    env: Any = None
    servers: list[Any] = []
    stop: Any = None
    try:
        # nova's functional-test package applies eventlet monkey patching when
        # imported: every lock, event, selector or socket server used from
        # here on must be created (and its module imported) after this line.
        import nova.tests.functional  # noqa: F401
        import server_nova as sn

        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        sn.swap_fixtures(str(log_file), args.debug)
        sn.CloudEnv.compute_hosts = args.compute_hosts
        env = sn.CloudEnv("test_placeholder")
        env.setUp()
        t_services = time.monotonic() - T0
        sn.install_context_hook()
        base = f"http://{HOST}:{args.port}"
        servers.append(serve(sn.mount(sn.noauth(env.api_fixture.app()), {
            "/placement": sn.placement_app(env),
            "/image": sn.image_view(env.glance)}), args.port, "nova-noauth"))
        lines = [f"NOVA_URL={base}/v2.1",
                 f"PLACEMENT_URL={base}/placement",
                 f"IMAGE_VIEW_URL={base}/image",
                 "NOAUTH_TOKEN=admin:admin",
                 "IMAGE_ID={}".format(env.glance.image1["id"]),
                 "IMAGE_IDS={}".format(",".join(sorted(env.glance.images))),
                 "FLAVOR_IDS=1,2,3,4,5,6",
                 "NETWORK_ID={}".format(env.neutron.network_1["id"]),
                 f"NEUTRON_PROJECT={sn.nova_fixtures.PROJECT_ID}"]
        if child is not None:
            ks.wait_until_up(auth_url, child, timeout=180)
            nova_ks = f"http://{HOST}:{nova_ks_port}/v2.1"
            demo_project = ks.register(auth_url, {
                "identity": ("keystone", auth_url),
                "compute": ("nova", nova_ks),
                "placement": ("placement", base + "/placement"),
                "image": ("image-view", base + "/image")})
            servers.append(serve(sn.keystone_nova_app(auth_url, *ks.ADMIN),
                                 nova_ks_port, "nova-keystone"))
            lines += [f"NOVA_KEYSTONE_URL={nova_ks}",
                      f"OS_AUTH_URL={auth_url}",
                      f"OS_REGION_NAME={ks.REGION}",
                      "ADMIN={}/{}/{}".format(*ks.ADMIN),
                      "DEMO={}/{}/{}".format(*ks.DEMO),
                      f"DEMO_PROJECT_ID={demo_project}",
                      "KEYSTONE_LOG=%s" % (args.state_dir / "keystone" / "keystone.log")]
        lines += [f"LOG={log_file}", f"PID={os.getpid()}"]
        ready = f"READY nova 34.0.0 in {time.monotonic() - T0:.1f}s (services {t_services:.1f}s)"
        say("\n".join([*lines, ready]))
    except BaseException as exc:
        say(f"FAILED: {exc!r} (see {log_file})")
        stop_child(child)
        raise

    while not stop.wait(0.5):
        if child is not None and child.poll() is not None:
            say(f"keystone child exited (rc={child.returncode}); stopping")
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
    if args.prepare_keystone:
        ks.build_template(args.template_dir)
        return
    args.state_dir.mkdir(parents=True, exist_ok=True)
    if args.keystone_child:
        ks.run_child(HOST, args.port + 2, args.state_dir / "keystone",
                     args.template_dir, args.parent_pid, args.debug)
        return
    rc = run(args)
    sys.__stdout__.flush()
    os._exit(rc)  # skip interpreter teardown of eventlet/oslo threads


if __name__ == "__main__":
    main()
