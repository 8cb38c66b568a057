"""``Value`` and ``FrozenValue``: the base of the package's small record classes.

Equality, a repr and ``replace`` from ``__slots__``: all the package used
dataclasses for.  ``dataclasses`` imports ``inspect`` (with ``ast``, ``dis``
and ``tokenize``) and builds each class's methods with ``exec``; every
command's start-up paid for that before any request was sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # NOTE: a TypeVar bound to "Value" would compile a ForwardRef at import
    from typing import Self


def _fields(cls: type) -> tuple[str, ...]:
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        names.extend(klass.__dict__.get("__slots__", ()))
    return tuple(names)


class Value:
    """Compares equal by its slots, shows them in its repr, and is not hashable."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # mutable, like a plain @dataclass

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _fields(type(self)))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Value)
        return self._values() == other._values()

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in _fields(type(self)))
        return f"{type(self).__qualname__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` (``dataclasses.replace`` without running ``__init__``)."""
        new = object.__new__(type(self))
        for name in _fields(type(self)):
            object.__setattr__(
                new, name, changes.pop(name) if name in changes else getattr(self, name)
            )
        if changes:
            raise TypeError(f"{type(self).__name__} has no field {sorted(changes)[0]!r}")
        return new


class FrozenValue(Value):
    """A Value that is hashable and refuses assignment: ``__init__`` sets the fields
    with ``self._set(name=value, ...)``."""

    __slots__ = ()

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of {type(self).__name__}")
