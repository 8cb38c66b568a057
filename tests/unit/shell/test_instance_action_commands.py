"""instance-action-list and instance-action."""

from __future__ import annotations

from tests.unit.shell.support import table_header, table_rows
from tests.unit.support import COMPUTE_URL, last_request
from tests.unit.v2.helpers import query_of

SERVER_ID = "9f3c1b7e-5a4d-4e2b-8c6f-1a2b3c4d5e6f"
A = f"{COMPUTE_URL}/servers/{SERVER_ID}/os-instance-actions"
ACTION = {
    "action": "create",
    "request_id": "req-1",
    "message": None,
    "start_time": "2026-01-01T00:00:00.000000",
    "updated_at": "2026-01-01T00:00:05Z",
}


def test_instance_action_list(mock, run_cli):
    mock.get(A, json={"instanceActions": [ACTION]})
    result = run_cli(f"instance-action-list {SERVER_ID} --limit 1")
    assert result.exit_code == 0, result.stderr
    assert table_header(result.stdout) == [
        "Action",
        "Request_ID",
        "Message",
        "Start_Time",
        "Updated_At",
    ]
    assert table_rows(result.stdout)[0][:2] == ["create", "req-1"]
    assert query_of(last_request(mock)) == {"limit": ["1"]}


def test_instance_action_list_limit_needs_2_58(mock, run_cli):
    result = run_cli(f"--os-compute-api-version 2.57 instance-action-list {SERVER_ID} --limit 1")
    assert result.exit_code == 1
    assert "--limit" in result.stderr and "2.58" in result.stderr


def test_instance_action_shows_events(mock, run_cli):
    mock.get(A + "/req-1", json={"instanceAction": {**ACTION, "events": [{"event": "spawn"}]}})
    result = run_cli(f"instance-action {SERVER_ID} req-1 -f json")
    assert result.exit_code == 0, result.stderr
    assert '"event": "spawn"' in result.stdout
