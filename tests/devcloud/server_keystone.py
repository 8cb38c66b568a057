"""Keystone side of the dev cloud server (runs inside the devcloud venv).

* :func:`build_template` runs ``keystone-manage`` once into a template dir
  (db_sync, fernet/credential keys, bootstrap admin/admin).  That costs
  ~15 s, so installs do it once and every start copies the result.
* :func:`run_child` is the keystone child process: copy the template, load
  keystone's WSGI app, serve it until SIGTERM or until the parent dies.
* :func:`register` fills the catalog and creates the demo user/project.

Nothing here imports nova (nova's import monkey-patches with eventlet).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ADMIN = ("admin", "admin", "admin")  # user, password, project
DEMO = ("demo", "demo", "demo")
REGION = "RegionOne"

_CONF = """\
[DEFAULT]
log_file = {d}/keystone.log
debug = {debug}
[database]
connection = sqlite:///{d}/keystone.db
[token]
provider = fernet
expiration = 86400
[fernet_tokens]
key_repository = {d}/fernet-keys
[fernet_receipts]
key_repository = {d}/fernet-keys
[credential]
key_repository = {d}/credential-keys
"""


def write_conf(state: Path, debug: bool = False) -> Path:
    """Write keystone.conf pointing at *state*; return its path."""
    conf = state / "keystone.conf"
    conf.write_text(_CONF.format(d=state, debug=debug))
    return conf


def build_template(template: Path) -> None:
    """Create *template* with keystone-manage (no-op if already built)."""
    if (template / "DONE").exists():
        return
    tmp = template.with_name(f"{template.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    conf = write_conf(tmp)
    manage = [str(Path(sys.executable).parent / "keystone-manage"), "--config-file", str(conf)]
    owner = ["--keystone-user", str(os.getuid()), "--keystone-group", str(os.getgid())]
    steps = [
        ["db_sync"],
        ["fernet_setup", *owner],
        ["credential_setup", *owner],
        [
            "bootstrap",
            "--bootstrap-password",
            ADMIN[1],
            "--bootstrap-username",
            ADMIN[0],
            "--bootstrap-project-name",
            ADMIN[2],
            "--bootstrap-role-name",
            "admin",
        ],
    ]
    timings = []
    with open(tmp / "manage.log", "a") as log:
        for step in steps:
            t = time.monotonic()
            subprocess.run(manage + step, check=True, stdout=log, stderr=log)
            timings.append(f"{step[0]} {time.monotonic() - t:.1f}s")
    (tmp / "DONE").write_text(", ".join(timings) + "\n")
    try:
        tmp.rename(template)
    except OSError:  # a concurrent builder won
        shutil.rmtree(tmp, ignore_errors=True)
    print("keystone template: " + ", ".join(timings), flush=True)


def run_child(
    host: str, port: int, state: Path, template: Path, parent: int, debug: bool = False
) -> None:
    """Serve a fresh keystone (copied from *template*) on host:port.

    Exits when its parent (pid *parent*, the nova server) is gone.
    """
    if parent and os.getppid() != parent:
        return  # the server died before we even started
    import socketserver
    from wsgiref import simple_server

    from procs import fresh_state, serve_while_parent_lives  # a sibling in the child

    build_template(template)
    fresh_state(template, state, ("keystone.log", "manage.log", "DONE"))
    os.environ["OS_KEYSTONE_CONFIG_FILES"] = str(write_conf(state, debug))
    sys.argv = sys.argv[:1]  # keystone's oslo.config reads sys.argv
    from keystone.server import wsgi as ks_wsgi

    app = ks_wsgi.initialize_public_application()

    class ThreadedServer(socketserver.ThreadingMixIn, simple_server.WSGIServer):
        daemon_threads = True
        allow_reuse_address = True

    class QuietHandler(simple_server.WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = simple_server.make_server(
        host, port, app, server_class=ThreadedServer, handler_class=QuietHandler
    )
    serve_while_parent_lives([httpd], parent or os.getppid())


def wait_until_up(
    url: str, proc: subprocess.Popen[bytes], timeout: float, name: str = "keystone"
) -> None:
    """Poll *url* (keystone's /v3, glance's /healthcheck) until it answers 200."""
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} child exited with rc={proc.returncode}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{name} did not answer on {url} within {timeout}s")


def register(auth_url: str, services: dict[str, tuple[str, str]]) -> str:
    """Create the catalog (*services*: type -> (name, url)) and the demo user.

    Returns the demo project's id.
    """
    import requests

    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {"name": ADMIN[0], "password": ADMIN[1], "domain": {"id": "default"}}
                },
            },
            "scope": {"project": {"name": ADMIN[2], "domain": {"id": "default"}}},
        }
    }
    resp = requests.post(auth_url + "/auth/tokens", json=body, timeout=30)
    resp.raise_for_status()
    headers = {"X-Auth-Token": resp.headers["X-Subject-Token"]}

    def call(method: str, path: str, data: dict[str, Any] | None = None) -> Any:
        r = requests.request(method, auth_url + path, json=data, headers=headers, timeout=30)
        r.raise_for_status()
        return r.json() if r.content else None

    call("POST", "/regions", {"region": {"id": REGION}})
    for stype, (name, url) in services.items():
        sid = call(
            "POST", "/services", {"service": {"name": name, "type": stype, "enabled": True}}
        )["service"]["id"]
        for iface in ("public", "internal", "admin"):
            call(
                "POST",
                "/endpoints",
                {
                    "endpoint": {
                        "service_id": sid,
                        "interface": iface,
                        "url": url,
                        "region_id": REGION,
                        "enabled": True,
                    }
                },
            )
    roles = {r["name"]: r["id"] for r in call("GET", "/roles")["roles"]}
    pid = call("POST", "/projects", {"project": {"name": DEMO[2], "domain_id": "default"}})[
        "project"
    ]["id"]
    uid = call(
        "POST",
        "/users",
        {
            "user": {
                "name": DEMO[0],
                "password": DEMO[1],
                "domain_id": "default",
                "default_project_id": pid,
            }
        },
    )["user"]["id"]
    call("PUT", "/projects/{}/users/{}/roles/{}".format(pid, uid, roles["member"]))
    return str(pid)
