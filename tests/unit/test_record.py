"""novaclient_lite._record behaves as dataclasses does, for what the package uses."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

import pytest

from novaclient_lite import _record


def build(mod: Any) -> dict[str, type]:
    @mod.dataclass(frozen=True, order=True)
    class Version:
        major: int
        minor: int

    @mod.dataclass
    class Plain:
        kind: ClassVar[str] = "plain"
        a: int
        b: str = "x"
        c: list[int] = mod.field(default_factory=list)

        def __post_init__(self) -> None:
            self.post = True

    @mod.dataclass(frozen=True)
    class Frozen:
        name: str
        extra: dict[str, Any] | None = None

    return {"Version": Version, "Plain": Plain, "Frozen": Frozen}


REAL, OURS = build(dataclasses), build(_record)


def both(name: str) -> list[type]:
    return [REAL[name], OURS[name]]


@pytest.mark.parametrize("cls", both("Version"))
def test_frozen_ordered(cls: type) -> None:
    a, b = cls(2, 1), cls(2, 45)
    assert a < b <= cls(2, 45) and b > a >= cls(2, 1) and a == cls(2, 1) and a != b
    assert sorted([b, a]) == [a, b] and max(a, b) == b
    assert hash(a) == hash(cls(2, 1)) and len({a, cls(2, 1), b}) == 2
    assert repr(a) == f"{cls.__qualname__}(major=2, minor=1)"
    assert cls(major=2, minor=3).minor == 3
    with pytest.raises(AttributeError):
        a.major = 3
    with pytest.raises(TypeError):
        cls(2)
    with pytest.raises(TypeError):
        _ = a < (2, 1)
    assert (a == (2, 1)) is False


@pytest.mark.parametrize("cls", both("Plain"))
def test_defaults_factory_post_init_classvar(cls: type) -> None:
    one, two = cls(1), cls(1)
    assert (one.a, one.b, one.c, one.post, cls.kind) == (1, "x", [], True, "plain")
    assert one.c is not two.c
    assert one == two and one != cls(1, "y")
    one.a = 5
    assert one.a == 5
    assert cls.__hash__ is None
    with pytest.raises(TypeError):
        hash(one)
    assert repr(cls(1, c=[2])).endswith("(a=1, b='x', c=[2])")
    assert cls(a=1, b="z", c=[1]).c == [1]
    with pytest.raises(TypeError):
        cls(1, "x", [], "extra")
    with pytest.raises(TypeError):
        cls(1, nope=2)


@pytest.mark.parametrize("cls", both("Frozen"))
def test_frozen_defaults(cls: type) -> None:
    item = cls("n")
    assert item.extra is None and item == cls("n", None) and item != cls("m")
    with pytest.raises(AttributeError):
        del item.name


def test_same_errors_and_signatures() -> None:
    import inspect

    for name in REAL:
        real, ours = inspect.signature(REAL[name]), inspect.signature(OURS[name])
        assert [(p.name, p.kind) for p in real.parameters.values()] == \
            [(p.name, p.kind) for p in ours.parameters.values()]
    assert issubclass(_record.FrozenInstanceError, AttributeError)
    with pytest.raises(TypeError):
        @_record.dataclass
        class Bad:
            a: int = 1
            b: int


def test_package_does_not_import_dataclasses() -> None:
    import subprocess
    import sys

    code = ("import sys; from novaclient_lite.shell import main; "
            "from novaclient_lite.shell import connect, token_cache; "
            "from novaclient_lite import http, api_versions, client; "
            "import novaclient_lite.v2.client; "
            "print('dataclasses' in sys.modules, 'inspect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
