"""Session fixtures over the dev cloud (tests/devcloud): the REAL nova API.

* ``devcloud``      - one server with keystone for the whole session
* ``noauth_env``    - OS_* vars for the noauth port (admin_token, admin:admin)
* ``keystone_env``  - OS_* vars for a keystone password login as admin
* ``nova_cli``      - run the installed ``nova`` console script
* ``service_api``   - plain requests/keystoneauth1 to the real Glance and the
                      Network API view, in either auth mode

Every test here is marked ``functional``.  ``NOVACLIENT_LITE_SKIP_FUNCTIONAL=1``
skips them all (the server needs ~1 min to install cold, ~7 s to start).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from tests.devcloud import DevCloud

HERE = Path(__file__).resolve().parent
SKIP = os.environ.get("NOVACLIENT_LITE_SKIP_FUNCTIONAL") == "1"
NovaCli = Callable[..., tuple[str, str, int]]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="NOVACLIENT_LITE_SKIP_FUNCTIONAL=1")
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.functional)
            if SKIP:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def devcloud() -> Iterator[DevCloud]:
    """The dev cloud (nova noauth + keystone), started once per session."""
    cloud = DevCloud()
    cloud.install(verbose=True)
    cloud.start(keystone=True, timeout=240, compute_hosts=2)  # two hosts: resize needs a target
    try:
        yield cloud
    finally:
        cloud.stop()


@pytest.fixture(scope="session")
def noauth_env(devcloud: DevCloud) -> dict[str, str]:
    """OS_AUTH_TYPE=admin_token, OS_TOKEN=admin:admin, OS_ENDPOINT_OVERRIDE=<noauth>."""
    return devcloud.noauth_env("admin", "admin")


@pytest.fixture(scope="session")
def keystone_env(devcloud: DevCloud) -> dict[str, str]:
    """OS_AUTH_URL, OS_USERNAME=admin, ... for the keystone port."""
    return devcloud.credentials("admin")


def _base_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("OS_") and k.lower() not in ("http_proxy", "https_proxy")
    }
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


@pytest.fixture(scope="session")
def nova_cli() -> NovaCli:
    """``nova_cli(env, argv, timeout=120) -> (stdout, stderr, returncode)``.

    Runs the ``nova`` console script of the venv running pytest, with the
    caller's OS_* variables replaced by *env*.
    """
    nova = Path(sys.executable).parent / "nova"

    def run(env: dict[str, str], argv: Sequence[str], timeout: float = 120) -> tuple[str, str, int]:
        if not nova.exists():
            pytest.fail(f"{nova} not found: pip install -e . into this venv")
        result = subprocess.run(
            [str(nova), *argv],
            env={**_base_env(), **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return result.stdout, result.stderr, result.returncode

    return run


# --- Clients, CLI helpers and waiting for the library/CLI suites -----------------------
# (test_library.py, test_cli_*.py, test_microversions.py, test_errors.py, test_backup.py)

import json as _json  # noqa: E402
import shutil as _shutil  # noqa: E402
import time as _time  # noqa: E402
import uuid as _uuid  # noqa: E402
from typing import Any  # noqa: E402

#: Quotas set at session start for the admin projects of both ports (the defaults,
#: 10 instances / 20 cores, are too small for the suites together).
SESSION_QUOTAS = {
    "instances": 500,
    "cores": 1000,
    "ram": 10_000_000,
    "key_pairs": 500,
    "server_groups": 100,
    "server_group_members": 100,
}
AUTH_MODES = ("noauth", "keystone")
#: A valid public key, used when ssh-keygen is missing.
FALLBACK_PUBLIC_KEY = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDH9kmLfRH1D4EsJVhuueGDvsLXay"
    "Sa0N3EdiZR+gg6L novaclient-lite-functional"
)


def unique(prefix: str) -> str:
    """A name no other test uses."""
    return f"{prefix}-{_uuid.uuid4().hex[:8]}"


def keystone_session(devcloud: DevCloud, user: str) -> Any:
    """A keystoneauth1 password session for ``user`` on the dev cloud's Keystone."""
    from keystoneauth1 import session as ks_session
    from keystoneauth1.identity import v3

    creds = devcloud.credentials(user)
    auth = v3.Password(
        auth_url=creds["OS_AUTH_URL"],
        username=creds["OS_USERNAME"],
        password=creds["OS_PASSWORD"],
        project_name=creds["OS_PROJECT_NAME"],
        user_domain_name=creds["OS_USER_DOMAIN_NAME"],
        project_domain_name=creds["OS_PROJECT_DOMAIN_NAME"],
    )
    return ks_session.Session(auth=auth)


