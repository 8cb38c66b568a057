"""Process helpers shared by the launcher (``cloud.py``) and the server (``server.py``).

Stdlib only: ``server.py`` imports it as a sibling module inside the dev cloud's
venv, ``cloud.py`` as ``tests.devcloud.procs`` under the system Python.
"""

from __future__ import annotations

import os


def pid_alive(pid: int) -> bool:
    """True if process ``pid`` exists (also when it belongs to another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
