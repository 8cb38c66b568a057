"""AggregateManager: the exact requests, the lookups and the 2.81 gate of cache_images."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.aggregates import Aggregate
from novaclient_lite.v2.client import Client
from tests.unit.v2.bodies_admin import AGG_URL, AGG_UUID, aggregate
from tests.unit.v2.helpers import IMAGE_ID, assert_version, body_of, nothing_sent, only_request

MakeClient = Callable[..., Client]


def test_list_and_get(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    listed = mock.get(AGG_URL, json={"aggregates": [aggregate()]})
    got = mock.get(AGG_URL + "/1", json={"aggregate": aggregate()})
    cs = make_client("2.41")
    assert [(a.id, a.name, a.uuid) for a in cs.aggregates.list()] == [(1, "agg1", AGG_UUID)]
    assert cs.aggregates.get_details(1).hosts == ["compute1"]
    assert_version(only_request(listed), "2.41")
    assert_version(only_request(got), "2.41")


def test_find_by_name_never_sends_the_name_as_an_id(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    by_id = mock.get(AGG_URL + "/agg1", status_code=400)
    other = aggregate(id=2, name="other", uuid="0" * 32)
    mock.get(AGG_URL, json={"aggregates": [aggregate(), other]})
    cs = make_client()
    assert cs.aggregates.find("agg1").id == 1
    assert cs.aggregates.find(AGG_UUID).id == 1
    assert not by_id.called


def test_find_by_id_is_one_get(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    got = mock.get(AGG_URL + "/7", json={"aggregate": aggregate(id=7)})
    assert make_client().aggregates.find("7").id == 7
    only_request(got)


def test_find_nothing(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    mock.get(AGG_URL, json={"aggregates": [aggregate()]})
    with pytest.raises(exceptions.ResourceNotFound) as info:
        make_client().aggregates.find("ghost")
    assert str(info.value) == "No aggregate with a name or ID of 'ghost' exists."


def test_create_sends_name_and_zone(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    post = mock.post(AGG_URL, json={"aggregate": aggregate()})
    cs = make_client("2.1")
    assert cs.aggregates.create("agg1", "az1").id == 1
    assert body_of(only_request(post)) == {
        "aggregate": {"name": "agg1", "availability_zone": "az1"}
    }
    cs.aggregates.create("agg2")
    assert body_of(post.last_request) == {"aggregate": {"name": "agg2", "availability_zone": None}}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda cs: cs.aggregates.create(""),
            "Aggregate name must be 1 to 255 characters; got ''.",
        ),
        (
            lambda cs: cs.aggregates.update(1, {}),
            "Aggregate update must be name and/or availability_zone; got 'nothing'.",
        ),
        (
            lambda cs: cs.aggregates.update(1, {"hosts": ["x"]}),
            "Aggregate update must be name and/or availability_zone; got 'hosts'.",
        ),
        (lambda cs: cs.aggregates.add_host(1, " "), "Host must be 1 to 255 characters; got ' '."),
        (
            lambda cs: cs.aggregates.set_metadata(1, {}),
            "Aggregate metadata must be at least one key.",
        ),
    ],
)
def test_bad_input_sends_nothing(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    call: Callable[[Client], object],
    message: str,
) -> None:
    cs = make_client()
    with pytest.raises(exceptions.ValidationError) as info:
        call(cs)
    assert str(info.value) == message
    nothing_sent(mock)


def test_update_puts_the_values(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    put = mock.put(AGG_URL + "/1", json={"aggregate": aggregate(name="new")})
    assert make_client().aggregates.update(1, {"name": "new"}).name == "new"
    assert body_of(only_request(put)) == {"aggregate": {"name": "new"}}


def test_actions(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    action = mock.post(AGG_URL + "/1/action", json={"aggregate": aggregate()})
    cs = make_client()
    cs.aggregates.add_host(1, "compute2")
    assert body_of(action.last_request) == {"add_host": {"host": "compute2"}}
    cs.aggregates.remove_host(Aggregate(None, aggregate()), "compute1")
    assert action.last_request.path == "/v2.1/os-aggregates/1/action"
    assert body_of(action.last_request) == {"remove_host": {"host": "compute1"}}
    cs.aggregates.set_metadata(1, {"ssd": "false", "old": None})
    assert body_of(action.last_request) == {
        "set_metadata": {"metadata": {"ssd": "false", "old": None}}
    }
    assert action.call_count == 3


def test_delete(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    delete = mock.delete(AGG_URL + "/1", status_code=200, headers={"x-openstack-request-id": "r"})
    assert make_client().aggregates.delete(1) == ["r"]
    only_request(delete)


def test_cache_images_from_2_81(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    post = mock.post(AGG_URL + "/1/images", status_code=202)
    make_client("2.81").aggregates.cache_images(1, [IMAGE_ID])
    request = only_request(post)
    assert body_of(request) == {"cache": [{"id": IMAGE_ID}]}
    assert_version(request, "2.81")


def test_cache_images_refused_before_2_81(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client("2.80").aggregates.cache_images(1, [IMAGE_ID])
    assert str(info.value) == (
        "'cache_images' needs compute API microversion 2.81 or later. This session uses 2.80."
    )
    nothing_sent(mock)


def test_iter_is_lazy(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(AGG_URL, json={"aggregates": [aggregate()]})
    listing = make_client().aggregates.iter()
    assert not get.called
    assert [a.id for a in listing] == [1]
    only_request(get)
