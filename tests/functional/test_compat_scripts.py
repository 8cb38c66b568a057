"""The compatibility suite (tests/compat): python-novaclient scripts, run both ways.

Each script in tests/compat/scripts runs twice against the real Nova: with
python-novaclient 18.13.1, then with novaclient_lite behind the one-line alias
``tests/compat/shim/novaclient``.  Nova's request log (the dev cloud's
recorder) must show the same requests (method, path, query, microversion,
JSON body), less the differences on purpose listed in
``tests/compat/compare.py:ALLOWED``, and the scripts must print the same
lines (ids and per-run names normalised).  The suite lives here so that the
functional conftest's one dev cloud serves it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.compat import compare
from tests.devcloud import DevCloud
from tests.functional.conftest import Clouds, _base_env

SCRIPTS = sorted(p.name for p in compare.SCRIPTS.glob("*.py") if p.name != "compat_env.py")


@pytest.fixture(scope="module")
def script_env(devcloud: DevCloud, clouds: Clouds) -> Iterator[dict[str, Any]]:
    """OS_* (Keystone admin) and COMPAT_* variables; one ACTIVE server per client (the
    resize and snapshot scripts act on it, so that their two runs can go at once)."""
    cs = clouds.client("keystone")
    network = [{"uuid": devcloud.info["NETWORK_ID"]}]
    servers = {
        mode: cs.servers.create(f"compat-shared-{mode}", devcloud.image_id, "1", networks=network)
        for mode in compare.MODES
    }
    for server in servers.values():
        cs.servers.wait(server, "ACTIVE", poll_interval=0.2, timeout=120)
    env = {
        **_base_env(),
        **devcloud.credentials("admin"),
        "COMPAT_IMAGE": devcloud.image_id,
        "COMPAT_NETWORK": devcloud.info["NETWORK_ID"],
        "COMPAT_PROJECT_ID": clouds.project_id("keystone"),
        "COMPAT_OTHER_PROJECT": clouds.project_id("keystone", "demo"),
    }
    yield {"env": env, "servers": {mode: s.id for mode, s in servers.items()}}
    for server in servers.values():
        cs.servers.delete(server)


@pytest.fixture(scope="module")
def run_both(devcloud: DevCloud, script_env: dict[str, Any]) -> Callable[[str], Any]:
    log = devcloud.state_dir / "requests.jsonl" if devcloud.state_dir else None
    assert log is not None

    def both(script: str) -> tuple[compare.Run, compare.Run, tuple[str, ...]]:
        tags = {mode: compare.tag_for(script, mode) for mode in compare.MODES}
        envs = {
            mode: {
                **script_env["env"],
                "COMPAT_TAG": tag,
                "COMPAT_SERVER": script_env["servers"][mode],
            }
            for mode, tag in tags.items()
        }
        runs = compare.run_both(script, envs, log)
        return runs["reference"], runs["lite"], tuple(tags.values())

    return both


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_runs_alike_on_both_clients(run_both: Callable[[str], Any], script: str) -> None:
    reference, lite, tags = run_both(script)
    assert reference.returncode == 0, f"python-novaclient failed {script}:\n{reference.stderr}"
    assert lite.returncode == 0, f"novaclient_lite failed {script}:\n{lite.stderr[-3000:]}"
    assert compare.scrub(lite.stdout, tags) == compare.scrub(reference.stdout, tags)
    theirs = compare.without_allowed(
        compare.normalise(reference.requests, tags), "reference", script
    )
    ours = compare.without_allowed(compare.normalise(lite.requests, tags), "lite", script)
    assert ours == theirs
