"""find_resource: the one place for name-or-ID rules."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from novaclient_lite import exceptions
from novaclient_lite.base import Resource
from novaclient_lite.find import find_resource, looks_like_uuid

UUID = "9f3c1b7e-5a4d-4e2b-8c6f-1a2b3c4d5e6f"


class Calls:
    def __init__(self, by_id: dict[str, Resource], listing: list[Resource]) -> None:
        self.by_id, self.listing = by_id, listing
        self.gets: list[str] = []
        self.lists: list[str] = []

    def get(self, value: str) -> Resource:
        self.gets.append(value)
        if value not in self.by_id:
            raise exceptions.NotFound("nope", code=404)
        return self.by_id[value]

    def list_by_name(self, name: str) -> Iterable[Resource]:
        self.lists.append(name)
        return self.listing


def r(rid: str, name: str) -> Resource:
    return Resource(None, {"id": rid, "name": name})


def test_found_by_id_without_listing() -> None:
    calls = Calls({UUID: r(UUID, "vm")}, [])
    assert (
        find_resource(UUID, kind="server", get=calls.get, list_by_name=calls.list_by_name).id
        == UUID
    )
    assert calls.lists == []


def test_unique_name() -> None:
    calls = Calls({}, [r("1", "vm"), r("2", "vm-2")])
    assert (
        find_resource("vm", kind="server", get=calls.get, list_by_name=calls.list_by_name).id == "1"
    )
    assert calls.gets == ["vm"] and calls.lists == ["vm"]


def test_none() -> None:
    calls = Calls({}, [r("1", "vmx")])
    with pytest.raises(exceptions.ResourceNotFound) as info:
        find_resource("x", kind="server", get=calls.get, list_by_name=calls.list_by_name)
    assert str(info.value) == "No server with a name or ID of 'x' exists."
    assert info.value.code is None  # the listing answered 200: no 404 happened
    assert isinstance(info.value, exceptions.NotFound)


def test_several() -> None:
    calls = Calls({}, [r("1", "x"), r("2", "x")])
    with pytest.raises(exceptions.NoUniqueMatch) as info:
        find_resource("x", kind="server", get=calls.get, list_by_name=calls.list_by_name)
    assert (
        info.value.message
        == "Multiple server matches found for 'x', use an ID to be more specific."
    )


def test_id_is_uuid_skips_the_get_for_names() -> None:
    calls = Calls({}, [r("1", "vm")])
    find_resource(
        "vm", kind="server", get=calls.get, list_by_name=calls.list_by_name, id_is_uuid=True
    )
    assert calls.gets == []


def test_no_get_and_custom_name_attr() -> None:
    item = Resource(None, {"zoneName": "nova"})
    found = find_resource(
        "nova", kind="zone", get=None, list_by_name=lambda _n: [item], name_attr="zoneName"
    )
    assert found is item


def test_other_errors_from_get_propagate() -> None:
    def get(_value: str) -> Resource:
        raise exceptions.Forbidden("no", code=403)

    with pytest.raises(exceptions.Forbidden):
        find_resource("vm", kind="server", get=get, list_by_name=lambda _n: [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (UUID, True),
        (UUID.replace("-", ""), True),
        (UUID.upper(), True),
        ("vm1", False),
        (UUID[:-1], False),
        ("", False),
    ],
)
def test_looks_like_uuid(value: str, expected: bool) -> None:
    assert looks_like_uuid(value) is expected
