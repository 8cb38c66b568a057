"""Suggestions for a command name that is not one (``nova flavor-lst``).

The names come from the command index and the loaded plugins, so suggesting
imports no command module.
"""

from __future__ import annotations

from collections.abc import Iterable

#: a built-in whose short name is close to many typos of real commands
#: (``shelv``, ``hel-list``): suggested only for a typo of itself.
_SHORT = "help"


def close_names(name: str, names: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``names`` closest to ``name``, closest first.

    ``help`` is offered only for a typo of ``help`` itself (one letter added,
    dropped, changed or two swapped), so a real-looking command name such as
    ``shelv`` never gets "Did you mean help?" alone.
    """
    import difflib

    candidates = [c for c in names if c != _SHORT or _one_edit(name, _SHORT)]
    return difflib.get_close_matches(name, candidates, n=n)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` is at most one edit from ``b`` (insert, delete, replace, swap)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = a[i + 1 : i + 2] + a[i : i + 1] + a[i + 2 :] == b[i:]
        return a[i + 1 :] == b[i + 1 :] or swapped
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]
