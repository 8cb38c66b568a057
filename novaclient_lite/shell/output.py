"""What commands return, and how it is rendered: table, json, yaml or value.

Commands never print: they return one of the objects below and the framework
renders it with the user's ``-f/--format`` and ``-c/--column`` choices.
A table's rows may be a lazy iterator (``cs.servers.iter()``): only the cells
of the shown columns are kept, and json, yaml and value are written row by row
as pages arrive unless the rows must be ordered first (``Table.sort_key``).
Tables are drawn by prettytable, imported only when a table is drawn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

from novaclient_lite.values import Value

FORMATS = ("table", "json", "yaml", "value")

Formatter = Callable[[Any], Any]


class Table(Value):
    """Rows under named columns.

    The header ``"Memory_MiB"`` reads the key (or attribute) ``memory_mib``:
    lower case, spaces as underscores.  ``formatters[header](row)`` overrides
    a column's value.  ``rows`` may be an iterator: it is read once, when
    rendered.  With ``sort_key`` the rows are shown in that (stable) order.
    ``failures`` counts rows that report a failed step (host-evacuate's
    rows): any makes the exit code 1, as ``Results.failures`` does.
    """

    __slots__ = ("columns", "failures", "formatters", "rows", "sort_key")

    def __init__(
        self,
        rows: Iterable[Any],
        columns: list[str],
        formatters: dict[str, Formatter] | None = None,
        sort_key: Callable[[Any], Any] | None = None,
        failures: int = 0,
    ) -> None:
        self.rows = rows
        self.columns = columns
        self.formatters = formatters
        self.sort_key = sort_key
        self.failures = failures


class Record(Value):
    """One object as a Property/Value table (an object in json and yaml)."""

    __slots__ = ("mapping",)

    def __init__(self, mapping: Mapping[str, Any]) -> None:
        self.mapping = mapping


class Text(Value):
    """Text printed as-is in every format (e.g. a generated private key)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Message(Value):
    """A line for people: stdout in table format, stderr in machine formats."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Results(Value):
    """The outcome of a multi-target command: one line per target, in order.

    Lines starting with ``ERROR`` go to stderr; any failure makes the exit code 1.
    """

    __slots__ = ("failures", "lines", "targets")

    def __init__(
        self, lines: list[str], failures: int = 0, targets: list[str] | None = None
    ) -> None:
        self.lines = lines
        self.failures = failures
        self.targets: list[str] = [] if targets is None else targets


class Group(Value):
    """Several outputs shown one after the other (e.g. messages, then a table)."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[Output]) -> None:
        self.parts = parts


Output = Table | Record | Text | Message | Results | Group


class ColumnError(ValueError):
    """A ``-c`` name that is not a column of the output."""


def column_key(header: str) -> str:
    """The key a column header reads: ``"Memory_MiB"`` -> ``"memory_mib"``."""
    return header.lower().replace(" ", "_")


def cell(row: Any, header: str, formatters: Mapping[str, Formatter] | None = None) -> Any:
    """The raw value of one column of one row (a formatter wins)."""
    if formatters and header in formatters:
        return formatters[header](row)
    key = column_key(header)
    if isinstance(row, Mapping):
        return row.get(key)
    try:
        return getattr(row, key)
    except AttributeError:
        getter = getattr(row, "get", None)
        return getter(key) if callable(getter) else None


def select(available: Sequence[str], wanted: Sequence[str] | None) -> list[str]:
    """The columns to show: ``wanted`` matched case-insensitively, in the user's order.

    Raises:
        ColumnError: for a name that matches no column.
    """
    if not wanted:
        return list(available)
    by_lower = {c.lower(): c for c in available}
    chosen = []
    for name in wanted:
        match = by_lower.get(name.lower()) or by_lower.get(name.lower().replace("_", " "))
        if match is None:
            raise ColumnError(f"Unknown column '{name}'; the columns are: {', '.join(available)}.")
        chosen.append(match)
    return chosen


def missing_columns(out: Table, headers: Sequence[str]) -> list[str]:
    """The ``headers`` some row has no data for: no value and no such key.

    A present key whose value is null (``"description": null``) is data, not a gap.
    """
    return [h for h in headers if any(_absent(row, h, out.formatters) for row in out.rows)]


def _absent(row: Any, header: str, formatters: Mapping[str, Formatter] | None) -> bool:
    if cell(row, header, formatters) is not None:
        return False
    return _key_absent(row, column_key(header))


