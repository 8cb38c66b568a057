"""Record of the CLI-started dev cloud (``$DEVCLOUD_HOME/state.json``) and
helpers shared by the CLI and the demo (stdlib only)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

from tests.devcloud import install as _install
from tests.devcloud.cloud import DevCloud, DevCloudError


def state_file() -> Path:
    """Where a detached (or foreground) server is recorded."""
    return _install.home() / "state.json"


def load_running() -> DevCloud | None:
    """The recorded server if it still runs (a stale state file is removed)."""
    try:
        state: dict[str, Any] = json.loads(state_file().read_text())
    except (OSError, ValueError):
        return None
    cloud = DevCloud.attach(state)
    if cloud.running:
        return cloud
    state_file().unlink(missing_ok=True)
    return None


def save(cloud: DevCloud) -> None:
    """Record *cloud* in the state file."""
    state_file().parent.mkdir(parents=True, exist_ok=True)
    state_file().write_text(json.dumps(cloud.state(), indent=2) + "\n")


def env_vars(cloud: DevCloud, user: str = "admin", noauth: bool = False) -> dict[str, str]:
    """OS_* variables for *cloud*: keystone login, or noauth when asked/needed."""
    if noauth or not cloud.keystone:
        return cloud.noauth_env(user, user)
    return cloud.credentials(user)


def export_lines(env: dict[str, str]) -> str:
    """``export K=V`` lines, shell-quoted."""
    return "\n".join(f"export {k}={shlex.quote(v)}" for k, v in env.items())


def start_cloud(keystone: bool, port: int | None, detach: bool, timeout: float) -> DevCloud:
    """Start (or reuse) the recorded cloud."""
    cloud = load_running()
    if cloud is not None:
        if keystone and not cloud.keystone:
            raise DevCloudError(
                f"a dev cloud without keystone is running (pid {cloud.pid}); stop it first"
            )
        print(f"dev cloud already running (pid {cloud.pid})")
        return cloud
    DevCloud.install(verbose=True)
    print("starting dev cloud%s ..." % (" with keystone" if keystone else ""), flush=True)
    cloud = DevCloud().start(keystone=keystone, port=port, detach=detach, timeout=timeout)
    save(cloud)
    print("ready in %.1fs" % (cloud.start_seconds or 0))
    return cloud
