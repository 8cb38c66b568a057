"""``DevCloud``: start/stop the real nova dev cloud from Python (stdlib only).

    from tests.devcloud import DevCloud
    cloud = DevCloud()
    cloud.install()                      # idempotent, quick when warm
    cloud.start(keystone=True)           # picks free loopback ports
    env = cloud.credentials("admin")     # OS_* vars for the keystone port
    env = cloud.noauth_env()             # OS_AUTH_TYPE=admin_token ... (noauth port)
    cloud.stop()                         # also done at exit / SIGTERM

Ports: P = nova noauth (+ /placement, /network), P+1 = nova (+ /network)
behind keystonemiddleware, P+2 = keystone, P+3 = glance noauth,
P+4 = glance behind keystonemiddleware.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import FrameType
from typing import Any

from tests.devcloud import install as _install
from tests.devcloud.procs import pid_alive

HOST = "127.0.0.1"
USERS = {"admin": ("admin", "admin"), "demo": ("demo", "demo")}  # password, project
_LIVE: set[DevCloud] = set()
_PREV_SIGTERM: Any = None


class DevCloudError(RuntimeError):
    """The dev cloud could not be installed, started or reached."""


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


PORTS = 5  # P .. P+4, see the module docstring


def free_port_block(count: int = PORTS, tries: int = 50) -> int:
    """Return a port P such that P .. P+count-1 are free on 127.0.0.1."""
    for _ in range(tries):
        with socket.socket() as s:
            s.bind((HOST, 0))
            base = int(s.getsockname()[1])
        if base + count < 65536 and all(_port_free(base + i) for i in range(count)):
            return base
    raise DevCloudError(f"no block of {count} free loopback ports found")


def parse_ready(text: str) -> dict[str, str] | None:
    """KEY=VALUE lines of the server's stdout, once its READY line is there."""
    lines = text.splitlines()
    if not any(line.startswith("READY") for line in lines):
        return None
    info: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.partition("=")
        if sep and key.isupper() and " " not in key:
            info[key] = value
    return info