class Clouds:
    """Library clients for either port, any user and any microversion."""

    def __init__(self, devcloud: DevCloud) -> None:
        self.devcloud = devcloud
        self._sessions: dict[str, Any] = {}

    def client(self, mode: str = "noauth", version: str = "auto", user: str = "admin") -> Any:
        from novaclient_lite import Client

        if mode == "noauth":
            return Client(
                version,
                auth_token=f"{user}:{user}",
                endpoint_override=self.devcloud.noauth_endpoint,
                image_url=self.devcloud.image_url,
                network_url=self.devcloud.network_url,
            )
        if user not in self._sessions:
            self._sessions[user] = keystone_session(self.devcloud, user)
        return Client(version, session=self._sessions[user], region_name="RegionOne")

    def project_id(self, mode: str, user: str = "admin") -> str:
        """The project the user's servers land in on that port."""
        if mode == "noauth":
            return user
        if user == "demo":
            return self.devcloud.info["DEMO_PROJECT_ID"]
        self.client(mode, user=user)
        return str(self._sessions[user].get_project_id())

    def env(self, mode: str, user: str = "admin") -> dict[str, str]:
        """OS_* variables for the CLI."""
        if mode == "noauth":  # no catalog: OS_IMAGE_URL / OS_NETWORK_URL name the endpoints
            return self.devcloud.noauth_env(user, user)
        return self.devcloud.credentials(user)


@pytest.fixture(scope="session")
def clouds(devcloud: DevCloud) -> Clouds:
    """Client factory; the admin projects of both ports get generous quotas first."""
    factory = Clouds(devcloud)
    admin = factory.client("noauth")
    for mode in AUTH_MODES:
        admin.quotas.update(factory.project_id(mode), **SESSION_QUOTAS)
    return factory


@pytest.fixture(scope="session")
def admin_cs(clouds: Clouds) -> Any:
    """The library on the noauth port as admin, negotiated version (2.104)."""
    return clouds.client("noauth")


@pytest.fixture(scope="session")
def wait_server(admin_cs: Any) -> Callable[..., Any]:
    """``wait_server(server_id, *statuses, timeout=60)``: poll (0.1 s) until the server is
    in one of ``statuses`` (default ACTIVE) with no task running; ``"DELETED"`` waits
    for a 404.  Uses the noauth admin, who can see every project's servers."""
    from novaclient_lite import exceptions

    def wait(server_id: str, *statuses: str, timeout: float = 60) -> Any:
        wanted = set(statuses or ("ACTIVE",))
        deadline = _time.monotonic() + timeout
        while True:
            try:
                server = admin_cs.servers.get(server_id)
            except exceptions.NotFound:
                if "DELETED" in wanted:
                    return None
                raise
            task = server.get("OS-EXT-STS:task_state")
            if server.status in wanted and not task:
                return server
            if server.status == "ERROR" and "ERROR" not in wanted:
                pytest.fail(f"server {server_id} went to ERROR: {server.get('fault')}")
            if _time.monotonic() > deadline:
                pytest.fail(
                    f"server {server_id} is {server.status}/{task} after {timeout}s; "
                    f"wanted {sorted(wanted)}"
                )
            _time.sleep(0.1)

    return wait


