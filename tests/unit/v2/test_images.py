"""cs.glance at the HTTP boundary: the Image API (Glance v2) found through the catalog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.images import Image
from tests.unit.service_catalog import (
    IMAGE_URL,
    assert_no_microversion,
    sent_to,
    use_catalog,
)
from tests.unit.support import COMPUTE_URL, TOKEN
from tests.unit.v2.helpers import IMAGE_ID, only_request, query_of
from tests.unit.v2.image_helpers import (
    IMAGES,
    OTHER_ID,
    admin_token_client,
    image,
)

MakeClient = Callable[..., Client]


@pytest.fixture
def cs(mock: requests_mock.Mocker, make_client: MakeClient) -> Client:
    use_catalog(mock)
    return make_client()


# -- find_image -------------------------------------------------------------------------


def test_find_by_uuid_sends_nothing(mock: requests_mock.Mocker, cs: Client) -> None:
    found = cs.glance.find_image(IMAGE_ID)
    assert isinstance(found, Image) and found.id == IMAGE_ID
    assert mock.request_history == []  # not even the login


def test_find_by_uuid_needs_no_image_service(mock: requests_mock.Mocker) -> None:
    assert admin_token_client().glance.find_image(IMAGE_ID).id == IMAGE_ID
    assert mock.request_history == []


def test_find_by_name_is_one_request(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(IMAGES, json={"images": [image()], "first": "/v2/images"})
    found = cs.glance.find_image("cirros")
    req = only_request(matcher)
    assert query_of(req) == {"name": ["cirros"]}
    assert req.headers["X-Auth-Token"] == TOKEN
    assert_no_microversion(req)
    assert found.id == IMAGE_ID and found.status == "active"
    assert len(sent_to(mock, IMAGE_URL)) == 1
    assert sent_to(mock, COMPUTE_URL) == []  # neither the compute proxy nor its discovery


def test_find_name_with_spaces_is_sent_as_is(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(IMAGES, json={"images": [image(name="Ubuntu 24.04 & co")]})
    assert cs.glance.find_image("Ubuntu 24.04 & co").id == IMAGE_ID
    assert query_of(only_request(matcher)) == {"name": ["Ubuntu 24.04 & co"]}


def test_find_ambiguous_name(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(IMAGES, json={"images": [image(), image(OTHER_ID)]})
    with pytest.raises(exceptions.NoUniqueMatch) as err:
        cs.glance.find_image("cirros")
    assert str(err.value) == "Multiple images match 'cirros'; use an ID."
    assert matcher.call_count == 1


def test_find_unknown_name(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(IMAGES, json={"images": []})
    with pytest.raises(exceptions.ResourceNotFound) as err:
        cs.glance.find_image("nope")
    assert err.value.message == "No image with a name or ID of 'nope' exists."
    assert matcher.call_count == 1


def test_find_keeps_exact_names_only(mock: requests_mock.Mocker, cs: Client) -> None:
    # A proxy that ignores the filter must not turn "cirros" into "cirros-0.6".
    mock.get(IMAGES, json={"images": [image(OTHER_ID, "cirros-0.6"), image()]})
    assert cs.glance.find_image("cirros").id == IMAGE_ID


@pytest.mark.parametrize("bad", ["", "   ", "x" * 256])
def test_find_refuses_blank_names(mock: requests_mock.Mocker, cs: Client, bad: str) -> None:
    with pytest.raises(exceptions.ValidationError, match="^image must be 1 to 255 characters"):
        cs.glance.find_image(bad)
    assert mock.request_history == []


def test_find_with_a_malformed_answer(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(IMAGES, json={"image": []})
    with pytest.raises(exceptions.InvalidResponse, match="'images'"):
        cs.glance.find_image("cirros")


# -- get --------------------------------------------------------------------------------


def test_get_reads_the_bare_record(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(
        f"{IMAGES}/{IMAGE_ID}",
        json=image(description="nightly"),
        headers={"x-openstack-request-id": "req-1"},
    )
    got = cs.glance.get(IMAGE_ID)
    assert_no_microversion(only_request(matcher))
    assert (got.name, got.description, got.request_ids) == ("cirros", "nightly", ["req-1"])
    assert cs.glance.get(got) == got  # a resource is accepted too


def test_get_missing_image_is_not_found(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(f"{IMAGES}/{IMAGE_ID}", status_code=404, text="<html>No image found</html>")
    with pytest.raises(exceptions.NotFound, match="No image found"):
        cs.glance.get(IMAGE_ID)


# -- list: every page, following "next" ---------------------------------------------------


def test_list_follows_next_links(mock: requests_mock.Mocker, cs: Client) -> None:
    first = {
        "images": [image(), image(OTHER_ID, "b")],
        "first": "/v2/images?limit=2",
        "next": f"/v2/images?limit=2&marker={OTHER_ID}",
    }
    last = {"images": [image("c", "c")], "first": "/v2/images?limit=2"}
    matcher = mock.get(
        IMAGES,
        [
            {"json": first, "headers": {"x-openstack-request-id": "r1"}},
            {"json": last, "headers": {"x-openstack-request-id": "r2"}},
        ],
    )
    result = cs.glance.list(page_size=2)
    assert [i.id for i in result] == [IMAGE_ID, OTHER_ID, "c"]
    assert result.request_ids == ["r1", "r2"]
    assert [query_of(r) for r in matcher.request_history] == [
        {"limit": ["2"]},
        {"limit": ["2"], "marker": [OTHER_ID]},
    ]


def test_list_without_arguments_sends_no_query(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(IMAGES, json={"images": [image()]})
    assert [i.name for i in cs.glance.list()] == ["cirros"]
    assert query_of(only_request(matcher)) == {}


def test_list_filters(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(IMAGES, json={"images": []})
    cs.glance.list(name="cirros", filters={"status": "active", "visibility": None})
    assert query_of(only_request(matcher)) == {"name": ["cirros"], "status": ["active"]}


def test_iter_is_lazy(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(IMAGES, json={"images": [image()], "next": "/v2/images?marker=x"})
    assert next(cs.glance.iter()).id == IMAGE_ID
    assert matcher.call_count == 1


def test_list_stops_on_a_paging_loop(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(IMAGES, json={"images": [image()], "next": "/v2/images?marker=x"})
    with pytest.raises(exceptions.InvalidResponse, match="repeats itself while paging"):
        cs.glance.list()


def test_list_stops_when_pages_repeat_items(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(
        IMAGES,
        [
            {"json": {"images": [image()], "next": "/v2/images?marker=a"}},
            {"json": {"images": [image()], "next": "/v2/images?marker=b"}},
        ],
    )
    with pytest.raises(exceptions.InvalidResponse, match="marker=b"):
        cs.glance.list()
    assert matcher.call_count == 2


def test_list_drops_items_a_page_repeats(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        IMAGES,
        [
            {"json": {"images": [image("a"), image("b")], "next": "/v2/images?m=b"}},
            {"json": {"images": [image("b"), image("c")]}},
        ],
    )
    assert [i.id for i in cs.glance.list()] == ["a", "b", "c"]


def test_list_stops_when_a_next_link_repeats(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(
        IMAGES,
        [
            {"json": {"images": [image()], "next": "/v2/images?marker=a"}},
            {"json": {"images": [image("b")], "next": "/v2/images?marker=a"}},
            {"json": {"images": [image("c")], "next": "/v2/images?marker=a"}},
        ],
    )
    with pytest.raises(exceptions.InvalidResponse, match="marker=a"):
        cs.glance.list()
    assert matcher.call_count == 2


def test_list_stops_on_an_empty_page(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(
        IMAGES,
        [
            {"json": {"images": [image()], "next": "/v2/images?marker=a"}},
            {"json": {"images": [], "next": "/v2/images?marker=b"}},
        ],
    )
    assert len(cs.glance.list()) == 1 and matcher.call_count == 2


@pytest.mark.parametrize("bad", [0, -1, True, "2"])
def test_list_refuses_bad_page_size(mock: requests_mock.Mocker, cs: Client, bad: Any) -> None:
    with pytest.raises(exceptions.ValidationError, match="^page_size must be a positive integer"):
        cs.glance.list(page_size=bad)
    assert mock.request_history == []


# -- find_image_with (boot --image-with) -----------------------------------------------------


def test_find_image_with_properties(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(
        IMAGES,
        json={
            "images": [
                image(os_distro="ubuntu", os_version="24.04"),
                image(OTHER_ID, "other", os_distro="ubuntu", os_version="22.04"),
            ]
        },
    )
    found = cs.glance.find_image_with({"os_distro": "ubuntu", "os_version": "24.04"})
    assert found.id == IMAGE_ID
    assert query_of(only_request(matcher)) == {"os_distro": ["ubuntu"], "os_version": ["24.04"]}


def test_find_image_with_compares_as_strings(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(IMAGES, json={"images": [image(hw_cpu_cores=4)]})
    assert cs.glance.find_image_with({"hw_cpu_cores": "4"}).id == IMAGE_ID


def test_find_image_with_none_or_several(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        IMAGES,
        [{"json": {"images": []}}, {"json": {"images": [image(a="1"), image(OTHER_ID, a="1")]}}],
    )
    with pytest.raises(exceptions.ResourceNotFound, match="^No image has the properties a=1."):
        cs.glance.find_image_with({"a": "1"})
    with pytest.raises(exceptions.NoUniqueMatch) as err:
        cs.glance.find_image_with({"a": "1"})
    assert str(err.value) == "Multiple images have the properties a=1; use an image ID."


def test_find_image_with_nothing(mock: requests_mock.Mocker, cs: Client) -> None:
    with pytest.raises(exceptions.ValidationError, match="^image properties must be"):
        cs.glance.find_image_with({})
    assert mock.request_history == []
