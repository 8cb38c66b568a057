"""Nova side of the dev cloud server (runs inside the devcloud venv).

Importing this module imports nova's functional-test helpers, which apply
eventlet monkey patching: import it only after argument parsing and after
the keystone child has been spawned.

What is assembled here (all from the unmodified ``nova`` wheel):

* :class:`CloudEnv` - nova's integrated functional-test environment
  (conductor, scheduler, fake-driver compute, placement, in-memory Neutron /
  Cinder fakes, real policy) set up without running a test;
* three test-fixture swaps that make it behave like a long-running server
  (file logging, warnings only logged, and NO Glance fake: nova talks to the
  real glance-api child through the catalog, see server_glance.py);
* one dev-cloud patch of the fake virt driver: its snapshot uploads a small
  qcow2 payload to Glance, so snapshot/backup images go queued -> saving ->
  active as on a real cloud (upstream's fake uploads nothing);
* what nova_features.py adds for commands the stock fixtures cannot serve
  (security groups, consoles, live-migration holds, opt-in soft delete, the
  metadata API);
* the noauth context hook: ``X-Auth-Token: <user>:<project>``, plus a service
  catalog with the noauth Glance so nova can reach the Image API (and no
  Keystone project check for those contexts, as before they had a token);
* the second nova API app behind the real keystonemiddleware auth_token.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import warnings
from collections.abc import Callable, Iterable
from typing import Any
from unittest import mock

import fixtures
import server_glance
from keystonemiddleware import auth_token
from nova import context as nova_context
from nova import exception as nova_exception
from nova.api import wsgi as nova_wsgi
from nova.api.openstack import identity
from nova.compute import task_states
from nova.image import glance as nova_glance
from nova.tests import fixtures as nova_fixtures
from nova.tests.functional import integrated_helpers
from nova.virt import fake as fake_virt
from nova_features import (
    enable_consoles,
    metadata_proxy_settings,
    patch_live_migration,
    security_groups_through_nova,
    soft_delete_for_opted_in_servers,
)

LOG = logging.getLogger("devcloud")
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
_REAL_AUTHTOKEN_FACTORY = auth_token.filter_factory
_REAL_FROM_ENVIRON = nova_context.RequestContext.from_environ
_REAL_VERIFY_PROJECT_ID = identity.verify_project_id
NOAUTH_MARK = "devcloud.noauth"


class LogToFile(fixtures.Fixture):
    """Stand-in for nova's StandardLogging (which buffers every record in
    memory): the root logger writes to the server's log file instead."""

    log_file = "devcloud-nova.log"
    debug = False

    class _Sink:
        output = ""

    def _setUp(self) -> None:
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
        handler = logging.FileHandler(self.log_file)
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s %(message)s")
        )
        root.addHandler(handler)
        root.setLevel(logging.DEBUG if self.debug else logging.INFO)
        for noisy in (
            "stevedore",
            "oslo_policy",
            "migrate",
            "alembic",
            "sqlalchemy",
            "oslo.messaging",
            "routes.middleware",
        ):
            logging.getLogger(noisy).setLevel(logging.WARNING)
        if not self.debug:
            logging.getLogger("py.warnings").setLevel(logging.ERROR)
        self.logger = self._Sink()
        # keep oslo.log from re-adding a stdout handler later
        self.useFixture(fixtures.MonkeyPatch("oslo_log.log.setup", lambda *a, **k: None))


class LogWarnings(fixtures.Fixture):
    """Stand-in for nova's WarningsFixture, which turns some deprecation
    warnings into exceptions: a server must not answer 500 for those."""

    def _setUp(self) -> None:
        logging.captureWarnings(True)
        warnings.simplefilter("once")
        self.addCleanup(warnings.resetwarnings)


class RealGlance(fixtures.Fixture):
    """Stands in for nova's GlanceFixture and does nothing: no stubs, no
    ``[glance] api_servers``, so nova finds the image endpoint in the
    request's service catalog (keystone's, or the noauth one) and calls the
    real Glance for every image read, create, upload and delete."""

    def __init__(self, test: Any) -> None:
        super().__init__()
        self.test = test