def _key_absent(row: Any, key: str) -> bool:
    try:
        return key not in row
    except TypeError:  # an object without __contains__
        return not hasattr(row, key)


def text_value(value: Any) -> str:
    """A value as a table shows it: None as ``-``, containers as JSON."""
    if type(value) is str:  # NOTE: the common case first (a table has one call per cell)
        return value.replace("\r", "")
    if value is None:
        return "-"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value).replace("\r", "")


def draw(headers: Sequence[str], rows: Iterable[list[str]]) -> str:
    """A left-aligned prettytable, without its trailing newline (imported only here).

    Every table is drawn by prettytable, the project's one table printer: it
    measures wide characters, splits multi-line cells and refuses repeated
    headers.
    """
    import prettytable

    table = prettytable.PrettyTable(list(headers))
    table.align = "l"
    for row in rows:
        table.add_row(row)  # prettytable keeps its own copy
    return str(table.get_string())


# -- rendering --------------------------------------------------------------------


def render(out: Output | None, fmt: str = "table", columns: Sequence[str] | None = None) -> str:
    """Render ``out`` for stdout (without error lines and machine-format messages).

    Raises:
        ColumnError: for an unknown ``-c`` column.
    """
    if out is None:
        return ""
    if isinstance(out, Text):
        return out.text if out.text.endswith("\n") else out.text + "\n"
    if isinstance(out, Message):
        return out.text + "\n" if fmt == "table" else ""
    if isinstance(out, Results):
        return _render_results(out, fmt)
    if isinstance(out, Group):
        return "".join(render(part, fmt, columns) for part in out.parts)
    if isinstance(out, Record):
        return _render_record(out, fmt, columns)
    return "".join(_table_chunks(out, fmt, columns))


def emit(
    out: Output | None,
    stdout: IO[str],
    stderr: IO[str],
    fmt: str = "table",
    columns: Sequence[str] | None = None,
) -> int:
    """Write ``out`` to the streams; returns the number of failures it reports."""
    if isinstance(out, Group):
        return sum(emit(part, stdout, stderr, fmt, columns) for part in out.parts)
    if isinstance(out, Table):  # written as it is rendered: rows may still be arriving
        missing: set[str] = set()
        for chunk in _table_chunks(out, fmt, columns, missing):
            stdout.write(chunk)
        if missing:  # one line, so a broken server is not mistaken for blank values
            shown = [h for h in select(out.columns, columns) if h in missing]
            stderr.write(
                f"nova: WARNING: the response lacks these fields (shown empty): "
                f"{', '.join(shown)}.\n"
            )
        return out.failures
    text = render(out, fmt, columns)
    if isinstance(out, Message) and fmt != "table":
        stderr.write(out.text + "\n")
    if isinstance(out, Results) and fmt == "table":
        for line in out.lines:
            (stderr if line.startswith("ERROR") else stdout).write(line + "\n")
        return out.failures
    if text:
        stdout.write(text)
    return out.failures if isinstance(out, Results) else 0


def _table_chunks(
    out: Table, fmt: str, columns: Sequence[str] | None, missing: set[str] | None = None
) -> Iterator[str]:
    """The rendered table in pieces, the same bytes as rendering it whole; adds to
    ``missing`` the headers some row has no data for (see :func:`missing_columns`).

    Raises:
        ColumnError: for an unknown ``-c`` column (before any row is read).
    """
    headers = select(out.columns, columns)
    values = _cells(out, headers, missing)
    if fmt == "table":
        yield draw(headers, [[text_value(v) for v in row] for row in values]) + "\n"
    elif fmt == "value":
        for row in values:
            yield " ".join(_plain(v) for v in row) + "\n"
    elif fmt == "json":  # json.dumps(rows, indent=2), one row at a time
        opener = "[\n  "
        names = [_JSON_SCALAR(h) + ": " for h in headers]
        for row in values:
            yield opener + _json_row(names, row).replace("\n", "\n  ")
            opener = ",\n  "
        yield "[]\n" if opener.startswith("[") else "\n]\n"
    else:  # yaml: a list's items are rendered independently
        empty = True
        for row in values:
            empty = False
            yield "\n".join(_yaml_lines([dict(zip(headers, row, strict=True))], 0)) + "\n"
        if empty:
            yield to_yaml([])


#: One scalar as json.dumps(..., ensure_ascii=False, default=str) writes it (C-accelerated).
_JSON_SCALAR = json.JSONEncoder(ensure_ascii=False, default=str).encode


