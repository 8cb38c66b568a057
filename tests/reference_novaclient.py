"""python-novaclient 18.13.1, installed beside the test venv for comparison only.

The compatibility suite (tests/compat) and the signature tests compare
novaclient_lite with the real python-novaclient.  It is installed with
``pip install --target`` into ``<venv>/reference-novaclient``, never into the
venv itself: python-novaclient's ``nova`` console script would replace ours.

    from tests.reference_novaclient import ensure_installed, importable
    path = ensure_installed()        # idempotent; stdlib only
    with importable():               # python-novaclient on sys.path (appended)
        import novaclient.v2.servers

The path is appended, so the venv's own requests/keystoneauth1 stay the ones
both clients use.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.bootstrap import default_venv

PIN = "python-novaclient==18.13.1"
STAMP = ".reference-stamp"


def target(venv: Path | None = None) -> Path:
    """Where the reference copy lives: ``<venv>/reference-novaclient``."""
    return (venv or default_venv()).resolve() / "reference-novaclient"


def ensure_installed(venv: Path | None = None, verbose: bool = True) -> Path:
    """Install :data:`PIN` into :func:`target` unless already there; return the path.

    Raises:
        RuntimeError: pip failed (its output is written to stderr first).
    """
    path = target(venv)
    stamp = path / STAMP
    if stamp.exists() and stamp.read_text().strip() == PIN:
        return path
    if verbose:
        print(f"reference: pip install --target {path} {PIN}", flush=True)
    python = (venv or default_venv()).resolve() / "bin" / "python"
    cmd = [
        str(python if python.exists() else sys.executable),
        "-m",
        "pip",
        "install",
        "-q",
        "--disable-pip-version-check",
        "--upgrade",
        "--target",
        str(path),
        PIN,
    ]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode:
        sys.stderr.write(result.stdout)
        raise RuntimeError(f"pip install --target {path} {PIN} failed (rc={result.returncode})")
    stamp.write_text(PIN + "\n")
    return path


@contextlib.contextmanager
def importable(venv: Path | None = None) -> Iterator[Path]:
    """Make python-novaclient importable (appended to ``sys.path``) for the block."""
    path = str(ensure_installed(venv, verbose=False))
    added = path not in sys.path
    if added:
        sys.path.append(path)
    try:
        yield Path(path)
    finally:
        if added:
            sys.path.remove(path)
