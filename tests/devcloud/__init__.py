"""The project's dev cloud: the REAL nova API (nova 34.0.0) on 127.0.0.1.

Control side (this package, stdlib only): :class:`DevCloud` and the CLI
``python3 -m tests.devcloud install|start|stop|status|env|demo``.
Server side (``server*.py``) runs inside the devcloud venv.
"""

from tests.devcloud.cloud import DevCloud, DevCloudError

__all__ = ["DevCloud", "DevCloudError"]