@pytest.fixture(scope="session")
def ssh_public_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A public key file (ssh-keygen's ed25519 key, or a fixed valid key)."""
    folder = tmp_path_factory.mktemp("ssh")
    key = folder / "id_ed25519"
    keygen = _shutil.which("ssh-keygen")
    if keygen:
        subprocess.run(
            [keygen, "-q", "-t", "ed25519", "-N", "", "-C", "functional", "-f", str(key)],
            check=True,
            capture_output=True,
            timeout=30,
        )
    else:
        key.with_suffix(".pub").write_text(FALLBACK_PUBLIC_KEY + "\n")
    return key.with_suffix(".pub")


class Cli:
    """``nova`` with assertions: ``ok`` (exit 0, empty stderr), ``json`` (``-f json``
    parsed) and ``fail`` (the exit code and the single stderr line)."""

    def __init__(self, run: NovaCli) -> None:
        self.run = run

    def ok(self, env: dict[str, str], *argv: str) -> str:
        out, err, rc = self.run(env, list(argv))
        assert rc == 0, f"nova {' '.join(argv)} -> rc={rc}\nstdout:{out}\nstderr:{err}"
        assert err == "", f"nova {' '.join(argv)} wrote to stderr: {err}"
        return out

    def json(self, env: dict[str, str], *argv: str) -> Any:
        return _json.loads(self.ok(env, "-f", "json", *argv))

    def fail(self, env: dict[str, str], *argv: str, rc: int = 1) -> str:
        out, err, code = self.run(env, list(argv))
        assert code == rc, f"nova {' '.join(argv)} -> rc={code}, wanted {rc}\n{out}\n{err}"
        assert "Traceback" not in err + out
        lines = err.splitlines()
        assert len(lines) == 1, f"stderr is not one line: {err!r}"
        return lines[0]


@pytest.fixture(scope="session")
def cli(nova_cli: NovaCli) -> Cli:
    """The ``nova`` command with assertion helpers."""
    return Cli(nova_cli)


class ServiceApi:
    """Plain HTTP to the dev cloud's ``image`` (the real Glance) or ``network``
    (the read-only Network API view) endpoint, as *user*, in either auth mode:
    noauth (``X-Auth-Token: user:user`` to ``devcloud.image_url``/``network_url``)
    or keystone (a keystoneauth1 session, endpoint from the catalog)."""

    def __init__(
        self, devcloud: DevCloud, service_type: str, mode: str, user: str = "admin"
    ) -> None:
        self.service_type, self.mode = service_type, mode
        self.base = {"image": devcloud.image_url, "network": devcloud.network_url}[service_type]
        self.token = f"{user}:{user}"
        self.session = keystone_session(devcloud, user) if mode == "keystone" else None

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        """``method path`` (e.g. ``GET /v2/images``) -> the ``requests`` response."""
        headers = dict(kwargs.pop("headers", None) or {})
        if self.session is None:
            import requests

            headers.setdefault("X-Auth-Token", self.token)
            return requests.request(method, self.base + path, headers=headers, timeout=30, **kwargs)
        return self.session.request(
            path,
            method,
            headers=headers,
            raise_exc=False,
            endpoint_filter={
                "service_type": self.service_type,
                "interface": "public",
                "region_name": "RegionOne",
            },
            **kwargs,
        )

    def get(self, path: str) -> Any:
        """GET *path*: the JSON body, or None for a 404 (anything else fails the test)."""
        resp = self.request("GET", path)
        if resp.status_code == 404:
            return None
        assert resp.status_code == 200, f"GET {path} -> {resp.status_code}: {resp.text}"
        return resp.json()

    def image(self, image_id: str) -> Any:
        """Glance's record of *image_id*, or None once it is gone (404, or the
        ``deleted`` record Glance still shows admins)."""
        found = self.get(f"/v2/images/{image_id}")
        return None if found is None or found["status"] == "deleted" else found


@pytest.fixture(scope="session")
def service_api(devcloud: DevCloud) -> Callable[..., ServiceApi]:
    """``service_api("image" | "network", mode, user="admin") -> ServiceApi``."""
    made: dict[tuple[str, str, str], ServiceApi] = {}

    def get(service_type: str, mode: str, user: str = "admin") -> ServiceApi:
        key = (service_type, mode, user)
        if key not in made:
            made[key] = ServiceApi(devcloud, service_type, mode, user)
        return made[key]

    return get


@pytest.fixture(scope="module")
def glance(service_api: Callable[..., ServiceApi], mode: str) -> ServiceApi:
    """The real Glance as admin, in the module's auth ``mode``."""
    return service_api("image", mode)


@pytest.fixture(scope="session")
def image_proxy(clouds: Clouds) -> Callable[[str], Any]:
    """``image_proxy(image_id) -> dict``: the image as Nova's image proxy shows it
    (GET /images/{id}, which exists up to microversion 2.35); raises NotFound."""
    cs = clouds.client("noauth", "2.35")

    def get(image_id: str) -> Any:
        return cs.api.get(f"/images/{image_id}").body["image"]

    return get


@pytest.fixture(scope="session")
def hypervisor_count(admin_cs: Any) -> int:
    """How many compute hosts the dev cloud runs (resize needs two)."""
    return len(admin_cs.api.get("/os-hypervisors").body["hypervisors"])


# -- per-module auth modes, shared by the test files -------------------------------------


@pytest.fixture(scope="module", params=("noauth", "keystone"))
def mode(request: pytest.FixtureRequest) -> str:
    """Every test that uses it runs on the noauth port and through Keystone."""
    return str(request.param)


@pytest.fixture(scope="module")
def cs(clouds: Clouds, mode: str) -> Any:
    """A library client (admin) for ``mode``."""
    return clouds.client(mode)


@pytest.fixture(scope="module")
def env(clouds: Clouds, mode: str) -> dict[str, str]:
    """The OS_* variables of ``nova`` (admin) for ``mode``."""
    return dict(clouds.env(mode))


def table(text: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a prettytable."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    return cells[0], cells[1:]
