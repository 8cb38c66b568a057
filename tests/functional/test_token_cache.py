"""``--os-cache`` against the real Keystone and Nova: a warm command sends one request,
and a token Keystone no longer accepts is replaced by one login."""

from __future__ import annotations

import json
from pathlib import Path

from tests.functional.conftest import NovaCli


def _sent(stderr: str) -> list[tuple[str, str]]:
    """(method, path) of each request in the --timings table on stderr."""
    rows = []
    for line in stderr.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in ("GET", "POST", "PUT", "DELETE"):
            path = "/" + cells[1].split("//", 1)[-1].split("/", 1)[-1]
            rows.append((cells[0], path))
    return rows


def test_warm_cache_sends_one_request_and_survives_a_revoked_token(
    keystone_env: dict[str, str], nova_cli: NovaCli, tmp_path: Path
) -> None:
    env = {**keystone_env, "OS_CACHE": "1", "XDG_CACHE_HOME": str(tmp_path)}
    out, err, code = nova_cli(env, ["--timings", "flavor-list"])
    assert code == 0, err
    cold = _sent(err)
    assert cold[0] == ("POST", "/v3/auth/tokens") and len(cold) == 3, cold
    (path,) = (tmp_path / "novaclient-lite").glob("*.json")
    saved = json.loads(path.read_text())
    assert saved["max_version"] and keystone_env["OS_PASSWORD"] not in path.read_text()

    warm_out, err, code = nova_cli(env, ["--timings", "flavor-list"])
    assert code == 0, err
    assert _sent(err) == [("GET", "/v2.1/flavors/detail")]
    assert warm_out == out

    path.write_text(json.dumps({**saved, "token": "gAAAAA-not-a-token-Keystone-issued"}))
    relogin_out, err, code = nova_cli(env, ["--timings", "flavor-list"])
    assert code == 0, err
    assert _sent(err) == [
        ("GET", "/v2.1/flavors/detail"),
        ("POST", "/v3/auth/tokens"),
        ("GET", "/v2.1/flavors/detail"),
    ]
    assert relogin_out == out
    renewed = json.loads(path.read_text())
    assert renewed["token"] != "gAAAAA-not-a-token-Keystone-issued"
