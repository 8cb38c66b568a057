"""The worked example of docs/adding-a-command.md is the code in the repository.

A fenced block after ``<!-- file: PATH -->`` must be that whole file; after
``<!-- append: PATH -->`` it must appear in that file as is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"<!-- (file|append): (\S+) -->\n```python\n(.*?)\n```", re.DOTALL)


def blocks(doc: str) -> list[tuple[str, str, str]]:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    return [(m.group(1), m.group(2), m.group(3)) for m in BLOCK.finditer(text)]


def test_worked_example_has_code_blocks() -> None:
    assert len(blocks("adding-a-command.md")) >= 5


@pytest.mark.parametrize(
    "mode,path,code",
    blocks("adding-a-command.md"),
    ids=lambda v: v if isinstance(v, str) and "/" in v else "",
)
def test_worked_example_matches_the_code(mode: str, path: str, code: str) -> None:
    actual = (ROOT / path).read_text(encoding="utf-8").rstrip()
    if mode == "file":
        assert actual == code.rstrip(), f"docs/adding-a-command.md is out of date for {path}"
    else:
        assert code.rstrip() in actual, (
            f"docs/adding-a-command.md: {path} no longer contains the example"
        )