def snapshot_with_upload(
    self: Any, context: Any, instance: Any, image_id: str, update_task_state: Callable[..., Any]
) -> None:
    """Dev-cloud patch of ``FakeDriver.snapshot``: like libvirt's driver, go
    through image_pending_upload -> image_uploading and upload a (small,
    valid, empty) qcow2 disk to the image nova's API created in Glance."""
    if instance.uuid not in self.instances:
        raise nova_exception.InstanceNotRunning(instance_id=instance.uuid)
    update_task_state(task_state=task_states.IMAGE_PENDING_UPLOAD)
    update_task_state(
        task_state=task_states.IMAGE_UPLOADING, expected_state=task_states.IMAGE_PENDING_UPLOAD
    )
    image_api = nova_glance.API()
    snapshot = image_api.get(context, image_id)
    metadata = {
        "name": snapshot["name"],
        "disk_format": "qcow2",
        "container_format": "bare",
        "properties": {
            "image_location": "snapshot",
            "image_state": "available",
            "owner_id": instance.project_id,
        },
    }
    image_api.update(
        context, image_id, metadata, io.BytesIO(server_glance.qcow2_image()), purge_props=False
    )


def swap_fixtures(log_file: str, debug: bool) -> None:
    """Install the fixture replacements and the snapshot patch before setUp."""
    LogToFile.log_file = log_file
    LogToFile.debug = debug
    nova_fixtures.StandardLogging = LogToFile
    nova_fixtures.WarningsFixture = LogWarnings
    nova_fixtures.GlanceFixture = RealGlance
    fake_virt.FakeDriver.snapshot = snapshot_with_upload
    patch_live_migration()
    security_groups_through_nova()


class CloudEnv(integrated_helpers._IntegratedTestBase):
    """nova's integrated test environment, used as a server (no test runs)."""

    CAST_AS_CALL = False  # RPC casts stay asynchronous: BUILD -> ACTIVE
    REQUIRES_LOCKING = True
    STUB_KEYSTONE = True
    ADMIN_API = True
    microversion = "latest"
    compute_hosts = 1

    def setUp(self) -> None:
        self.flags(compute_driver="fake.FakeDriver")
        enable_consoles(self.flags)
        # the wheel ships api-paste.ini as a data file under <venv>/etc/nova
        self.flags(
            api_paste_config=os.path.join(sys.prefix, "etc", "nova", "api-paste.ini"), group="wsgi"
        )
        super().setUp()
        soft_delete_for_opted_in_servers(self)
        metadata_proxy_settings(self)

    def _setup_compute_service(self) -> Any:
        services = [
            self._start_compute(f"compute{i}" if i else "compute")
            for i in range(self.compute_hosts)
        ]
        return services[0]

    def test_placeholder(self) -> None:
        """testtools needs a test method name; it is never run."""

    def teardown_all(self) -> None:
        """Run the registered cleanups, best effort."""
        while self._cleanups:
            func, args, kwargs = self._cleanups.pop()
            try:
                func(*args, **kwargs)
            except Exception as exc:
                LOG.warning("cleanup %r failed: %s", func, exc)


# --- authentication ---------------------------------------------------------
#: Set by server.py: the service catalog of noauth contexts (v2 format, as
#: keystonemiddleware's X-Service-Catalog), so nova finds the noauth Glance.
NOAUTH_CATALOG: list[dict[str, Any]] = []


def noauth_catalog(image_url: str, region: str) -> list[dict[str, Any]]:
    """A one-service catalog: ``image`` at *image_url* in *region*."""
    return [
        {
            "type": "image",
            "name": "glance",
            "endpoints": [
                {
                    "region": region,
                    "publicURL": image_url,
                    "internalURL": image_url,
                    "adminURL": image_url,
                }
            ],
        }
    ]


