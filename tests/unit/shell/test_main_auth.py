"""Login end to end: credentials, auth types, tokens, catalogs, clouds.yaml -> requests, errors."""

from __future__ import annotations

import sys

import pytest

from tests.unit.shell.support import DEFAULT_VARS
from tests.unit.support import AUTH_URL, COMPUTE_URL, TOKEN, v3_token, version_document


def test_missing_username(run_cli):
    result = run_cli("flavor-list", env_vars={"OS_AUTH_URL": AUTH_URL})
    assert result.exit_code == 1
    assert result.stderr == (
        "ERROR (CommandError): You must provide a user name/id (via "
        "--os-username, --os-user-id, env[OS_USERNAME] or env[OS_USER_ID]) "
        "or an auth token (via --os-token).\n"
    )


@pytest.mark.parametrize(
    "missing, text",
    [
        (
            "OS_AUTH_URL",
            "You must provide an auth url via either --os-auth-url or env[OS_AUTH_URL].",
        ),
        ("OS_PROJECT_NAME", "You must provide a project name or project ID"),
        (
            "OS_PASSWORD",
            "You must provide a password via either --os-password or env[OS_PASSWORD].",
        ),
    ],
)
def test_missing_credentials(run_cli, missing, text):
    env = {k: v for k, v in DEFAULT_VARS.items() if k != missing}
    result = run_cli("flavor-list", env_vars=env)
    assert result.exit_code == 1
    assert result.stderr.startswith("ERROR (CommandError): " + text)
    assert result.stderr.count("\n") == 1


