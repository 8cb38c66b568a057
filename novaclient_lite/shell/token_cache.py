"""The opt-in token cache of ``nova --os-cache`` (env ``OS_CACHE``).

One JSON file per identity, in a directory private to the user
(``$XDG_CACHE_HOME/novaclient-lite`` or ``~/.cache/novaclient-lite``, mode
0700, files 0600).  The file name is the SHA-256 of everything that selects
a token and an endpoint (auth URL, auth type, user and its domain, project
and its domain, region, interface, service, endpoint override), so two
users, projects or clouds never share a token.  A file holds the token, its
expiry, the compute endpoint and the endpoint's microversion range -- never a
password or any other secret.

A file or directory that others could read or write, or that another user
owns, is ignored (a one-line warning under ``--debug``); so is an expired
entry.  Writes are atomic: a new file created with O_CREAT|O_EXCL, mode
0600, then ``os.replace``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import time
from collections.abc import Mapping
from typing import Any

from novaclient_lite import api_versions, exceptions
from novaclient_lite.values import Value

LOG = logging.getLogger("novaclient_lite.shell")

DIR_NAME = "novaclient-lite"
#: An entry this close to its expiry is not used (a long command must not run out).
SAFETY_MARGIN = 120.0
FORMAT = 2  # 2: with the image and network endpoints


def enabled(flag: bool | None, env: Mapping[str, str]) -> bool:
    """``--os-cache`` given, or ``OS_CACHE`` truthy (1/true/yes/on)."""
    from novaclient_lite.shell.options import env_flag

    return bool(flag) or env_flag(env.get("OS_CACHE"))


def directory(env: Mapping[str, str]) -> str:
    """``$XDG_CACHE_HOME/novaclient-lite``, else ``$HOME/.cache/novaclient-lite``."""
    base = env.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        home = env.get("HOME") or os.path.expanduser("~")
        base = os.path.join(home, ".cache")
    return os.path.join(base, DIR_NAME)


def cache_key(fields: Mapping[str, Any]) -> str:
    """SHA-256 over the identity-selecting fields (canonical JSON)."""
    text = json.dumps(
        {k: v for k, v in sorted(fields.items())}, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(text.encode()).hexdigest()


class Entry(Value):
    """One login: what the cache saves and the warm session sends with.

    The token, its expiry (epoch seconds), the compute endpoint, the scope ids,
    the catalog's image and network endpoints (``services``, for name lookups)
    and, once known, the endpoint's microversion range.  Never a password.
    """

    __slots__ = ("endpoint", "expires_at", "project_id", "services", "token", "user_id", "versions")

    def __init__(
        self,
        token: str,
        expires_at: float | None,
        endpoint: str | None = None,
        project_id: str | None = None,
        user_id: str | None = None,
        versions: api_versions.ServerVersions | None = None,
        services: dict[str, str] | None = None,
    ) -> None:
        self.token = token
        self.expires_at = expires_at
        self.endpoint = endpoint
        self.project_id = project_id
        self.user_id = user_id
        self.versions = versions
        self.services: dict[str, str] = {} if services is None else services

    def to_json(self) -> dict[str, Any]:
        low = self.versions.min_version if self.versions else None
        high = self.versions.max_version if self.versions else None
        return {
            "format": FORMAT,
            "token": self.token,
            "expires_at": self.expires_at,
            "endpoint": self.endpoint,
            "min_version": str(low) if low else None,
            "max_version": str(high) if high else None,
            "project_id": self.project_id,
            "user_id": self.user_id,
            "services": self.services,
        }

    @classmethod
    def from_json(cls, doc: Any) -> Entry | None:
        """The entry of a cache file's document; None unless it is one (and has an expiry)."""
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            return None
        token, expires = doc.get("token"), doc.get("expires_at")
        if not isinstance(token, str) or not token or not isinstance(expires, (int, float)):
            return None
        text = {k: (v if isinstance(v, str) else None) for k, v in doc.items()}
        services = doc.get("services")
        services = services if isinstance(services, dict) else {}
        return cls(
            token,
            float(expires),
            text.get("endpoint"),
            text.get("project_id"),
            text.get("user_id"),
            _versions(text.get("min_version"), text.get("max_version")),
            {k: v for k, v in services.items() if isinstance(v, str)},
        )


def _versions(low: str | None, high: str | None) -> api_versions.ServerVersions | None:
    """The saved range, or None when it is missing or unreadable (then it is discovered)."""
    if not (low and high):
        return None
    try:
        return api_versions.ServerVersions(
            api_versions.APIVersion.parse(low), api_versions.APIVersion.parse(high)
        )
    except exceptions.UnsupportedVersion:
        return None


def _private(st: os.stat_result, kind: str, path: str) -> bool:
    if st.st_uid != os.getuid():
        LOG.debug("Token cache ignored: %s %s is owned by another user.", kind, path)
        return False
    if st.st_mode & 0o077:
        LOG.debug(
            "Token cache ignored: %s %s is accessible to group/others (mode %o).",
            kind,
            path,
            stat.S_IMODE(st.st_mode),
        )
        return False
    return True


class TokenCache:
    """The cache file of one identity (see the module docstring)."""

    def __init__(self, dirname: str, key: str, clock: Any = time.time) -> None:
        self.dirname = dirname
        self.path = os.path.join(dirname, key + ".json")
        self.clock = clock

    def _dir_ok(self) -> bool:
        try:
            st = os.lstat(self.dirname)
        except OSError:
            return False
        if not stat.S_ISDIR(st.st_mode):
            LOG.debug("Token cache ignored: %s is not a directory.", self.dirname)
            return False
        return _private(st, "directory", self.dirname)

    def load(self) -> Entry | None:
        """The entry, if the file is private, readable and not (nearly) expired."""
        if not self._dir_ok():
            return None
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or not _private(st, "file", self.path):
                return None
            with os.fdopen(fd, "rb", closefd=False) as fh:
                data = fh.read(1024 * 1024)
        except OSError:
            return None
        finally:
            os.close(fd)
        try:
            entry = Entry.from_json(json.loads(data))
        except ValueError:
            entry = None
        if entry is None:
            LOG.debug("Token cache ignored: %s is not a token cache file.", self.path)
            return None
        if entry.expires_at is None or entry.expires_at - SAFETY_MARGIN <= self.clock():
            LOG.debug("Token cache: the cached token has expired; logging in again.")
            return None
        return entry

    def save(self, entry: Entry) -> bool:
        """Write ``entry`` atomically; False (and nothing written) when unsafe or failing."""
        try:
            os.makedirs(self.dirname, mode=0o700, exist_ok=True)
        except OSError as exc:
            LOG.debug("Token cache not written: %s", exc)
            return False
        if not self._dir_ok():
            return False
        tmp = f"{self.path}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(tmp, flags, 0o600)
        except OSError as exc:
            LOG.debug("Token cache not written: %s", exc)
            return False
        try:
            with os.fdopen(fd, "w") as fh:
                json.dump(entry.to_json(), fh)
            os.replace(tmp, self.path)
        except OSError as exc:
            LOG.debug("Token cache not written: %s", exc)
            try:
                os.unlink(tmp)
            except OSError:
                pass
            return False
        return True

    def delete(self) -> None:
        try:
            os.unlink(self.path)
        except OSError:
            pass