def _json_row(names: list[str], row: list[Any]) -> str:
    """``json.dumps(dict(zip(headers, row)), indent=2, ensure_ascii=False, default=str)``.

    json's indenting encoder is pure Python; a row's scalars go through the C
    encoder and only containers through ``json.dumps`` (the same bytes, ~1.25x faster).
    """
    if not names:
        return "{}"
    parts = []
    for name, value in zip(names, row, strict=True):
        if isinstance(value, (dict, list, tuple)):
            text = json.dumps(value, indent=2, ensure_ascii=False, default=str)
            parts.append(name + text.replace("\n", "\n  "))
        else:
            parts.append(name + _JSON_SCALAR(value))
    return "{\n  " + ",\n  ".join(parts) + "\n}"


#: A key a row lacks, told apart from a key whose value is null.
_ABSENT = object()


def _cells(out: Table, headers: list[str], missing: set[str] | None) -> Iterator[list[Any]]:
    """Each row's raw values under ``headers``; only these are kept, never the rows."""
    formatters = out.formatters or {}
    keys = [(h, column_key(h)) for h in headers]
    plain = not any(h in formatters for h in headers)

    def values(row: Any) -> list[Any]:
        if plain and type(row) is dict:  # NOTE: the common case: one C-level scan for a gap
            found = [row.get(k, _ABSENT) for _, k in keys]
            if _ABSENT in found:
                if missing is not None:
                    gaps = zip(keys, found, strict=True)
                    missing.update(h for (h, _), v in gaps if v is _ABSENT)
                found = [None if v is _ABSENT else v for v in found]
            return found
        found = [cell(row, h, formatters) for h, _ in keys]
        if missing is not None and None in found:
            missing.update(
                h
                for (h, k), v in zip(keys, found, strict=True)
                if v is None and _key_absent(row, k)
            )
        return found

    if out.sort_key is None:
        yield from map(values, out.rows)
        return
    sort_key = out.sort_key
    keyed = list(map(lambda row: (sort_key(row), values(row)), out.rows))  # no row held
    keyed.sort(key=lambda pair: pair[0])
    for _, row_values in keyed:
        yield row_values


def _render_record(out: Record, fmt: str, columns: Sequence[str] | None) -> str:
    keys = select(sorted(out.mapping), columns)
    data = {k: out.mapping[k] for k in keys}
    if fmt == "json":
        return _json(data)
    if fmt == "yaml":
        return to_yaml(data)
    if fmt == "value":
        return "".join(_plain(v) + "\n" for v in data.values())
    rows: list[list[str]] = []
    for key, value in data.items():
        lines = text_value(value).split("\n") if isinstance(value, str) else [text_value(value)]
        rows.append([key, lines[0]])
        rows += [["", line] for line in lines[1:]]
    return draw(["Property", "Value"], rows) + "\n"


def _render_results(out: Results, fmt: str) -> str:
    if fmt in ("json", "yaml"):
        items = [
            {"target": t, "ok": not line.startswith("ERROR"), "message": line}
            for t, line in zip(out.targets or [""] * len(out.lines), out.lines, strict=True)
        ]
        return _json(items) if fmt == "json" else to_yaml(items)
    return "".join(line + "\n" for line in out.lines if not line.startswith("ERROR"))


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def _plain(value: Any) -> str:
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


# -- a minimal YAML emitter (block style, for JSON-shaped data) ----------------------

_PLAIN_SAFE = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./@-]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, (list, tuple)):
        return "[]"
    text = str(value)
    if _PLAIN_SAFE.match(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _yaml_lines(data: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(data, Mapping) and data:
        lines = []
        for key, value in data.items():
            name = _yaml_scalar(str(key))
            if isinstance(value, (Mapping, list, tuple)) and value:
                lines.append(f"{pad}{name}:")
                lines += _yaml_lines(value, indent + 2)
            else:
                lines.append(f"{pad}{name}: {_yaml_scalar(value)}")
        return lines
    if isinstance(data, (list, tuple)) and data:
        lines = []
        for item in data:
            if isinstance(item, (Mapping, list, tuple)) and item:
                sub = _yaml_lines(item, indent + 2)
                sub[0] = f"{pad}- {sub[0][indent + 2 :]}"
                lines += sub
            else:
                lines.append(f"{pad}- {_yaml_scalar(item)}")
        return lines
    return [pad + _yaml_scalar(dict(data) if isinstance(data, Mapping) else data)]


def to_yaml(data: Any) -> str:
    """Block-style YAML for JSON-shaped data (dicts, lists, scalars)."""
    return "\n".join(_yaml_lines(data, 0)) + "\n"
