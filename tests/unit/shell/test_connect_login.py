"""Which keystoneauth1 plugin the shell logs in with (no discovery on a /v3 URL)."""

from __future__ import annotations

import argparse
import io

import pytest
from keystoneauth1.identity import generic, v3

from novaclient_lite.shell import options
from novaclient_lite.shell.connect import build_auth
from novaclient_lite.shell.environment import Environment
from tests.unit.conftest import AUTH_URL, COMPUTE_URL
from tests.unit.shell.conftest import DEFAULT_VARS


def parse(env: dict[str, str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(add_help=False)
    options.add_global_options(parser, env)
    return parser.parse_args([])


@pytest.mark.parametrize(("url", "kind"), [
    ("http://identity.test/v3", v3.Password), ("http://identity.test/v3/", v3.Password),
    ("http://identity.test", generic.Password), ("http://identity.test/identity", generic.Password),
])
def test_password_plugin_by_auth_url(url, kind):
    env = {**DEFAULT_VARS, "OS_PASSWORD": "pw", "OS_AUTH_URL": url}
    streams = (io.StringIO(), io.StringIO(), io.StringIO())
    auth = build_auth(parse(env), Environment(*streams, vars=env))
    assert type(auth) is kind


def test_v3_login_sends_no_discovery_request(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    assert run_cli("flavor-list").exit_code == 0
    sent = [(r.method, r.url.rstrip("/")) for r in mock.request_history]
    assert sent[0] == ("POST", AUTH_URL + "/auth/tokens")
    assert ("GET", AUTH_URL) not in sent
