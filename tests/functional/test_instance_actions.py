"""instance-action-list / instance-action against the real nova API."""

from __future__ import annotations

import json

from tests.devcloud import DevCloud
from tests.functional.conftest import NovaCli


def test_boot_then_list_and_show_its_create_action(
    devcloud: DevCloud, noauth_env: dict[str, str], nova_cli: NovaCli
) -> None:
    out, err, code = nova_cli(
        noauth_env,
        [
            "boot",
            "--flavor",
            "m1.tiny",
            "--image",
            devcloud.image_id,
            "--wait",
            "ia-func",
            "-f",
            "json",
        ],
    )
    assert code == 0, err
    server_id = json.loads(out)["id"]
    try:
        out, err, code = nova_cli(noauth_env, ["instance-action-list", server_id, "-f", "json"])
        assert code == 0, err
        actions = json.loads(out)
        assert [a["Action"] for a in actions] == ["create"]
        out, err, code = nova_cli(
            noauth_env, ["instance-action", "ia-func", actions[0]["Request_ID"], "-f", "json"]
        )
        assert code == 0, err
        assert json.loads(out)["action"] == "create"
        assert json.loads(out)["events"], "an admin sees the action's events"
    finally:
        nova_cli(noauth_env, ["delete", server_id])
