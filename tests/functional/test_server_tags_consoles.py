"""Server tags and console URLs through ``nova`` against the real Nova (one server).

The dev cloud turns on VNC, SPICE, serial and MKS consoles
(``server_nova.enable_consoles``); the fake driver answers with fake hosts and
nova-api hands out real token URLs.  RDP is gone from Nova 34 (removed in
29.0.0): its commands show Nova's own refusal in one line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.devcloud import DevCloud
from tests.functional.conftest import Cli
from tests.functional.conftest import unique as name


@pytest.fixture(scope="module")
def server(admin_cs: Any, devcloud: DevCloud, wait_server: Any) -> Iterator[Any]:
    created = admin_cs.servers.create(name("tagcon"), devcloud.image_id, "1", networks="none")
    yield wait_server(created.id)
    admin_cs.servers.delete(created.id)


def test_tags_add_set_filter_delete(
    cli: Cli, noauth_env: dict[str, str], server: Any, admin_cs: Any
) -> None:
    out = cli.ok(noauth_env, "server-tag-add", server.name, "db", "web tier")
    assert out.splitlines() == [
        "Request to add tag db to specified server has been accepted.",
        "Request to add tag web tier to specified server has been accepted.",
    ]
    rows = cli.json(noauth_env, "server-tag-list", server.id)
    assert sorted(row["Tag"] for row in rows) == ["db", "web tier"]
    cli.ok(noauth_env, "server-tag-set", server.id, "x" * 60, "prod")
    assert sorted(admin_cs.servers.tag_list(server.id)) == ["prod", "x" * 60]
    listed = cli.json(noauth_env, "list", "--tags", "prod", "-c", "ID")
    assert [row["ID"] for row in listed] == [server.id]
    out = cli.ok(noauth_env, "server-tag-delete", server.id, "prod")
    assert out == "Request to delete tag prod from specified server has been accepted.\n"
    assert admin_cs.servers.tag_list(server.id) == ["x" * 60]
    cli.ok(noauth_env, "server-tag-delete-all", server.id)
    assert admin_cs.servers.tag_list(server.id) == []


def test_tags_nova_refuses_are_refused_here_and_old_versions_are_told(
    cli: Cli, noauth_env: dict[str, str], server: Any
) -> None:
    line = cli.fail(noauth_env, "server-tag-add", server.id, "a/b")
    assert line == (
        "ERROR (ValidationError): tag must be a non empty string of at most 60 characters "
        "without characters '/' and ','; got 'a/b'."
    )
    line = cli.fail(noauth_env, "server-tag-delete", server.id, "missing")
    assert line.startswith("ERROR (NotFound): ") and line.endswith(" for missing")
    line = cli.fail(noauth_env, "--os-compute-api-version", "2.25", "server-tag-list", server.id)
    assert "2.26" in line


def console(cli: Cli, env: dict[str, str], *argv: str) -> tuple[str, str]:
    (row,) = cli.json(env, *argv)
    return row["Type"], row["Url"]


@pytest.mark.parametrize(
    ("argv", "console_type", "scheme"),
    [
        (("get-vnc-console", "{id}", "novnc"), "novnc", "http"),
        (("get-spice-console", "{id}", "spice-html5"), "spice-html5", "http"),
        (("get-serial-console", "{id}"), "serial", "ws"),
        (("get-mks-console", "{id}"), "webmks", "http"),
        (("--os-compute-api-version", "2.5", "get-vnc-console", "{id}", "novnc"), "novnc", "http"),
    ],
)
def test_each_console_gives_a_token_url(
    cli: Cli,
    noauth_env: dict[str, str],
    server: Any,
    argv: tuple[str, ...],
    console_type: str,
    scheme: str,
) -> None:
    got_type, url = console(cli, noauth_env, *(a.format(id=server.id) for a in argv))
    assert got_type == console_type
    assert url.startswith(scheme + "://") and "token" in url


def test_removed_and_unavailable_console_types_show_novas_answer(
    cli: Cli, noauth_env: dict[str, str], server: Any
) -> None:
    # NOTE: Nova 34 refuses rdp with webob's generic 400 text (its own "Unavailable
    # console type rdp." is passed where webob expects the detail, not the explanation).
    line = cli.fail(noauth_env, "get-rdp-console", server.id, "rdp-html5")
    assert line.startswith("ERROR (BadRequest): The server could not comply with the request")
    assert "(HTTP 400)" in line
    line = cli.fail(noauth_env, "get-vnc-console", server.id, "xvpvnc")
    assert line.startswith("ERROR (BadRequest): ") and "xvpvnc" in line
    old = cli.fail(
        noauth_env, "--os-compute-api-version", "2.5", "get-rdp-console", server.id, "rdp-html5"
    )
    assert old.startswith("ERROR (BadRequest): The server could not comply with the request")


def test_the_console_url_never_reaches_the_debug_log(
    nova_cli: Any, noauth_env: dict[str, str], server: Any
) -> None:
    out, err, code = nova_cli(
        noauth_env, ["--debug", "get-vnc-console", server.id, "novnc", "-f", "json"]
    )
    assert code == 0, err
    url = json.loads(out)[0]["Url"]
    found = re.search(r"token(?:=|%3D)([0-9a-zA-Z_-]{16,})", url)
    assert found, url
    token = found.group(1)
    assert "remote-consoles" in err
    assert token not in err
