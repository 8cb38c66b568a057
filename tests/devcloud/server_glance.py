"""Glance side of the dev cloud server (runs inside the devcloud venv).

The REAL Image API (``glance==33.0.0``): a glance-api child process, sqlite,
the file store under the run directory.

* :func:`build_template` runs ``glance-manage db_sync`` once into a template
  dir (an empty, migrated sqlite DB, ~3 s); every start copies it.
* :func:`run_child` is the glance child process: copy the template, load
  glance's WSGI app twice (the ``noauth`` pipeline: ``X-Auth-Token:
  <user>:<project>`` like nova's noauth port; the ``keystone`` pipeline:
  the real keystonemiddleware ``auth_token``), serve them until SIGTERM or
  until the parent dies.
* :func:`seed` uploads the named images every start begins with.
* :func:`qcow2_image` makes a small, valid, empty qcow2 disk (glance checks
  that uploads match their ``disk_format``).

Nothing here imports nova at module level (nova's import monkey-patches with
eventlet), and glance is imported only inside the child.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The images every start has: (id, name, disk_format).
#: Fixed ids, so docs and shell history stay valid from one start to the next.
SEED = (
    ("8a9c9b0e-3c1d-4c5e-9f6a-2b7d0c1e4f01", "cirros-0.6.3", "qcow2"),
    ("5f2d7c44-91ab-4e0f-8d36-0c6e2a9b7d02", "tiny-raw", "raw"),
)
DEFAULT_IMAGE = SEED[0]

_CONF = """\
[DEFAULT]
log_file = {d}/glance-api.log
debug = {debug}
enabled_backends = local:file
[database]
connection = sqlite:///{d}/glance.sqlite
[glance_store]
default_backend = local
[local]
filesystem_store_datadir = {d}/images
[os_glance_staging_store]
filesystem_store_datadir = {d}/staging
[os_glance_tasks_store]
filesystem_store_datadir = {d}/tasks
[paste_deploy]
flavor = noauth
config_file = {d}/glance-api-paste.ini
[oslo_policy]
enforce_new_defaults = true
enforce_scope = true
[keystone_authtoken]
www_authenticate_uri = {auth_url}
auth_url = {auth_url}
auth_type = password
username = {user}
password = {password}
project_name = {project}
user_domain_name = Default
project_domain_name = Default
interface = public
"""

# The upstream glance-api-paste.ini pipelines, minus caching/osprofiler, plus
# the dev cloud's noauth filter in place of auth_token.
_PASTE = """\
[composite:glance-api-noauth]
paste.composite_factory = glance.api:root_app_factory
/: api
/healthcheck: healthcheck

[composite:glance-api-keystone]
paste.composite_factory = glance.api:root_app_factory
/: api
/healthcheck: healthcheck

[composite:api]
paste.composite_factory = glance.api:pipeline_factory
noauth = cors http_proxy_to_wsgi versionnegotiation devcloud-noauth context rootapp
keystone = cors http_proxy_to_wsgi versionnegotiation authtoken context rootapp

[composite:rootapp]
paste.composite_factory = glance.api:root_app_factory
/: apiversions
/v2: apiv2app

[app:apiversions]
paste.app_factory = glance.api.versions:create_resource

[app:apiv2app]
paste.app_factory = glance.api.v2.router:API.factory

[app:healthcheck]
paste.app_factory = oslo_middleware:Healthcheck.app_factory

[filter:versionnegotiation]
paste.filter_factory = glance.api.middleware.version_negotiation:VersionNegotiationFilter.factory

[filter:context]
paste.filter_factory = glance.api.middleware.context:ContextMiddleware.factory

[filter:devcloud-noauth]
paste.filter_factory = server_glance:noauth_filter_factory

