"""Nova side of the dev cloud server (runs inside the devcloud venv).

Importing this module imports nova's functional-test helpers, which apply
eventlet monkey patching: import it only after argument parsing and after
the keystone child has been spawned.

What is assembled here (all from the unmodified ``nova`` wheel):

* :class:`CloudEnv` - nova's integrated functional-test environment
  (conductor, scheduler, fake-driver compute, placement, in-memory Glance /
  Neutron / Cinder fakes, real policy) set up without running a test;
* three test-fixture swaps that make it behave like a long-running server
  (file logging, warnings only logged, a Glance fake that honours the
  property filters used by createBackup rotation);
* the noauth context hook: ``X-Auth-Token: <user>:<project>``;
* a read-only Glance-v2-shaped view of the fake image store (NOT Glance);
* the second nova API app behind the real keystonemiddleware auth_token.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import sys
import warnings
from collections.abc import Callable, Iterable
from typing import Any
from unittest import mock
from urllib.parse import parse_qs

import fixtures
from keystonemiddleware import auth_token
from nova import context as nova_context
from nova.api import wsgi as nova_wsgi
from nova.tests import fixtures as nova_fixtures
from nova.tests.functional import integrated_helpers

LOG = logging.getLogger("devcloud")
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
_REAL_AUTHTOKEN_FACTORY = auth_token.filter_factory
_REAL_FROM_ENVIRON = nova_context.RequestContext.from_environ
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
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(process)d %(levelname)s %(name)s %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.DEBUG if self.debug else logging.INFO)
        for noisy in ("stevedore", "oslo_policy", "migrate", "alembic",
                      "sqlalchemy", "oslo.messaging", "routes.middleware"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
        if not self.debug:
            logging.getLogger("py.warnings").setLevel(logging.ERROR)
        self.logger = self._Sink()
        # keep oslo.log from re-adding a stdout handler later
        self.useFixture(fixtures.MonkeyPatch("oslo_log.log.setup",
                                             lambda *a, **k: None))


class LogWarnings(fixtures.Fixture):
    """Stand-in for nova's WarningsFixture, which turns some deprecation
    warnings into exceptions: a server must not answer 500 for those."""

    def _setUp(self) -> None:
        logging.captureWarnings(True)
        warnings.simplefilter("once")
        self.addCleanup(warnings.resetwarnings)


class PropertyFilterGlance(nova_fixtures.GlanceFixture):
    """The in-memory Glance fake, honouring ``property-<name>`` filters and
    ``sort_dir=desc`` in ``detail()`` (upstream ignores filters).  Without
    this, createBackup's rotation would delete unrelated images."""

    def detail(self, context: Any, **kwargs: Any) -> list[dict[str, Any]]:
        images: list[dict[str, Any]] = list(super().detail(context, **kwargs))
        for key, wanted in (kwargs.get("filters") or {}).items():
            if not key.startswith("property-"):
                continue
            name = key[len("property-"):]
            images = [img for img in images
                      if str((img.get("properties") or {}).get(name)) == str(wanted)]
        if kwargs.get("sort_dir") == "desc":
            images.reverse()
        return images


def swap_fixtures(log_file: str, debug: bool) -> None:
    """Install the three fixture replacements before the env is set up."""
    LogToFile.log_file = log_file
    LogToFile.debug = debug
    nova_fixtures.StandardLogging = LogToFile
    nova_fixtures.WarningsFixture = LogWarnings
    nova_fixtures.GlanceFixture = PropertyFilterGlance


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
        # the wheel ships api-paste.ini as a data file under <venv>/etc/nova
        self.flags(api_paste_config=os.path.join(
            sys.prefix, "etc", "nova", "api-paste.ini"), group="wsgi")
        super().setUp()

    def _setup_compute_service(self) -> Any:
        services = [self._start_compute(f"compute{i}" if i else "compute")
                    for i in range(self.compute_hosts)]
        return services[0]

    def test_placeholder(self) -> None:
        """testtools needs a test method name; it is never run."""

    def teardown_all(self) -> None:
        """Run the registered cleanups, best effort."""
        while self._cleanups:
            func, args, kwargs = self._cleanups.pop()
            try:
                func(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001
                LOG.warning("cleanup %r failed: %s", func, exc)


# --- authentication ---------------------------------------------------------
def _noauth_context(environ: dict[str, Any], **kwargs: Any) -> Any:
    """Build a context from ``X-Auth-Token: user:project`` (noauth2 style).

    User ``admin`` is admin (roles admin,member,reader); others get
    member,reader; ``X-Roles`` overrides.  No token -> user None -> 401.
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
    return nova_context.RequestContext(user, project, is_admin=user == "admin",
                                       roles=roles, **kwargs)


def _create_context(environ: dict[str, Any], **kwargs: Any) -> Any:
    if environ.get(NOAUTH_MARK):
        return _noauth_context(environ, **kwargs)
    return _REAL_FROM_ENVIRON(environ, **kwargs)


def install_context_hook() -> None:
    """Route context creation: noauth port -> token parsing, else keystone."""
    fixtures.MonkeyPatch("nova.api.auth.NovaKeystoneContext._create_context",
                         _create_context).setUp()


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
                environ["PATH_INFO"] = path[len(prefix):] or "/"
                return app(environ, start_response)
        return default(environ, start_response)
    return dispatch


def image_view(glance: Any) -> WSGIApp:
    """Read-only, Glance-v2-shaped view of the fake image store (NOT Glance).

    Answers only ``GET /v2/images[?name=]`` and ``GET /v2/images/{id}``, for
    clients that look images up through the catalog's ``image`` endpoint.
    """
    def as_v2(image: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in image.items():
            if key == "properties":
                continue
            if isinstance(value, datetime.datetime):
                value = value.strftime("%Y-%m-%dT%H:%M:%SZ")
            out[key] = value
        for key, value in (image.get("properties") or {}).items():
            out.setdefault(key, value)
        out.setdefault("visibility", "public" if image.get("is_public") else "shared")
        out["status"] = str(out.get("status", "active")).lower()
        out.setdefault("tags", [])
        out["self"] = "/v2/images/" + image["id"]
        return out

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = environ.get("PATH_INFO", "").rstrip("/")
        query = parse_qs(environ.get("QUERY_STRING", ""))
        status, body = "404 Not Found", {"error": "not found"}
        if environ["REQUEST_METHOD"] != "GET":
            status, body = "405 Method Not Allowed", {"error": "read-only view"}
        elif path == "/v2/images":
            images = [as_v2(i) for i in glance.images.values()]
            if "name" in query:
                images = [i for i in images if i.get("name") == query["name"][0]]
            status, body = "200 OK", {"images": images}
        elif path.startswith("/v2/images/"):
            found = glance.images.get(path.rsplit("/", 1)[1])
            if found:
                status, body = "200 OK", as_v2(found)
        data = json.dumps(body, default=str).encode()
        start_response(status, [("Content-Type", "application/json"),
                                ("Content-Length", str(len(data)))])
        return [data]
    return app


def keystone_nova_app(auth_url: str, user: str, password: str,
                      project: str) -> WSGIApp:
    """Load nova's API pipeline again, with the REAL auth_token middleware."""
    settings = {
        "www_authenticate_uri": auth_url, "auth_url": auth_url,
        "auth_type": "password", "username": user, "password": password,
        "project_name": project, "user_domain_name": "Default",
        "project_domain_name": "Default", "interface": "public",
    }

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
