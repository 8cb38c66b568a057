"""Install the dev cloud (nova, placement, keystone, glance) into its own venv.

Stdlib only: this runs with the bare system ``python3``.  The venv lives in
``$DEVCLOUD_HOME/venv`` (default ``<repo>/.devcloud/venv``).  A stamp file
holding a hash of ``requirements.txt`` + ``constraints.txt`` (+ the Python
version) makes a warm second install a quick no-op.  The install also
prebuilds the keystone template (sqlite DB + fernet keys) that every
``--keystone`` start copies, and the glance template (migrated sqlite DB)
that every start copies.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
REQUIREMENTS = HERE / "requirements.txt"
CONSTRAINTS = HERE / "constraints.txt"
SERVER = HERE / "server.py"
STAMP_NAME = ".devcloud-stamp"


def home() -> Path:
    """Root of all dev cloud state: ``$DEVCLOUD_HOME`` or ``<repo>/.devcloud``."""
    return Path(os.environ.get("DEVCLOUD_HOME") or REPO / ".devcloud").resolve()


def venv_dir() -> Path:
    """The nova/placement/keystone venv."""
    return home() / "venv"


def venv_python() -> Path:
    """The interpreter the server runs with."""
    return venv_dir() / "bin" / "python"


def template_dir() -> Path:
    """Prebuilt keystone state (copied at every ``--keystone`` start)."""
    return home() / "keystone-template"


def glance_template_dir() -> Path:
    """Prebuilt glance state (copied at every start)."""
    return home() / "glance-template"


def wanted_digest() -> str:
    """Hash of everything that decides the venv's content."""
    h = hashlib.sha256()
    for path in (REQUIREMENTS, CONSTRAINTS):
        h.update(path.read_bytes())
    h.update("{}.{}".format(*sys.version_info[:2]).encode())
    return h.hexdigest()


def is_installed() -> bool:
    """True when the venv and the keystone/glance templates match the pins."""
    stamp = venv_dir() / STAMP_NAME
    return (
        venv_python().exists()
        and (template_dir() / "DONE").exists()
        and (glance_template_dir() / "DONE").exists()
        and stamp.exists()
        and stamp.read_text().strip() == wanted_digest()
    )


@contextlib.contextmanager
def _lock() -> Iterator[None]:
    """Serialise concurrent installs (e.g. parallel test runs)."""
    home().mkdir(parents=True, exist_ok=True)
    with open(home() / ".install.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _run(cmd: list[str], log: Path) -> None:
    """Run *cmd*, appending its output to *log*; raise with the tail on failure."""
    with open(log, "a") as out:
        out.write("$ {}\n".format(" ".join(cmd)))
        out.flush()
        rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT).returncode
    if rc:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:])
        raise RuntimeError(
            f"command failed (rc={rc}): {' '.join(cmd)}\n--- {log} (tail) ---\n{tail}"
        )


def _base_python() -> str:
    """A non-venv interpreter to create the venv from."""
    return getattr(sys, "_base_executable", None) or sys.executable


def install(verbose: bool = False) -> Path:
    """Create/refresh the venv and the templates; return the venv python.

    Idempotent: when the stamp matches, this returns at once.
    """
    if is_installed():
        return venv_python()
    with _lock():
        if is_installed():
            return venv_python()
        t0 = time.monotonic()
        home().mkdir(parents=True, exist_ok=True)
        (home() / ".gitignore").write_text("# dev cloud state, never committed\n*\n")
        log = home() / "install.log"
        log.write_text("")

        def say(message: str) -> None:
            if verbose:
                print(message, flush=True)

        stamp = venv_dir() / STAMP_NAME
        stamp.unlink(missing_ok=True)
        if not venv_python().exists():
            say(f"devcloud: creating venv {venv_dir()}")
            _run([_base_python(), "-m", "venv", str(venv_dir())], log)
        say(f"devcloud: pip install nova/placement/keystone/glance (log: {log})")
        env_cmd = [
            str(venv_python()),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-c",
            str(CONSTRAINTS),
            "-r",
            str(REQUIREMENTS),
        ]
        _run(env_cmd, log)
        say(f"devcloud: building the keystone and glance templates in {home()}")
        shutil.rmtree(template_dir(), ignore_errors=True)
        shutil.rmtree(glance_template_dir(), ignore_errors=True)
        _run(
            [
                str(venv_python()),
                str(SERVER),
                "0",
                "--prepare-keystone",
                "--prepare-glance",
                "--template-dir",
                str(template_dir()),
                "--glance-template-dir",
                str(glance_template_dir()),
            ],
            log,
        )
        stamp.write_text(wanted_digest() + "\n")
        say("devcloud: installed in %.1fs" % (time.monotonic() - t0))
    return venv_python()


if __name__ == "__main__":
    install(verbose=True)