[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true

[filter:cors]
paste.filter_factory = oslo_middleware.cors:filter_factory
oslo_config_project = glance
oslo_config_program = glance-api

[filter:http_proxy_to_wsgi]
paste.filter_factory = oslo_middleware:HTTPProxyToWSGI.factory
"""


def write_conf(
    state: Path,
    auth_url: str = "http://127.0.0.1:1/v3",
    admin: tuple[str, str, str] = ("admin", "admin", "admin"),
    debug: bool = False,
) -> Path:
    """Write glance-api.conf (+ paste ini) pointing at *state*; return its path."""
    conf = state / "glance-api.conf"
    user, password, project = admin
    conf.write_text(
        _CONF.format(
            d=state, debug=debug, auth_url=auth_url, user=user, password=password, project=project
        )
    )
    (state / "glance-api-paste.ini").write_text(_PASTE)
    return conf


def build_template(template: Path) -> None:
    """Create *template* (migrated sqlite DB) with glance-manage (no-op if built)."""
    if (template / "DONE").exists():
        return
    tmp = template.with_name(f"{template.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    conf = write_conf(tmp)
    manage = [
        str(Path(sys.executable).parent / "glance-manage"),
        "--config-file",
        str(conf),
        "db_sync",
    ]
    t = time.monotonic()
    with open(tmp / "manage.log", "a") as log:
        subprocess.run(manage, check=True, stdout=log, stderr=log)
    timing = f"db_sync {time.monotonic() - t:.1f}s"
    (tmp / "DONE").write_text(timing + "\n")
    try:
        tmp.rename(template)
    except OSError:  # a concurrent builder won
        shutil.rmtree(tmp, ignore_errors=True)
    print("glance template: " + timing, flush=True)


# --- noauth --------------------------------------------------------------------
def noauth_filter_factory(global_conf: dict[str, Any], **local_conf: Any) -> Any:
    """Paste filter: ``X-Auth-Token: <user>:<project>`` -> the identity headers
    glance's ContextMiddleware reads (what auth_token would set).

    User ``admin`` gets roles admin,member,reader, others member,reader;
    ``X-Roles`` overrides (as on nova's noauth port).  No token -> 401.
    """

    def factory(app: Any) -> Any:
        def noauth(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            for key in (
                "HTTP_X_IDENTITY_STATUS",
                "HTTP_X_USER_ID",
                "HTTP_X_PROJECT_ID",
                "HTTP_X_TENANT_ID",
                "HTTP_X_SERVICE_CATALOG",
            ):
                environ.pop(key, None)  # only this filter says who the caller is
            user, _, project = (environ.get("HTTP_X_AUTH_TOKEN") or "").partition(":")
            if not user:
                body = b'{"error": "noauth: send X-Auth-Token: <user>:<project>"}'
                start_response(
                    "401 Unauthorized",
                    [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
                )
                return [body]
            project = project or user
            roles = environ.get("HTTP_X_ROLES") or (
                "admin,member,reader" if user == "admin" else "member,reader"
            )
            environ.update(
                {
                    "HTTP_X_IDENTITY_STATUS": "Confirmed",
                    "HTTP_X_USER_ID": user,
                    "HTTP_X_USER_NAME": user,
                    "HTTP_X_PROJECT_ID": project,
                    "HTTP_X_PROJECT_NAME": project,
                    "HTTP_X_ROLES": roles,
                }
            )
            return app(environ, start_response)

        return noauth

    return factory


# --- the child process -------------------------------------------------------------
def _load_apps(state: Path, keystone: bool) -> dict[str, Any]:
    """glance's own init_app() (config, stores, DB), then the second pipeline."""
    os.environ["OS_GLANCE_CONFIG_DIR"] = str(state)
    sys.argv = sys.argv[:1]  # glance's oslo.config reads sys.argv
    from glance.common import config as glance_config
    from glance.common import wsgi_app
    from oslo_config import cfg

    apps = {"noauth": wsgi_app.init_app()}  # flavor = noauth (glance-api.conf)
    if keystone:
        cfg.CONF.set_override("flavor", "keystone", group="paste_deploy")
        apps["keystone"] = glance_config.load_paste_app("glance-api")
    return apps


def run_child(
    host: str,
    ports: dict[str, int],
    state: Path,
    template: Path,
    parent: int,
    auth_url: str,
    admin: tuple[str, str, str],
    debug: bool = False,
) -> None:
    """Serve a fresh glance (copied from *template*) on *ports*
    (``{"noauth": P, "keystone": Q}``; keystone only with --keystone).

    Exits when its parent (pid *parent*, the nova server) is gone.
    """
    if parent and os.getppid() != parent:
        return  # the server died before we even started
    # werkzeug's server (not wsgiref): it decodes chunked request bodies, which
    # is how nova (glanceclient) uploads snapshot data.
    from procs import fresh_state, serve_while_parent_lives  # a sibling in the child
    from werkzeug import serving

    build_template(template)
    fresh_state(template, state, ("manage.log", "glance-api.log", "DONE"))
    for sub in ("images", "staging", "tasks"):
        (state / sub).mkdir(exist_ok=True)
    write_conf(state, auth_url, admin, debug)
    apps = _load_apps(state, "keystone" in ports)

    class QuietHandler(serving.WSGIRequestHandler):
        def log_request(self, *args: Any) -> None:
            pass

    servers = [
        serving.make_server(host, port, apps[name], threaded=True, request_handler=QuietHandler)
        for name, port in ports.items()
    ]
    serve_while_parent_lives(servers, parent or os.getppid())
    os._exit(0)  # skip glance's atexit pool draining


# --- payloads and seeding -------------------------------------------------------
def qcow2_image(virtual_size: int = 1 << 20) -> bytes:
    """A valid, empty qcow2 v3 disk of *virtual_size* bytes (what ``qemu-img
    create -f qcow2`` writes: header, refcount table and block, one L1 entry).
    """
    cluster = 1 << 16
    l1_size = max(1, -(-virtual_size // (cluster * (cluster // 8))))
    header = struct.pack(
        ">4sIQIIQIIQQIIQQQQII",
        b"QFI\xfb",
        3,
        0,
        0,
        16,
        virtual_size,
        0,
        l1_size,
        3 * cluster,
        cluster,
        1,
        0,
        0,
        0,
        0,
        0,
        4,
        104,
    )
    refcount_table = struct.pack(">Q", 2 * cluster)
    refcount_block = struct.pack(">4H", 1, 1, 1, 1)  # clusters 0-3 in use
    out = bytearray(3 * cluster + 8 * l1_size)
    out[: len(header)] = header
    out[cluster : cluster + 8] = refcount_table
    out[2 * cluster : 2 * cluster + 8] = refcount_block
    return bytes(out)


def payload(disk_format: str) -> bytes:
    """The bytes uploaded for a seeded image of *disk_format*."""
    if disk_format == "qcow2":
        return qcow2_image()
    return bytes(64 * 1024)  # raw: 64 KiB of zeros


def seed(url: str, token: str = "admin:admin") -> list[tuple[str, str]]:
    """Create and upload the SEED images (public) through *url* (the noauth port).

    Returns ``[(id, name), ...]``; raises ``requests.HTTPError`` on failure.
    """
    import requests

    headers = {"X-Auth-Token": token}
    out = []
    for image_id, name, disk_format in SEED:
        resp = requests.post(
            url + "/v2/images",
            headers=headers,
            timeout=30,
            json={
                "id": image_id,
                "name": name,
                "disk_format": disk_format,
                "container_format": "bare",
                "visibility": "public",
                "min_disk": 0,
                "min_ram": 0,
                "os_distro": "cirros" if "cirros" in name else "other",
                "description": "dev cloud seed image (small payload, not a real OS)",
            },
        )
        resp.raise_for_status()
        data = payload(disk_format)
        resp = requests.put(
            f"{url}/v2/images/{image_id}/file",
            data=data,
            timeout=30,
            headers={**headers, "Content-Type": "application/octet-stream"},
        )
        resp.raise_for_status()
        out.append((image_id, name))
    return out
