"""Create the client venv (<repo>/.venv) with novaclient_lite installed (stdlib only).

    from tests.bootstrap import ensure_client_venv
    venv = ensure_client_venv()   # -> Path to the venv
    nova = venv / "bin" / "nova"

Idempotent: a stamp file holds the hash of pyproject.toml plus the extras,
so a second call is a no-op until pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STAMP_NAME = ".novaclient-lite-stamp"
#: One set of extras for the demo and the tests, so they share one .venv without reinstalling.
DEV_EXTRAS = ("test", "typecheck", "lint")


def default_venv() -> Path:
    """``$NOVACLIENT_LITE_VENV`` or ``<repo>/.venv``."""
    return Path(os.environ.get("NOVACLIENT_LITE_VENV") or REPO / ".venv")


def _digest(extras: Sequence[str]) -> str:
    h = hashlib.sha256((REPO / "pyproject.toml").read_bytes())
    h.update(",".join(sorted(extras)).encode())
    return h.hexdigest()


def ensure_client_venv(
    extras: Sequence[str] = DEV_EXTRAS, venv: Path | None = None, verbose: bool = True
) -> Path:
    """``python -m venv`` + ``pip install -e <repo>[extras]`` unless already done."""
    venv = (venv or default_venv()).resolve()
    python = venv / "bin" / "python"
    stamp = venv / STAMP_NAME
    digest = _digest(extras)
    if python.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        return venv
    if not python.exists():
        if verbose:
            print(f"bootstrap: creating {venv}", flush=True)
        base = getattr(sys, "_base_executable", None) or sys.executable
        subprocess.run([base, "-m", "venv", str(venv)], check=True)
    target = str(REPO) + ("[{}]".format(",".join(extras)) if extras else "")
    if verbose:
        print(f"bootstrap: pip install -e {target}", flush=True)
    cmd = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", target]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode:
        sys.stderr.write(result.stdout)
        raise RuntimeError(f"pip install -e {target} failed (rc={result.returncode})")
    stamp.write_text(digest + "\n")
    return venv


if __name__ == "__main__":
    print(ensure_client_venv(extras=tuple(sys.argv[1:]) or DEV_EXTRAS))
