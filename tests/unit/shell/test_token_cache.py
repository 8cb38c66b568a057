"""``--os-cache`` / OS_CACHE: the private, keyed, atomic token cache of the shell."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from novaclient_lite.shell import token_cache
from tests.unit import bodies
from tests.unit.shell.support import DEFAULT_VARS
from tests.unit.support import AUTH_URL, COMPUTE_URL, TOKEN, v3_token, version_document

PASSWORD = "pw-MARKER-5b0c9e1d-never-on-disk"
FLAVORS = {"flavors": [bodies.flavor()]}


@pytest.fixture
def cache_vars(tmp_path: Path) -> dict[str, str]:
    return {
        **DEFAULT_VARS,
        "OS_PASSWORD": PASSWORD,
        "OS_CACHE": "1",
        "XDG_CACHE_HOME": str(tmp_path),
        "HOME": str(tmp_path / "home"),
    }


@pytest.fixture
def flavors(mock):
    return mock.get(COMPUTE_URL + "/flavors/detail", json=FLAVORS)


def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "novaclient-lite"


def cache_files(tmp_path: Path) -> list[Path]:
    return sorted(cache_dir(tmp_path).glob("*.json"))


def logins(mock) -> int:
    return sum(
        1 for r in mock.request_history if r.method == "POST" and r.url == AUTH_URL + "/auth/tokens"
    )


def warm(run_cli, cache_vars, mock) -> None:
    result = run_cli("flavor-list", env_vars=cache_vars)
    assert result.exit_code == 0, result.stderr
    mock.reset_mock()


def test_first_command_logs_in_and_writes_a_private_file(
    mock, flavors, run_cli, cache_vars, tmp_path
):
    result = run_cli("flavor-list", env_vars=cache_vars)
    assert result.exit_code == 0, result.stderr
    assert logins(mock) == 1
    (path,) = cache_files(tmp_path)
    assert stat.S_IMODE(os.stat(cache_dir(tmp_path)).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert os.stat(path).st_uid == os.getuid()
    doc = json.loads(path.read_text())
    assert doc["token"] == TOKEN
    assert doc["endpoint"] == COMPUTE_URL
    assert (doc["min_version"], doc["max_version"]) == ("2.1", "2.104")
    assert doc["expires_at"] > time.time()
    assert not list(cache_dir(tmp_path).glob("*.tmp"))  # the temp file was renamed


def test_password_never_written(mock, flavors, run_cli, cache_vars, tmp_path):
    for cmd in ("flavor-list", "flavor-list", "--os-username demo flavor-list"):
        assert run_cli(cmd, env_vars=cache_vars).exit_code == 0
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert PASSWORD.encode() not in path.read_bytes(), path


def test_warm_cache_sends_exactly_one_request(mock, flavors, run_cli, cache_vars):
    warm(run_cli, cache_vars, mock)
    result = run_cli("flavor-list", env_vars=cache_vars)
    assert result.exit_code == 0, result.stderr
    assert "m1.tiny" in result.stdout
    assert [(r.method, r.url) for r in mock.request_history] == [
        ("GET", COMPUTE_URL + "/flavors/detail")
    ]
    sent = mock.request_history[0].headers
    assert sent["X-Auth-Token"] == TOKEN
    assert sent["OpenStack-API-Version"] == "compute 2.104"  # the cached version range


def test_warm_cache_needs_no_password(mock, flavors, run_cli, cache_vars):
    warm(run_cli, cache_vars, mock)
    no_password = {k: v for k, v in cache_vars.items() if k != "OS_PASSWORD"}
    result = run_cli("flavor-list", env_vars=no_password)
    assert result.exit_code == 0, result.stderr
    assert logins(mock) == 0


def test_os_cache_flag_without_env(mock, flavors, run_cli, cache_vars, tmp_path):
    env = {k: v for k, v in cache_vars.items() if k != "OS_CACHE"}
    assert run_cli("--os-cache flavor-list", env_vars=env).exit_code == 0
    assert len(cache_files(tmp_path)) == 1


def test_no_cache_unless_asked(mock, flavors, run_cli, cache_vars, tmp_path):
    env = {**cache_vars, "OS_CACHE": "0"}
    assert run_cli("flavor-list", env_vars=env).exit_code == 0
    assert run_cli("flavor-list", env_vars=env).exit_code == 0
    assert logins(mock) == 2
    assert not cache_dir(tmp_path).exists()


def test_keyed_by_user_and_project(mock, flavors, run_cli, cache_vars, tmp_path):
    assert run_cli("flavor-list", env_vars=cache_vars).exit_code == 0
    assert run_cli("--os-username demo flavor-list", env_vars=cache_vars).exit_code == 0
    assert run_cli("--os-project-name other flavor-list", env_vars=cache_vars).exit_code == 0
    assert logins(mock) == 3
    assert len(cache_files(tmp_path)) == 3
    mock.reset_mock()
    assert run_cli("--os-username demo flavor-list", env_vars=cache_vars).exit_code == 0
    assert logins(mock) == 0


@pytest.mark.parametrize(
    "change",
    [
        {"OS_AUTH_URL": "http://other-identity.test/v3"},
        {"OS_USER_DOMAIN_NAME": "other"},
        {"OS_PROJECT_DOMAIN_NAME": "other"},
        {"OS_PROJECT_ID": "p-1"},
        {"OS_REGION_NAME": "RegionTwo"},
        {"OS_INTERFACE": "internal"},
        {"OS_ENDPOINT_OVERRIDE": "http://compute.test/v2.1/x"},
        {"OS_AUTH_TYPE": "v3applicationcredential"},
    ],
)
def test_key_changes_with_every_selector(change, run_cli):
    from novaclient_lite.shell import options
    from novaclient_lite.shell.cached_auth import cache_fields
    from novaclient_lite.shell.connect import auth_type, interface_of

    def key(env: dict[str, str]) -> str:
        import argparse

        parser = argparse.ArgumentParser(add_help=False)
        options.add_global_options(parser, env)
        args = parser.parse_args([])
        filters = {"region_name": args.os_region_name, "interface": interface_of(args.os_interface)}
        return token_cache.cache_key(cache_fields(args, auth_type(args), filters))

    assert key(DEFAULT_VARS) != key({**DEFAULT_VARS, **change})
    assert key(DEFAULT_VARS) == key(dict(DEFAULT_VARS))


def test_expired_token_logs_in_again(mock, flavors, run_cli, cache_vars, tmp_path):
    warm(run_cli, cache_vars, mock)
    (path,) = cache_files(tmp_path)
    doc = json.loads(path.read_text())
    doc["expires_at"] = time.time() + 30  # inside the safety margin: as good as expired
    path.write_text(json.dumps(doc))
    result = run_cli("flavor-list", env_vars=cache_vars)
    assert result.exit_code == 0, result.stderr
    assert logins(mock) == 1
    assert json.loads(path.read_text())["expires_at"] > time.time() + 600  # replaced


def test_401_with_cached_token_logs_in_once_retries_once_and_updates(
    mock, run_cli, cache_vars, tmp_path
):
    mock.get(COMPUTE_URL + "/flavors/detail", json=FLAVORS)
    warm(run_cli, cache_vars, mock)
    mock.post(
        AUTH_URL + "/auth/tokens",
        json=v3_token(),
        status_code=201,
        headers={"X-Subject-Token": "tok-renewed"},
    )
    listing = mock.get(
        COMPUTE_URL + "/flavors/detail",
        [
            {"status_code": 401, "json": {"error": {"code": 401, "message": "expired"}}},
            {"json": FLAVORS},
        ],
    )
    result = run_cli("flavor-list", env_vars=cache_vars)
    assert result.exit_code == 0, result.stderr
    assert logins(mock) == 1
    assert [r.headers["X-Auth-Token"] for r in listing.request_history] == [TOKEN, "tok-renewed"]
    (path,) = cache_files(tmp_path)
    doc = json.loads(path.read_text())
    assert doc["token"] == "tok-renewed"
    assert doc["max_version"] == "2.104"


def test_401_twice_is_an_error_after_one_login(mock, run_cli, cache_vars):
    mock.get(COMPUTE_URL + "/flavors/detail", json=FLAVORS)
    warm(run_cli, cache_vars, mock)
    mock.get(
        COMPUTE_URL + "/flavors/detail",
        status_code=401,
        json={"error": {"code": 401, "message": "no"}},
    )
    result = run_cli("flavor-list", env_vars=cache_vars)
    assert result.exit_code == 1
    assert result.stderr.startswith("ERROR (Unauthorized)")
    assert logins(mock) == 1


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620])
def test_file_accessible_to_others_is_ignored(mode, mock, flavors, run_cli, cache_vars, tmp_path):
    warm(run_cli, cache_vars, mock)
    (path,) = cache_files(tmp_path)
    os.chmod(path, mode)
    result = run_cli("--debug flavor-list", env_vars=cache_vars)
    assert result.exit_code == 0, result.stderr
    assert logins(mock) == 1
    warnings = [ln for ln in result.stderr.splitlines() if "Token cache ignored" in ln]
    assert len(warnings) == 1 and "accessible to group/others" in warnings[0]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # replaced by a private file


def test_directory_accessible_to_others_is_ignored(mock, flavors, run_cli, cache_vars, tmp_path):
    warm(run_cli, cache_vars, mock)
    os.chmod(cache_dir(tmp_path), 0o755)
    (path,) = cache_files(tmp_path)
    before = path.read_bytes()
    result = run_cli("--debug flavor-list", env_vars=cache_vars)
    assert result.exit_code == 0, result.stderr
    assert logins(mock) == 1
    assert "Token cache ignored" in result.stderr
    assert path.read_bytes() == before  # nothing written into an unsafe directory


def test_without_debug_the_warning_is_silent(mock, flavors, run_cli, cache_vars, tmp_path):
    warm(run_cli, cache_vars, mock)
    os.chmod(cache_files(tmp_path)[0], 0o644)
    result = run_cli("flavor-list", env_vars=cache_vars)
    assert result.exit_code == 0 and result.stderr == ""


def test_file_owned_by_another_user_is_ignored(tmp_path, monkeypatch):
    cache = token_cache.TokenCache(str(tmp_path / "c"), "k")
    assert cache.save(token_cache.Entry("t", time.time() + 3600, "http://c"))
    assert cache.load() is not None
    monkeypatch.setattr(os, "getuid", lambda: os.stat(cache.path).st_uid + 1)
    assert cache.load() is None


def test_garbage_file_is_ignored(tmp_path):
    cache = token_cache.TokenCache(str(tmp_path / "c"), "k")
    assert cache.save(token_cache.Entry("t", time.time() + 3600, None))
    Path(cache.path).write_text("{not json")
    assert cache.load() is None
    Path(cache.path).write_text(json.dumps({"format": 1, "token": 5}))
    assert cache.load() is None


def test_symlinked_file_is_not_followed(tmp_path):
    cache = token_cache.TokenCache(str(tmp_path / "c"), "k")
    assert cache.save(token_cache.Entry("t", time.time() + 3600, None))
    target = tmp_path / "elsewhere.json"
    os.replace(cache.path, target)
    os.symlink(target, cache.path)
    assert cache.load() is None


def test_directory_default_and_xdg():
    assert token_cache.directory({"HOME": "/h"}) == "/h/.cache/novaclient-lite"
    assert token_cache.directory({"HOME": "/h", "XDG_CACHE_HOME": "/x"}) == "/x/novaclient-lite"
    assert (
        token_cache.directory({"HOME": "/h", "XDG_CACHE_HOME": "rel"})
        == "/h/.cache/novaclient-lite"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("YES", True), ("0", False), ("", False), ("no", False)],
)
def test_os_cache_truthy_values(value, expected):
    assert token_cache.enabled(False, {"OS_CACHE": value}) is expected
    assert token_cache.enabled(True, {"OS_CACHE": value}) is True


def test_token_auth_is_never_cached(mock, flavors, run_cli, cache_vars, tmp_path):
    env = {**cache_vars, "OS_TOKEN": "user-token", "OS_AUTH_TYPE": "token"}
    assert run_cli("flavor-list", env_vars=env).exit_code == 0
    assert not cache_dir(tmp_path).exists()


def test_unreadable_cached_version_range_is_discovered_again(
    mock, flavors, run_cli, cache_vars, tmp_path
):
    warm(run_cli, cache_vars, mock)
    (path,) = cache_files(tmp_path)
    doc = json.loads(path.read_text())
    doc["max_version"] = "2.latest"  # not a concrete version
    path.write_text(json.dumps(doc))
    mock.get(COMPUTE_URL + "/", json=version_document("2.90"))
    result = run_cli("flavor-list", env_vars=cache_vars)
    assert result.exit_code == 0, result.stderr
    assert [(r.method, r.url) for r in mock.request_history] == [
        ("GET", COMPUTE_URL + "/"),
        ("GET", COMPUTE_URL + "/flavors/detail"),
    ]
    assert logins(mock) == 0  # the cached token is still used
    assert json.loads(path.read_text())["max_version"] == "2.90"  # and the range saved again


def test_entry_round_trips_through_the_file_format():
    from novaclient_lite.api_versions import APIVersion, ServerVersions

    entry = token_cache.Entry(
        "t",
        1.5,
        "http://c",
        "p",
        "u",
        ServerVersions(APIVersion(2, 1), APIVersion(2, 96)),
        {"image": "http://i"},
    )
    doc = entry.to_json()
    assert doc == {
        "format": 2,
        "token": "t",
        "expires_at": 1.5,
        "endpoint": "http://c",
        "min_version": "2.1",
        "max_version": "2.96",
        "project_id": "p",
        "user_id": "u",
        "services": {"image": "http://i"},
    }
    assert token_cache.Entry.from_json(json.loads(json.dumps(doc))) == entry
    # a format-1 entry (no image/network endpoints) is not used: one cold login instead
    assert token_cache.Entry.from_json({**doc, "format": 1}) is None


# -- the image and network endpoints, for name lookups (cs.glance / cs.neutron) ------------------


def test_warm_cache_knows_the_image_and_network_endpoints(mock, flavors, run_cli, cache_vars):
    from tests.unit.service_catalog import IMAGE_URL, NETWORK_URL, use_catalog

    use_catalog(mock)
    warm(run_cli, cache_vars, mock)
    by_name = mock.get(
        IMAGE_URL + "/v2/images",
        json={"images": [{"id": "70a599e0-31e7-49b7-b260-868f441e862b", "name": "cirros"}]},
    )
    detail = mock.get(COMPUTE_URL + "/servers/detail", json={"servers": []})
    result = run_cli("list --image cirros", env_vars=cache_vars)
    assert result.exit_code == 0, result.stderr
    assert logins(mock) == 0 and by_name.called_once and detail.called_once
    assert by_name.last_request.headers["X-Auth-Token"] == TOKEN
    services = token_cache.Entry.from_json(
        json.loads(cache_files(Path(cache_vars["XDG_CACHE_HOME"]))[0].read_text())
    ).services
    assert services == {"image": IMAGE_URL, "network": NETWORK_URL}


def test_warm_cache_without_an_image_service(mock, flavors, run_cli, cache_vars):
    from tests.unit.service_catalog import use_catalog

    use_catalog(mock, image=None)
    warm(run_cli, cache_vars, mock)
    result = run_cli("list --image cirros", env_vars=cache_vars)
    assert result.exit_code == 1
    assert result.stderr.startswith("ERROR (EndpointNotFound): No image service in the catalog")
    assert mock.request_history == []
