"""Compare a python-novaclient 18.13.1 method's signature with ours.

python-novaclient's versioned methods (``api_versions.wraps``) have one
definition per microversion range: the newest decides names, order and
defaults; an older one is checked where its positional parameters sit where
the newest's or ours of the same name do (a later microversion that renamed
a position, e.g. services' ``host, binary`` -> ``service_uuid``, leaves
positional calls working but cannot keep both keyword names).

A parameter of python-novaclient is matched by position and name (ours may
add parameters after it, each with a default: our own names and options);
a default python-novaclient has must be ours too; ``*args``/``**kwargs`` of
python-novaclient must be accepted by ours (explicit parameters count).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def variants(method: Callable[..., Any]) -> list[Callable[..., Any]]:
    """The definitions of a python-novaclient method, oldest microversion first."""
    if not hasattr(method, "__id__"):
        return [method]
    from novaclient import api_versions  # type: ignore[import-not-found]

    return [m.func for m in api_versions.get_substitutions(method.__id__)] or [method]


def _params(func: Callable[..., Any]) -> list[inspect.Parameter]:
    params = list(inspect.signature(func).parameters.values())
    return params[1:] if params and params[0].name == "self" else params


def _positional(params: list[inspect.Parameter]) -> list[inspect.Parameter]:
    return [p for p in params if p.kind in _POSITIONAL]


def _has(params: list[inspect.Parameter], kind: inspect._ParameterKind) -> bool:
    return any(p.kind is kind for p in params)


def _same_default(theirs: inspect.Parameter, ours: inspect.Parameter) -> bool:
    if theirs.default is inspect.Parameter.empty:
        return True  # NOTE: ours may be more lenient (a default where theirs has none).
    if type(theirs.default) is object:
        return ours.default is not inspect.Parameter.empty  # a private "not given" sentinel
    return bool(ours.default == theirs.default) and type(ours.default) is type(theirs.default)


def compare(theirs: Callable[..., Any], ours: Callable[..., Any]) -> list[str]:
    """What differs between python-novaclient's ``theirs`` and our ``ours`` (empty: none)."""
    problems: list[str] = []
    mine = _params(ours)
    newest, *older = reversed(variants(theirs))
    newest_pos = [p.name for p in _positional(_params(newest))]
    problems += _compare_one(_params(newest), mine, True, newest_pos)
    # NOTE: where the newest default is a private "not given" sentinel (unshelve's
    # availability_zone=object()), an older None meant the same: ours is one sentinel.
    sentinels = {p.name for p in _params(newest) if type(p.default) is object}
    for variant in older:
        params = [
            p.replace(default=object()) if p.name in sentinels else p for p in _params(variant)
        ]
        problems += _compare_one(params, mine, False, newest_pos)
    return list(dict.fromkeys(problems))


def _compare_one(
    theirs: list[inspect.Parameter],
    mine: list[inspect.Parameter],
    strict: bool,
    newest: list[str],
) -> list[str]:
    problems: list[str] = []
    mine_pos = _positional(mine)
    by_name = {p.name: p for p in mine}
    var_pos = _has(mine, inspect.Parameter.VAR_POSITIONAL)
    var_kw = _has(mine, inspect.Parameter.VAR_KEYWORD)
    for i, p in enumerate(_positional(theirs)):
        if not strict and not _same_slot(p.name, i, newest, mine_pos):
            continue  # renamed at a later microversion: one signature cannot serve both
        if i >= len(mine_pos):
            if not var_pos:
                problems.append(f"positional argument {i + 1} ({p.name!r}) is not accepted")
            continue
        ours = mine_pos[i]
        if strict and ours.name != p.name:
            problems.append(
                f"argument {i + 1} is named {ours.name!r}, python-novaclient {p.name!r}"
            )
        elif (strict or ours.name == p.name) and not _same_default(p, ours):
            problems.append(
                f"argument {p.name!r} defaults to {_default(ours)}, python-novaclient {_default(p)}"
            )
    for p in theirs:
        if p.kind is inspect.Parameter.KEYWORD_ONLY:
            ours_kw = by_name.get(p.name)
            if ours_kw is None or ours_kw.kind not in (
                inspect.Parameter.KEYWORD_ONLY,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
            ):
                if not var_kw:
                    problems.append(f"keyword argument {p.name!r} is not accepted")
            elif not _same_default(p, ours_kw):
                problems.append(
                    f"argument {p.name!r} defaults to {_default(ours_kw)}, python-novaclient "
                    f"{_default(p)}"
                )
        elif p.kind is inspect.Parameter.VAR_POSITIONAL and not var_pos and strict:
            # NOTE: a pass-through *args (QuotaSet.update) is served by explicit parameters.
            if len(mine_pos) <= len(_positional(theirs)):
                problems.append("*args (python-novaclient's) is not accepted")
    extra = [
        p
        for p in mine_pos[len(_positional(theirs)) :]
        if p.default is inspect.Parameter.empty
        and not _has(theirs, inspect.Parameter.VAR_POSITIONAL)
    ]
    if strict and extra:
        problems.append(f"required argument(s) python-novaclient does not have: {extra}")
    return problems


def _same_slot(name: str, i: int, newest: list[str], mine: list[inspect.Parameter]) -> bool:
    """An older variant's positional ``name`` at ``i`` is the newest's or ours there."""
    return (i < len(newest) and newest[i] == name) or (i < len(mine) and mine[i].name == name)


def _default(p: inspect.Parameter) -> str:
    return "nothing (required)" if p.default is inspect.Parameter.empty else repr(p.default)
