"""Process helpers shared by the launcher (``cloud.py``) and the server (``server.py``).

Stdlib only: ``server.py`` imports it as a sibling module inside the dev cloud's
venv, ``cloud.py`` as ``tests.devcloud.procs`` under the system Python.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


def pid_alive(pid: int) -> bool:
    """True if process ``pid`` exists (also when it belongs to another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fresh_state(template: Path, state: Path, stale: Iterable[str]) -> None:
    """Replace *state* with a copy of *template*, minus the *stale* files (logs, markers)."""
    shutil.rmtree(state, ignore_errors=True)
    shutil.copytree(template, state)
    for name in stale:
        (state / name).unlink(missing_ok=True)


def serve_while_parent_lives(servers: Sequence[Any], parent: int) -> None:
    """Serve every ``socketserver``-like server in a thread until SIGTERM or *parent* exits.

    A child of the nova server must not outlive it: it polls its parent pid
    each second.  SIGINT is ignored (the parent decides when to stop).
    """
    done = threading.Event()

    def watch_parent() -> None:
        while os.getppid() == parent and not done.is_set():
            time.sleep(1)
        done.set()

    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=watch_parent, daemon=True).start()
    while not done.wait(1):
        pass
    for server in servers:
        server.shutdown()
        server.server_close()