def tail(path: Path, lines: int = 25) -> str:
    """Last *lines* lines of a text file ('' if missing)."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _stop_all_on_signal(signum: int, frame: FrameType | None) -> None:
    for cloud in list(_LIVE):
        cloud.stop()
    signal.signal(signum, _PREV_SIGTERM if callable(_PREV_SIGTERM) else signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _install_signal_handler() -> None:
    """Stop live clouds on SIGTERM (SIGINT raises KeyboardInterrupt -> atexit)."""
    global _PREV_SIGTERM
    try:
        current = signal.getsignal(signal.SIGTERM)
        if current is not _stop_all_on_signal:
            _PREV_SIGTERM = current
            signal.signal(signal.SIGTERM, _stop_all_on_signal)
    except ValueError:  # not in the main thread
        pass


class DevCloud:
    """One dev cloud server process (and its keystone child)."""

    def __init__(self, state_dir: Path | None = None) -> None:
        self.state_dir = state_dir
        self.proc: subprocess.Popen[bytes] | None = None
        self.pid: int | None = None
        self.port: int | None = None
        self.keystone = False
        self.info: dict[str, str] = {}
        self.start_seconds: float | None = None
        self._stopped = False

    # --- lifecycle ----------------------------------------------------------
    @staticmethod
    def install(verbose: bool = False) -> Path:
        """Install nova/placement/keystone (no-op when warm); return the venv python."""
        try:
            return _install.install(verbose=verbose)
        except RuntimeError as exc:
            raise DevCloudError(str(exc)) from exc

    def start(
        self,
        keystone: bool = True,
        timeout: float = 180.0,
        port: int | None = None,
        detach: bool = False,
        compute_hosts: int = 1,
        debug: bool = False,
    ) -> DevCloud:
        """Start the server and wait for READY.

        ``detach=True`` (the CLI's ``start``): the server outlives this process.
        Otherwise it stops when this process exits or dies.
        """
        if self.running:
            raise DevCloudError(f"already running (pid {self.pid})")
        python = self.install()
        self.port = port or free_port_block(PORTS)
        self.keystone = keystone
        if self.state_dir is None:
            _prune_runs(_install.home() / "runs", keep=5)
        state = self.state_dir or _install.home() / "runs" / str(self.port)
        shutil.rmtree(state, ignore_errors=True)
        state.mkdir(parents=True)
        self.state_dir = state
        cmd = [
            str(python),
            str(_install.SERVER),
            str(self.port),
            "--state-dir",
            str(state),
            "--template-dir",
            str(_install.template_dir()),
            "--glance-template-dir",
            str(_install.glance_template_dir()),
            "--compute-hosts",
            str(compute_hosts),
        ]
        cmd += ["--keystone"] if keystone else []
        cmd += ["--debug"] if debug else []
        cmd += [] if detach else ["--parent-pid", str(os.getpid())]
        t0 = time.monotonic()
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
                cwd=str(state),
            )
        self.pid = self.proc.pid
        self._stopped = False
        (state / "server.pid").write_text(f"{self.pid}\n")
        if not detach:
            _LIVE.add(self)
            atexit.register(self.stop)
            _install_signal_handler()
        deadline = t0 + timeout
        while True:
            text = self.stdout_path.read_text(errors="replace")
            info = parse_ready(text)
            if info is not None:
                self.info = info
                break
            failed = "FAILED:" in text or self.proc.poll() is not None
            if failed or time.monotonic() > deadline:
                why = (
                    f"exited with rc={self.proc.poll()}"
                    if failed
                    else f"not ready after {timeout:.0f}s"
                )
                self.stop()
                raise DevCloudError(
                    f"dev cloud {why}.\n--- {self.log_path} (tail) ---\n"
                    f"{tail(self.log_path)}\n--- {self.stdout_path} (tail) ---\n"
                    f"{tail(self.stdout_path, 10)}\n"
                    f"--- {self.stderr_path} (tail) ---\n{tail(self.stderr_path, 15)}"
                )
            time.sleep(0.2)
        self.start_seconds = time.monotonic() - t0
        return self

    @classmethod
    def attach(cls, state: dict[str, Any]) -> DevCloud:
        """A handle on a detached server described by the CLI's state file."""
        cloud = cls(Path(state["state_dir"]))
        cloud.pid, cloud.port = int(state["pid"]), int(state["port"])
        cloud.keystone, cloud.info = bool(state["keystone"]), dict(state["info"])
        return cloud

    def state(self) -> dict[str, Any]:
        """What the CLI's state file keeps."""
        return {
            "pid": self.pid,
            "port": self.port,
            "keystone": self.keystone,
            "state_dir": str(self.state_dir),
            "info": self.info,
        }

    @property
    def running(self) -> bool:
        """True while the server process exists."""
        if self.pid is None:
            return False
        if self.proc is not None:
            return self.proc.poll() is None
        return pid_alive(self.pid) and _is_devcloud_server(self.pid)

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM the server (it stops keystone); SIGKILL its group after *timeout*."""
        _LIVE.discard(self)
        if self.pid is None or self._stopped:
            return
        self._stopped = True
        pid = self.pid
        if self.running:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + timeout
        while self.running and time.monotonic() < deadline:
            time.sleep(0.1)
        try:  # its own session: whatever is left of server + keystone child
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._reap()

    def _reap(self) -> None:
        if self.proc is not None:
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass

    def __enter__(self) -> DevCloud:
        return self if self.running else self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- where things are -----------------------------------------------------
    @property
    def stdout_path(self) -> Path:
        """The server's stdout (KEY=VALUE lines, READY, STOPPED)."""
        return self._state() / "server.out"

    @property
    def stderr_path(self) -> Path:
        """The server's stderr (Python warnings and tracebacks)."""
        return self._state() / "server.err"

    @property
    def log_path(self) -> Path:
        """nova's log file."""
        return self._state() / "nova.log"

    def _state(self) -> Path:
        if self.state_dir is None:
            raise DevCloudError("not started")
        return self.state_dir

    def _url(self, offset: int, suffix: str) -> str:
        if self.port is None:
            raise DevCloudError("not started")
        return f"http://{HOST}:{self.port + offset}{suffix}"

    @property
    def noauth_endpoint(self) -> str:
        """Nova API without keystone: ``X-Auth-Token: <user>:<project>``."""
        return self._url(0, "/v2.1")

    @property
    def keystone_endpoint(self) -> str:
        """Nova API behind keystonemiddleware (needs ``start(keystone=True)``)."""
        self._need_keystone()
        return self._url(1, "/v2.1")

    @property
    def auth_url(self) -> str:
        """Keystone v3."""
        self._need_keystone()
        return self._url(2, "/v3")

    @property
    def image_url(self) -> str:
        """The real Glance (Image API v2 under ``/v2``), noauth like nova's port."""
        return self._url(3, "")

    @property
    def image_keystone_url(self) -> str:
        """The same Glance behind keystonemiddleware (the catalog's ``image``)."""
        self._need_keystone()
        return self._url(4, "")

    @property
    def network_url(self) -> str:
        """The read-only Network API view (``/v2.0/networks``, ``/v2.0/ports``), noauth."""
        return self._url(0, "/network")

    @property
    def network_keystone_url(self) -> str:
        """The same view behind keystonemiddleware (the catalog's ``network``)."""
        self._need_keystone()
        return self._url(1, "/network")

    @property
    def images(self) -> dict[str, str]:
        """The images seeded into Glance at start: name -> id, default first."""
        ids = [i for i in self.info.get("IMAGE_IDS", "").split(",") if i]
        names = [n for n in self.info.get("IMAGE_NAMES", "").split(",") if n]
        return dict(zip(names, ids, strict=True))

    @property
    def image_ids(self) -> list[str]:
        """The seeded images' ids; the first one is a good default."""
        return list(self.images.values())

    @property
    def image_id(self) -> str:
        """A bootable image id (the ``cirros-0.6.3`` seed image)."""
        return self.info["IMAGE_ID"]

    @property
    def image_name(self) -> str:
        """The name of :attr:`image_id` (unique in Glance at start)."""
        return self.info["IMAGE_NAME"]

    @property
    def network_name(self) -> str:
        """The name of the fixture's network ``NETWORK_ID`` (``private``)."""
        return self.info["NETWORK_NAME"]

    def _need_keystone(self) -> None:
        if not self.keystone:
            raise DevCloudError("started without keystone")

    def credentials(self, user: str = "admin") -> dict[str, str]:
        """OS_* env vars for a password login as ``admin`` or ``demo``."""
        password, project = USERS[user]
        return {
            "OS_AUTH_URL": self.auth_url,
            "OS_USERNAME": user,
            "OS_PASSWORD": password,
            "OS_PROJECT_NAME": project,
            "OS_USER_DOMAIN_NAME": "Default",
            "OS_PROJECT_DOMAIN_NAME": "Default",
            "OS_REGION_NAME": "RegionOne",
        }

    def noauth_env(self, user: str = "admin", project: str = "admin") -> dict[str, str]:
        """OS_* env vars for the noauth ports (admin_token auth, token user:project).

        No catalog in this mode: ``OS_IMAGE_URL`` / ``OS_NETWORK_URL`` name the
        image and network endpoints.
        """
        return {
            "OS_AUTH_TYPE": "admin_token",
            "OS_TOKEN": f"{user}:{project}",
            "OS_ENDPOINT_OVERRIDE": self.noauth_endpoint,
            "OS_IMAGE_URL": self.image_url,
            "OS_NETWORK_URL": self.network_url,
        }


def _is_devcloud_server(pid: int) -> bool:
    """Guard against a recycled pid: is *pid* really our server.py?"""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc: trust the pid
    return str(_install.SERVER).encode() in cmdline


def _prune_runs(runs: Path, keep: int) -> None:
    """Delete all but the *keep* newest per-start state dirs (logs of old runs)."""
    if not runs.is_dir():
        return
    dirs = sorted(
        (d for d in runs.iterdir() if d.is_dir()), key=lambda d: d.stat().st_mtime, reverse=True
    )
    for old in dirs[keep:]:
        if time.time() - old.stat().st_mtime < 600:
            continue  # maybe a server still starting up
        try:
            pid = int((old / "server.pid").read_text())
        except (OSError, ValueError):
            pid = 0
        if pid and pid_alive(pid) and _is_devcloud_server(pid):
            continue  # another session's live cloud
        shutil.rmtree(old, ignore_errors=True)
