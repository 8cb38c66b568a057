"""Moved to tests/unit/bodies.py (one builder per resource); import from there.

Kept for test files being written elsewhere; the lead removes it after the merge.
"""

from __future__ import annotations

from tests.unit.bodies import (
    ADMIN_PASS,
    FLAVOR_ID,
    IMAGE_ID,
    NET_ID,
    NEW_IMAGE_ID,
    PORT_ID,
    SERVER2_ID,
    SERVER_ID,
    VOLUME_ID,
    created,
    flavor,
    server,
    server_old,
    servers_page,
)
from tests.unit.support import COMPUTE_URL

__all__ = ["ADMIN_PASS", "COMPUTE_URL", "FLAVOR_ID", "IMAGE_ID", "NET_ID", "NEW_IMAGE_ID",
           "PORT_ID", "SERVER2_ID", "SERVER_ID", "VOLUME_ID", "created", "flavor", "server",
           "server_old", "servers_page"]