def test_options_override_environment(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    result = run_cli("--os-username alice --os-password pw2 --os-project-id p1 flavor-list")
    assert result.exit_code == 0, result.stderr
    auth = mock.request_history[0].json()["auth"]
    user = auth["identity"]["password"]["user"]
    assert (user["name"], user["password"]) == ("alice", "pw2")
    assert auth["scope"]["project"]["id"] == "p1"


def test_tenant_env_aliases(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    env = {k: v for k, v in DEFAULT_VARS.items() if k != "OS_PROJECT_NAME"}
    env["OS_TENANT_NAME"] = "legacy"
    assert run_cli("flavor-list", env_vars=env).exit_code == 0
    assert mock.request_history[0].json()["auth"]["scope"]["project"]["name"] == "legacy"


def test_admin_token_auth_without_keystone(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    env = {
        "OS_AUTH_TYPE": "admin_token",
        "OS_TOKEN": "admin:admin",
        "OS_ENDPOINT_OVERRIDE": COMPUTE_URL,
    }
    result = run_cli("flavor-list", env_vars=env)
    assert result.exit_code == 0, result.stderr
    assert not any(r.url.startswith(AUTH_URL) for r in mock.request_history)
    assert mock.request_history[-1].headers["X-Auth-Token"] == "admin:admin"


def test_token_and_endpoint_infers_token_endpoint(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    result = run_cli(f"--os-token t1 --os-endpoint-override {COMPUTE_URL} flavor-list", env_vars={})
    assert result.exit_code == 0, result.stderr
    assert mock.request_history[-1].headers["X-Auth-Token"] == "t1"


def test_noauth_needs_endpoint(run_cli):
    result = run_cli("--os-auth-type none flavor-list", env_vars={})
    assert result.exit_code == 1
    assert (
        "--os-auth-type none needs a compute endpoint via --os-endpoint-override" in result.stderr
    )


def test_token_auth(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    env = {"OS_AUTH_URL": AUTH_URL, "OS_TOKEN": "tok-old", "OS_PROJECT_NAME": "admin"}
    result = run_cli("flavor-list", env_vars=env)
    assert result.exit_code == 0, result.stderr
    auth = mock.request_history[0].json()["auth"]
    assert auth["identity"]["methods"] == ["token"]


def test_application_credential_auth(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    env = {
        "OS_AUTH_URL": AUTH_URL,
        "OS_AUTH_TYPE": "v3applicationcredential",
        "OS_APPLICATION_CREDENTIAL_ID": "ac1",
        "OS_APPLICATION_CREDENTIAL_SECRET": "s3cr3t",
    }
    result = run_cli("flavor-list", env_vars=env)
    assert result.exit_code == 0, result.stderr
    identity = mock.request_history[0].json()["auth"]["identity"]
    assert identity["application_credential"] == {"id": "ac1", "secret": "s3cr3t"}


def test_unknown_auth_type(run_cli):
    result = run_cli("--os-auth-type kerberos flavor-list")
    assert result.exit_code == 1 and "Unknown auth type 'kerberos'" in result.stderr


def test_os_cloud_without_openstacksdk(run_cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "openstack", None)
    monkeypatch.setitem(sys.modules, "openstack.config", None)
    result = run_cli("--os-cloud mycloud flavor-list")
    assert result.exit_code == 1
    assert "pip install 'novaclient-lite[cloud-config]'" in result.stderr


def test_unreachable_endpoint(run_cli, monkeypatch):
    monkeypatch.setattr("novaclient_lite.http.RetryPolicy.delay", lambda self, attempt: 0.0)
    env = {
        "OS_AUTH_TYPE": "admin_token",
        "OS_TOKEN": "x",
        "OS_ENDPOINT_OVERRIDE": "http://127.0.0.1:9/v2.1",
    }
    result = run_cli("--timeout 5 flavor-list", env_vars=env)
    assert result.exit_code == 1
    assert result.stderr.startswith("ERROR (ConnectionError): Unable to reach http://127.0.0.1:9")
    assert result.stderr.count("\n") == 1


def test_noauth_needs_no_keystone(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    result = run_cli(
        f"--os-auth-type noauth --os-endpoint-override {COMPUTE_URL} flavor-list", env_vars={}
    )
    assert result.exit_code == 0, result.stderr
    assert mock.last_request.headers["X-Auth-Token"] == "notused"  # keystoneauth1's NoAuth
    assert not any(r.url.startswith(AUTH_URL) for r in mock.request_history)


@pytest.mark.parametrize("value", ["internal", "internalURL"])
def test_interface_and_region_select_the_catalog_endpoint(mock, run_cli, value):
    internal = "http://compute-internal.test/v2.1"
    token = v3_token()
    token.add_service("compute", name="nova2").add_standard_endpoints(
        internal=internal, region="RegionTwo"
    )
    mock.post(
        AUTH_URL + "/auth/tokens", json=token, headers={"X-Subject-Token": TOKEN}, status_code=201
    )
    mock.get(internal + "/", json=version_document())
    mock.get(internal + "/flavors/detail", json={"flavors": []})
    result = run_cli(f"--os-interface {value} --os-region-name RegionTwo flavor-list")
    assert result.exit_code == 0, result.stderr
    assert mock.last_request.url == internal + "/flavors/detail"


def test_os_cloud_uses_clouds_yaml_session(mock, run_cli, monkeypatch):
    import types

    from keystoneauth1 import session as ksa_session
    from keystoneauth1.identity import v3

    seen = {}

    class Region:
        def get_session(self):
            return ksa_session.Session(
                auth=v3.Password(
                    AUTH_URL,
                    username="u",
                    password="p",
                    project_name="admin",
                    user_domain_id="default",
                    project_domain_id="default",
                )
            )

        def get_region_name(self, service):
            return "RegionOne"

        def get_interface(self, service):
            return "public"

        def get_endpoint(self, service):
            return None

    class OpenStackConfig:
        def get_one(self, cloud, region_name=None):
            seen["cloud"] = cloud
            return Region()

    config = types.ModuleType("openstack.config")
    config.OpenStackConfig = OpenStackConfig
    sdk_exceptions = types.ModuleType("openstack.exceptions")
    sdk_exceptions.ConfigException = type("ConfigException", (Exception,), {})
    package = types.ModuleType("openstack")
    package.config, package.exceptions = config, sdk_exceptions
    for name, module in (
        ("openstack", package),
        ("openstack.config", config),
        ("openstack.exceptions", sdk_exceptions),
    ):
        monkeypatch.setitem(sys.modules, name, module)
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    result = run_cli("flavor-list", env_vars={"OS_CLOUD": "devstack"})
    assert result.exit_code == 0, result.stderr
    assert seen == {"cloud": "devstack"}
