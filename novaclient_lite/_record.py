"""``dataclass`` and ``field`` without importing :mod:`dataclasses` (start-up time).

``import dataclasses`` imports :mod:`inspect` (and ast, dis, tokenize...): about
6 ms, plus ~0.3 ms per decorated class, on every ``nova`` command.  This covers
exactly what the package uses: ``@dataclass``, ``@dataclass(frozen=True)``,
``@dataclass(frozen=True, order=True)``, defaults, ``field(default_factory=...)``,
``ClassVar`` annotations and ``__post_init__``, with the same semantics
(field-wise ``__eq__`` between instances of the same class, ``__hash__`` for
frozen classes and ``None`` otherwise, ``FrozenInstanceError`` on assignment,
tuple ordering).  Modules import it as::

    if TYPE_CHECKING:
        from dataclasses import dataclass, field
    else:
        from novaclient_lite._record import dataclass, field

so type checkers see the real thing.  tests/unit/test_record.py compares both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_MISSING: Any = type("_MISSING", (), {"__repr__": lambda self: "<missing>"})()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record (as ``dataclasses.FrozenInstanceError``)."""


class _Field:
    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Any) -> None:
        self.default = default
        self.default_factory = default_factory


def field(*, default: Any = _MISSING, default_factory: Any = _MISSING) -> Any:
    """A field with a default or a default factory."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return _Field(default, default_factory)


def dataclass(cls: type | None = None, /, *, frozen: bool = False,
              order: bool = False) -> Any:
    """Add ``__init__``, ``__repr__``, ``__eq__`` (and ordering, frozenness) to ``cls``."""

    def wrap(klass: type) -> type:
        return _process(klass, frozen, order)

    return wrap if cls is None else wrap(cls)


def _is_classvar(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar", "t.ClassVar"))


def _process(cls: type, frozen: bool, order: bool) -> type:
    fields: dict[str, _Field] = {}
    for base in reversed(cls.__mro__[1:]):
        fields.update(getattr(base, "__record_fields__", {}))
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_classvar(annotation):
            continue
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, _Field) else _Field(value, _MISSING)
        if isinstance(value, _Field):
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        fields.pop(name, None)
        fields[name] = spec
    seen_default = False
    for name, spec in fields.items():
        if spec.default is not _MISSING or spec.default_factory is not _MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {name!r} follows default argument")
    cls.__record_fields__ = fields  # type: ignore[attr-defined]
    names = tuple(fields)
    _set(cls, "__init__", _make_init(cls, fields, frozen))
    _set(cls, "__repr__", _make_repr(names))
    _set(cls, "__eq__", _make_compare(names, lambda a, b: a == b))
    if order:
        for op, fn in (("__lt__", lambda a, b: a < b), ("__le__", lambda a, b: a <= b),
                       ("__gt__", lambda a, b: a > b), ("__ge__", lambda a, b: a >= b)):
            _set(cls, op, _make_compare(names, fn))
    if frozen:
        def __setattr__(self: Any, name: str, value: Any) -> None:  # noqa: N807
            if type(self) is cls or name in fields:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

        def __delattr__(self: Any, name: str) -> None:  # noqa: N807
            if type(self) is cls or name in fields:
                raise FrozenInstanceError(f"cannot delete field {name!r}")
            super(cls, self).__delattr__(name)  # type: ignore[arg-type]

        _set(cls, "__setattr__", __setattr__)
        _set(cls, "__delattr__", __delattr__)
        _set(cls, "__hash__", lambda self: hash(tuple(getattr(self, n) for n in names)))
    elif "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:
        cls.__hash__ = None  # type: ignore[assignment]  # eq without frozen: unhashable
    return cls


def _set(cls: type, name: str, fn: Callable[..., Any]) -> None:
    fn.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, fn)


def _make_init(cls: type, fields: dict[str, _Field], frozen: bool) -> Callable[..., Any]:
    """An ``__init__`` with the fields as parameters (generated, as dataclasses does)."""
    params, lines = [], []
    scope: dict[str, Any] = {"_MISSING": _MISSING, "_setattr": object.__setattr__}
    for name, spec in fields.items():
        if spec.default_factory is not _MISSING:
            scope[f"_factory_{name}"] = spec.default_factory
            params.append(f"{name}=_MISSING")
            lines.append(f"    if {name} is _MISSING: {name} = _factory_{name}()")
        elif spec.default is not _MISSING:
            scope[f"_default_{name}"] = spec.default
            params.append(f"{name}=_default_{name}")
        else:
            params.append(name)
    for name in fields:
        lines.append(f"    _setattr(self, {name!r}, {name})" if frozen
                     else f"    self.{name} = {name}")
    if hasattr(cls, "__post_init__"):
        lines.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(lines or ["    pass"])
    exec(source, scope)  # noqa: S102 - generated from field names only
    init: Callable[..., Any] = scope["__init__"]
    return init


def _make_repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:  # noqa: N807
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{type(self).__qualname__}({inner})"

    return __repr__


def _make_compare(names: tuple[str, ...], op: Callable[[Any, Any], bool]) -> Callable[..., Any]:
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return op(tuple(getattr(self, n) for n in names), tuple(getattr(other, n) for n in names))

    return compare
