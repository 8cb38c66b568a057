"""``nova list``'s rows: the default columns' small row must agree with the full one."""

from __future__ import annotations

from typing import Any

import pytest

from novaclient_lite.shell.v2._server_list import list_row, summary_row
from novaclient_lite.v2.servers import Server

#: The row keys the default columns (and Tenant ID, Updated) read.
DEFAULT_KEYS = ("id", "name", "status", "tenant_id", "updated", "task_state", "power_state")

DOCS: dict[str, dict[str, Any]] = {
    "extension keys": {
        "id": "s1",
        "name": "web",
        "status": "ACTIVE",
        "tenant_id": "p1",
        "updated": "2026-12-01T10:00:00Z",
        "OS-EXT-STS:task_state": None,
        "OS-EXT-STS:power_state": 1,
        "addresses": {
            "zeta": [{"addr": "10.0.0.9"}],
            "alpha": [{"addr": "10.1.0.1"}, {"addr": "fd00::1"}],
        },
    },
    "short names win": {
        "id": "s2",
        "name": "db",
        "status": "SHUTOFF",
        "task_state": "powering-on",
        "OS-EXT-STS:task_state": "ignored",
        "power_state": 4,
        "OS-EXT-STS:power_state": 1,
    },
    "bare document": {"id": "s3"},
    "power state out of range": {"id": "s4", "OS-EXT-STS:power_state": 9},
    "power state as text": {"id": "s5", "OS-EXT-STS:power_state": "1"},
    "odd addresses": {
        "id": "s6",
        "addresses": {"empty": [], "mixed": ["junk", {"addr": "10.0.0.2"}, {"no": "addr"}]},
    },
}


@pytest.mark.parametrize("doc", DOCS.values(), ids=list(DOCS))
def test_summary_row_has_the_full_rows_values(doc: dict[str, Any]) -> None:
    full = list_row(Server(None, doc))
    small = summary_row(Server(None, doc))
    assert small == {k: full[k] for k in (*DEFAULT_KEYS, "networks") if k in full}


def test_rows_spell_states_and_networks_as_python_novaclient() -> None:
    row = summary_row(Server(None, DOCS["extension keys"]))
    assert (row["task_state"], row["power_state"]) == (None, "Running")
    assert row["networks"] == "alpha=10.1.0.1, fd00::1; zeta=10.0.0.9"
    bare = summary_row(Server(None, DOCS["bare document"]))
    assert bare == {"id": "s3", "task_state": "N/A", "power_state": "N/A", "networks": ""}
    odd = summary_row(Server(None, DOCS["odd addresses"]))
    assert odd["networks"] == "mixed=10.0.0.2, None"


def test_rows_leave_the_document_unchanged() -> None:
    doc = {"id": "s1", "OS-EXT-STS:power_state": 1, "flavor": {"original_name": "m1"}}
    before = repr(doc)
    list_row(Server(None, doc))
    summary_row(Server(None, doc))
    assert repr(doc) == before