def _noauth_context(environ: dict[str, Any], **kwargs: Any) -> Any:
    """Build a context from ``X-Auth-Token: user:project`` (noauth2 style).

    User ``admin`` is admin (roles admin,member,reader); others get
    member,reader; ``X-Roles`` overrides.  No token -> user None -> 401.
    The context carries ``user:project`` as its token and NOAUTH_CATALOG, so
    nova's calls to Glance go to the noauth Glance as the same user.
    """
    user = environ.get("HTTP_X_AUTH_USER")
    project = environ.get("HTTP_X_AUTH_PROJECT_ID")
    token = environ.get("HTTP_X_AUTH_TOKEN") or ""
    if token and not user:
        user, _, project = token.partition(":")
        project = project or user
    if not user:
        return nova_context.RequestContext(None, None, **kwargs)
    if environ.get("HTTP_X_ROLES"):
        roles = [r.strip() for r in environ["HTTP_X_ROLES"].split(",") if r.strip()]
    else:
        roles = ["admin", "member", "reader"] if user == "admin" else ["member", "reader"]
    kwargs["service_catalog"] = NOAUTH_CATALOG
    return nova_context.RequestContext(
        user,
        project,
        is_admin=user == "admin",
        roles=roles,
        auth_token=f"{user}:{project}",
        **kwargs,
    )


def _create_context(environ: dict[str, Any], **kwargs: Any) -> Any:
    if environ.get(NOAUTH_MARK):
        return _noauth_context(environ, **kwargs)
    return _REAL_FROM_ENVIRON(environ, **kwargs)


def is_noauth(context: Any) -> bool:
    """A context of the noauth port: its token is ``user:project`` (Keystone's
    tokens never hold a colon)."""
    return ":" in (getattr(context, "auth_token", None) or "")


def _verify_project_id(context: Any, project_id: str) -> bool:
    """Keystone's project check (quotas, flavor access), skipped for noauth
    contexts: they have no identity endpoint, and nova's own answer to "cannot
    ask Keystone" is "assume the project exists"."""
    if is_noauth(context):
        return True
    return bool(_REAL_VERIFY_PROJECT_ID(context, project_id))


def install_context_hook() -> None:
    """Route context creation: noauth port -> token parsing, else keystone."""
    fixtures.MonkeyPatch(
        "nova.api.auth.NovaKeystoneContext._create_context", _create_context
    ).setUp()
    fixtures.MonkeyPatch(
        "nova.api.openstack.identity.verify_project_id", _verify_project_id
    ).setUp()


def noauth(app: WSGIApp) -> WSGIApp:
    """Mark requests to *app* as noauth ones."""

    def marked(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        environ[NOAUTH_MARK] = True
        return app(environ, start_response)

    return marked


def mount(default: WSGIApp, apps: dict[str, WSGIApp]) -> WSGIApp:
    """Dispatch path prefixes (e.g. /placement) to *apps*, the rest to *default*."""

    def dispatch(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = environ.get("PATH_INFO", "")
        for prefix, app in apps.items():
            if path == prefix or path.startswith(prefix + "/"):
                environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + prefix
                environ["PATH_INFO"] = path[len(prefix) :] or "/"
                return app(environ, start_response)
        return default(environ, start_response)

    return dispatch


def authtoken_settings(auth_url: str, user: str, password: str, project: str) -> dict[str, str]:
    """keystonemiddleware ``auth_token`` options: validate against *auth_url*
    with the service user *user*."""
    return {
        "www_authenticate_uri": auth_url,
        "auth_url": auth_url,
        "auth_type": "password",
        "username": user,
        "password": password,
        "project_name": project,
        "user_domain_name": "Default",
        "project_domain_name": "Default",
        "interface": "public",
    }


def keystone_nova_app(settings: dict[str, str]) -> WSGIApp:
    """Load nova's API pipeline again, with the REAL auth_token middleware."""

    def factory(global_conf: dict[str, Any], **local_conf: Any) -> Any:
        return _REAL_AUTHTOKEN_FACTORY(global_conf, **{**settings, **local_conf})

    with mock.patch("keystonemiddleware.auth_token.filter_factory", factory):
        app: WSGIApp = nova_wsgi.Loader().load_app("osapi_compute")
    return app


def placement_app(env: CloudEnv) -> WSGIApp:
    """The real placement WSGI app, on the env's placement config."""
    from placement import deploy

    app: WSGIApp = deploy.loadapp(env.placement_fixture.conf_fixture.conf)
    return app
