"""AgentsManager: Nova removed os-agents; one clear error (APIRemoved), nothing sent to a
2.88+ Nova."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.agents import REMOVED
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL, version_document
from tests.unit.v2.helpers import nothing_sent

MakeClient = Callable[..., Client]
CALLS: list[Callable[[Client], Any]] = [
    lambda cs: cs.agents.list(),
    lambda cs: cs.agents.list("xen"),
    lambda cs: cs.agents.create("linux", "x86", "1", "http://a", "abc", "xen"),
    lambda cs: cs.agents.update("1", "2", "http://a", "abc"),
    lambda cs: cs.agents.delete("1"),
]


@pytest.mark.parametrize("newest", ["2.88", "2.104"])
@pytest.mark.parametrize("call", CALLS)
def test_a_new_nova_is_not_asked(
    mock: requests_mock.Mocker, make_client: MakeClient, call: Callable[[Client], Any], newest: str
) -> None:
    mock.get(COMPUTE_URL + "/", json=version_document(newest))
    with pytest.raises(exceptions.APIRemoved) as info:
        call(make_client("2.1"))  # the session's version does not matter; the server's does
    assert (str(info.value), info.value.code) == (REMOVED, None)  # no 410 was answered
    assert "22.0.0 (Victoria)" in REMOVED
    nothing_sent(mock)


@pytest.mark.parametrize("call", CALLS)
def test_an_old_nova_is_asked_and_its_410_explained(
    mock: requests_mock.Mocker, make_client: MakeClient, call: Callable[[Client], Any]
) -> None:
    mock.get(COMPUTE_URL + "/", json=version_document("2.87"))
    fault = {"json": {"computeFault": {"code": 410, "message": "Gone"}}, "status_code": 410}
    gone = [
        mock.register_uri(method, COMPUTE_URL + path, **fault)
        for method, path in (
            ("GET", "/os-agents"),
            ("POST", "/os-agents"),
            ("PUT", "/os-agents/1"),
            ("DELETE", "/os-agents/1"),
        )
    ]
    with pytest.raises(exceptions.Gone) as info:
        call(make_client("2.87"))
    assert isinstance(info.value, exceptions.APIRemoved)
    assert str(info.value) == f"{REMOVED} (HTTP 410)"
    assert sum(m.call_count for m in gone) == 1


def test_an_old_nova_that_still_has_it_answers(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    mock.get(COMPUTE_URL + "/", json=version_document("2.60"))
    mock.get(
        COMPUTE_URL + "/os-agents",
        status_code=403,
        json={"forbidden": {"code": 403, "message": "Policy doesn't allow it"}},
    )
    with pytest.raises(exceptions.Forbidden):
        make_client("2.60").agents.list()
