"""Typing: managers are generic (``cs.flavors.get("1")`` is a Flavor), checked by mypy.

One mypy --strict run over tests/meta/typing_cases.py (about a second with a
warm .mypy_cache; errors inside the package are the job of ``mypy novaclient_lite``,
so they are silenced here); skipped when mypy is not installed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_typing_cases_pass_mypy_strict() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--follow-imports=silent",
            "tests/meta/typing_cases.py",
        ],
        capture_output=True,
        text=True,
        cwd=str(ROOT),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
