"""``python3 -m tests.devcloud demo``: the README's "try it" path (stdlib only).

Creates the client venv (<repo>/.venv), installs and starts the dev cloud
with keystone, then runs a short ``nova`` CLI session, echoing each command
like a terminal transcript.  Afterwards the cloud keeps running (export
lines are printed) unless ``--stop`` is given.  Exits non-zero if a ``nova``
command fails (after printing its output).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from tests.bootstrap import ensure_client_venv
from tests.devcloud.cloud import DevCloud
from tests.devcloud.state import export_lines, load_running, start_cloud, state_file


def session(image: str) -> list[list[str]]:
    """The nova commands of the demo (argv after ``nova``); *image* is what
    ``boot --image`` gets (see :func:`demo_image`)."""
    return [
        ["flavor-list"],
        ["boot", "--flavor", "m1.tiny", "--image", image, "--nic", "none", "--wait", "demo-vm"],
        ["list"],
        ["backup-instance", "demo-vm", "nightly", "before upgrade", "--wait"],
        ["show", "demo-vm"],
    ]


def demo_image(cloud: DevCloud) -> str:
    """The ``--image`` of the demo's boot: the seeded image's *name*
    (``cirros-0.6.3``), which ``nova`` resolves through the catalog's Glance."""
    return cloud.image_name


def clean_env(extra: dict[str, str]) -> dict[str, str]:
    """The caller's environment without OS_* / proxy vars, plus *extra*."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("OS_") and k.lower() not in ("http_proxy", "https_proxy")
    }
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.update(extra)
    return env


def run_nova(nova: Path, argv: list[str], env: dict[str, str]) -> int:
    """Echo ``$ nova ...``, run it, show its output; return its exit code."""
    print("$ " + shlex.join(["nova", *argv]), flush=True)
    try:
        result = subprocess.run(
            [str(nova), *argv],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )
    except FileNotFoundError:
        print(f"{nova}: not found (is novaclient_lite's console script installed?)")
        return 127
    except subprocess.TimeoutExpired as exc:
        print(exc.stdout or "", end="")
        print("(timed out after 300s)")
        return 124
    print(result.stdout, end="" if result.stdout.endswith("\n") or not result.stdout else "\n")
    if result.returncode:
        print(f"(exit code {result.returncode})")
    print(flush=True)
    return result.returncode


def run_demo(stop: bool = False, timeout: float = 180.0) -> int:
    """Run the whole demo; return the process exit code."""
    venv = ensure_client_venv()
    nova = venv / "bin" / "nova"
    running = load_running()
    if running is not None:  # the demo boots "demo-vm": start from a fresh cloud
        print(f"demo: stopping the running dev cloud (pid {running.pid}) for a fresh one")
        running.stop()
        state_file().unlink(missing_ok=True)
    cloud: DevCloud = start_cloud(keystone=True, port=None, detach=True, timeout=timeout)
    creds = cloud.credentials("admin")
    env = clean_env(creds)
    print(
        "\n# nova CLI against the real nova API, logged in through keystone as admin\n", flush=True
    )
    rc = 0
    for argv in session(demo_image(cloud)):
        rc = run_nova(nova, argv, env)
        if rc:
            print(f"demo: `nova {shlex.join(argv)}` failed with exit code {rc}", file=sys.stderr)
            break
    if stop:
        cloud.stop()
        state_file().unlink(missing_ok=True)
        print("dev cloud stopped.")
    else:
        print("# The dev cloud keeps running. To use it from another terminal:\n")
        print(export_lines(creds))
        print("export PATH={}:$PATH".format(shlex.quote(str(venv / "bin"))))
        print("nova list\n")
        print("# Stop it with:\npython3 -m tests.devcloud stop")
    return 1 if rc else 0
