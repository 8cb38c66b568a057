"""Compute API microversions: parsing, comparison and negotiation.

A version is a plain value (``APIVersion(2, 45)``); there is no registry of
versioned methods.  Each microversion the code cares about is spelt once, as a
constant below (``V2_45``), and compared with ``api_version >= V2_45``.  An
argument or method that needs a range goes through the one gate,
:func:`require` (managers call ``self._require(...)``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from novaclient_lite import exceptions
from novaclient_lite.values import FrozenValue

#: The header pair Nova reads; the second one exists from 2.27 on.
LEGACY_HEADER = "X-OpenStack-Nova-API-Version"
HEADER = "OpenStack-API-Version"
SERVICE_TYPE = "compute"

_VERSION_RE = re.compile(r"^([1-9]\d*)(?:\.(0|[1-9]\d*|latest))?$")


_LEGACY_RE = re.compile(r"^([1-9]\d*)\.([1-9]\d*|0|latest)$")
#: The minor of python-novaclient's ``APIVersion("2.latest")`` (infinite there).
_LATEST_MINOR = 1 << 30


@functools.total_ordering
class APIVersion:
    """A concrete compute API version such as 2.45 (2.0 means "no microversion").

    Built as ``APIVersion(2, 45)``, or as python-novaclient builds it:
    ``APIVersion("2.45")``, ``APIVersion("2.latest")``, ``APIVersion()`` (its
    "null" version: no microversion header).  Immutable and hashable.
    """

    __slots__ = ("major", "minor")
    major: int
    minor: int

    def __init__(self, major: int | str | None = None, minor: int | None = None) -> None:
        if isinstance(major, str):
            match = _LEGACY_RE.match(major)
            if minor is not None or not match:
                raise exceptions.UnsupportedVersion(
                    f"Invalid format of client version {major!r}. Expected format 'X.Y', "
                    "where X is a major part and Y is a minor part of version."
                )
            text = match.group(2)
            major, minor = int(match.group(1)), _LATEST_MINOR if text == "latest" else int(text)
        object.__setattr__(self, "major", major or 0)
        object.__setattr__(self, "minor", minor or 0)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"APIVersion is immutable; cannot set {name!r}")

    @classmethod
    def parse(cls, text: str) -> APIVersion:
        """Parse ``"2"`` or ``"2.45"``.

        Raises:
            UnsupportedVersion: if the text is not a concrete ``X.Y`` version.
        """
        match = _VERSION_RE.match(str(text).strip())
        if not match or match.group(2) == "latest":
            raise exceptions.UnsupportedVersion(
                f"Invalid compute API version {text!r}: expected '2', '2.N', '2.latest' or 'auto'."
            )
        return cls(int(match.group(1)), int(match.group(2) or 0))

    def _key(self) -> tuple[int, int]:
        return (self.major, self.minor)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, APIVersion) and self._key() == other._key()

    def __lt__(self, other: APIVersion) -> bool:
        if not isinstance(other, APIVersion):
            return NotImplemented
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        return f"{self.major}.{'latest' if self.is_latest() else self.minor}"

    def __repr__(self) -> str:
        return "<APIVersion: null>" if self.is_null() else f"<APIVersion: {self}>"

    @property
    def uses_microversions(self) -> bool:
        """True when requests must carry the microversion headers."""
        return self.minor > 0

    def headers(self) -> dict[str, str]:
        """The request headers that select this version (a new dict each call)."""
        return dict(_version_headers(self.major, self.minor))

    # -- python-novaclient's names ------------------------------------------------

    @property
    def ver_major(self) -> int:
        """The major part (python-novaclient's name)."""
        return self.major

    @property
    def ver_minor(self) -> int:
        """The minor part (python-novaclient's name)."""
        return self.minor

    def is_null(self) -> bool:
        """Whether this is python-novaclient's null version ``APIVersion()`` (0.0)."""
        return self.major == 0 and self.minor == 0

    def is_latest(self) -> bool:
        """Whether this is ``APIVersion("2.latest")``."""
        return self.minor == _LATEST_MINOR

    def matches(self, min_version: APIVersion, max_version: APIVersion) -> bool:
        """Whether ``min_version <= self <= max_version``; a null bound is open.

        Raises:
            ValueError: for the null version itself.
        """
        if self.is_null():
            raise ValueError("Null APIVersion doesn't support 'matches'.")
        low = None if min_version.is_null() else min_version
        high = None if max_version.is_null() else max_version
        return within(self, low, high)

    def get_string(self) -> str:
        """``"2.45"`` (``"2.latest"``): the text ``APIVersion()`` reads back.

        Raises:
            ValueError: for the null version.
        """
        if self.is_null():
            raise ValueError("Null APIVersion cannot be converted to string.")
        return str(self)


#: The microversions that change a request or a response, each spelt once.
V2_2 = APIVersion(2, 2)
V2_6 = APIVersion(2, 6)
V2_8 = APIVersion(2, 8)
V2_10 = APIVersion(2, 10)
V2_11 = APIVersion(2, 11)
V2_13 = APIVersion(2, 13)
V2_15 = APIVersion(2, 15)
V2_17 = APIVersion(2, 17)
V2_19 = APIVersion(2, 19)
V2_22 = APIVersion(2, 22)
V2_23 = APIVersion(2, 23)
V2_24 = APIVersion(2, 24)
V2_25 = APIVersion(2, 25)
V2_26 = APIVersion(2, 26)
V2_27 = APIVersion(2, 27)
V2_29 = APIVersion(2, 29)
V2_30 = APIVersion(2, 30)
V2_32 = APIVersion(2, 32)
V2_33 = APIVersion(2, 33)
V2_35 = APIVersion(2, 35)
V2_36 = APIVersion(2, 36)
V2_37 = APIVersion(2, 37)
V2_40 = APIVersion(2, 40)
V2_41 = APIVersion(2, 41)
V2_42 = APIVersion(2, 42)
V2_45 = APIVersion(2, 45)
V2_49 = APIVersion(2, 49)
V2_52 = APIVersion(2, 52)
V2_53 = APIVersion(2, 53)
V2_54 = APIVersion(2, 54)
V2_55 = APIVersion(2, 55)
V2_56 = APIVersion(2, 56)
V2_57 = APIVersion(2, 57)
V2_58 = APIVersion(2, 58)
V2_59 = APIVersion(2, 59)
V2_61 = APIVersion(2, 61)
V2_63 = APIVersion(2, 63)
V2_64 = APIVersion(2, 64)
V2_66 = APIVersion(2, 66)
V2_67 = APIVersion(2, 67)
V2_68 = APIVersion(2, 68)
V2_70 = APIVersion(2, 70)
V2_73 = APIVersion(2, 73)
V2_74 = APIVersion(2, 74)
V2_75 = APIVersion(2, 75)
V2_77 = APIVersion(2, 77)
V2_78 = APIVersion(2, 78)
V2_79 = APIVersion(2, 79)
V2_80 = APIVersion(2, 80)
V2_81 = APIVersion(2, 81)
V2_85 = APIVersion(2, 85)
V2_87 = APIVersion(2, 87)
V2_88 = APIVersion(2, 88)
V2_89 = APIVersion(2, 89)
V2_90 = APIVersion(2, 90)
V2_91 = APIVersion(2, 91)
V2_92 = APIVersion(2, 92)
V2_101 = APIVersion(2, 101)
V2_102 = APIVersion(2, 102)

#: The oldest microversion the client speaks.
MIN_VERSION: APIVersion = APIVersion(2, 1)
#: The newest microversion whose request and response shapes every manager
#: handles; proven against the real Nova in tests/functional.
MAX_VERSION: APIVersion = APIVersion(2, 104)


@functools.lru_cache(maxsize=64)
def _version_headers(major: int, minor: int) -> tuple[tuple[str, str], ...]:
    """Built once per version: every request sends them."""
    version = APIVersion(major, minor)
    if not version.uses_microversions:
        return ()
    text = str(version)
    if version >= V2_27:
        return ((LEGACY_HEADER, text), (HEADER, f"{SERVICE_TYPE} {text}"))
    return ((LEGACY_HEADER, text),)


# python-novaclient's module-level names (get_api_version, discover_version, ...): scripts
# use them.  Here, after the names they read when imported.
from novaclient_lite._legacy_versions import *  # noqa: E402, F403


class VersionRequest(FrozenValue):
    """What the caller asked for: an exact version, or the newest both sides share."""

    __slots__ = ("version",)
    version: APIVersion | None  # None means "negotiate the newest"

    def __init__(self, version: APIVersion | None) -> None:
        self._set(version=version)

    @classmethod
    def parse(cls, text: str | APIVersion | None) -> VersionRequest:
        """Parse ``"auto"``, ``"2.latest"``, ``"2"`` or ``"2.N"``.

        Raises:
            UnsupportedVersion: for a malformed string, a major version other
                than 2, or a microversion outside the client's range.
        """
        if isinstance(text, APIVersion):
            if text.is_latest():
                return cls(None)
            version = APIVersion(2, 0) if text.is_null() else text  # null: no microversion
        else:
            raw = "auto" if text is None else str(text).strip()
            if raw.lower() in ("auto", "2.latest", "latest"):
                return cls(None)
            version = APIVersion.parse(raw)
        if version.major != 2:
            raise exceptions.UnsupportedVersion(
                f"Compute API major version {version.major} is not supported; only 2 is."
            )
        if version.uses_microversions and not MIN_VERSION <= version <= MAX_VERSION:
            raise exceptions.UnsupportedVersion(
                f"Compute API version {version} is outside the range this client supports "
                f"({MIN_VERSION} - {MAX_VERSION})."
            )
        return cls(version)

    @property
    def needs_discovery(self) -> bool:
        """Whether the server's version document must be read first."""
        return self.version is None or self.version.uses_microversions


class ServerVersions(FrozenValue):
    """The microversion range a compute endpoint advertises (None: no microversions)."""

    __slots__ = ("max_version", "min_version")
    min_version: APIVersion | None
    max_version: APIVersion | None

    def __init__(self, min_version: APIVersion | None, max_version: APIVersion | None) -> None:
        self._set(min_version=min_version, max_version=max_version)

    @classmethod
    def from_document(cls, body: Any) -> ServerVersions:
        """Read ``{"version": {...}}`` or ``{"versions": [...]}`` from a version document.

        Raises:
            InvalidResponse: if the document has neither shape.
        """
        doc: Any = None
        if isinstance(body, dict) and isinstance(body.get("version"), dict):
            doc = body["version"]
        elif isinstance(body, dict) and isinstance(body.get("versions"), list):
            candidates = [v for v in body["versions"] if isinstance(v, dict)]
            current = [v for v in candidates if v.get("status") == "CURRENT"]
            pool = current or candidates
            doc = pool[0] if pool else None
        if not isinstance(doc, dict):
            raise exceptions.InvalidResponse(
                "The compute endpoint's version document has no 'version' entry."
            )
        max_text, min_text = doc.get("version") or "", doc.get("min_version") or ""
        if not max_text:
            return cls(None, None)
        try:
            low, high = APIVersion.parse(min_text or "2.1"), APIVersion.parse(max_text)
        except exceptions.UnsupportedVersion as exc:
            raise exceptions.InvalidResponse(
                f"The compute endpoint advertises an unreadable version range "
                f"{min_text!r} - {max_text!r}."
            ) from exc
        if low.major != 2 or high.major != 2:
            raise exceptions.InvalidResponse(
                f"The compute endpoint advertises {min_text} - {max_text}, which is not a "
                "compute API v2 microversion range."
            )
        return cls(low, high)


def negotiate(request: VersionRequest, server: ServerVersions) -> APIVersion:
    """Pick the version to speak with a server.

    ``auto``/``2.latest`` gives min(client max, server max); an explicit version
    must lie inside the server's range.

    Raises:
        UnsupportedVersion: naming both ranges when no version fits.
    """
    if server.max_version is None or server.min_version is None:
        # A server without microversions speaks 2.0 (the 2.1 base behaviour).
        if request.version is None or not request.version.uses_microversions:
            return APIVersion(2, 0)
        raise exceptions.UnsupportedVersion(
            f"Compute API version {request.version} was requested, but the server "
            "does not support microversions."
        )
    ranges = (
        f"server supports {server.min_version} - {server.max_version}, "
        f"client supports {MIN_VERSION} - {MAX_VERSION}"
    )
    if request.version is None:
        if server.max_version < MIN_VERSION or server.min_version > MAX_VERSION:
            raise exceptions.UnsupportedVersion(f"No common compute API version: {ranges}.")
        return min(MAX_VERSION, server.max_version)
    if not request.version.uses_microversions:
        return request.version
    if not server.min_version <= request.version <= server.max_version:
        raise exceptions.UnsupportedVersion(
            f"Compute API version {request.version} is not available: {ranges}."
        )
    return request.version


def within(
    version: APIVersion, since: APIVersion | None = None, until: APIVersion | None = None
) -> bool:
    """Whether ``since <= version <= until`` (a None end is open)."""
    return (since is None or version >= since) and (until is None or version <= until)


def require(
    option: str,
    version: APIVersion,
    *,
    since: APIVersion | None = None,
    until: APIVersion | None = None,
    also: tuple[APIVersion, APIVersion] | None = None,
    hint: str = "",
    message: str | None = None,
) -> None:
    """The one microversion gate: refuse ``option`` outside ``since``..``until``.

    ``also`` is a second, older window (e.g. network tags: 2.32-2.36, then
    2.42 on).  Call it before anything is sent; managers use
    :meth:`novaclient_lite.base.Manager._require`, which passes the negotiated
    version, and the shell's ``@arg(start_version=...)`` check calls it too.
    ``hint`` ends the message's last sentence (the shell's ``(see --os-compute-api-version)``).
    ``message`` replaces the wording where the shell keeps python-novaclient's own
    text for a refusal (``{version}`` is the session's version), as a CommandError.

    Raises:
        UnsupportedAttribute: ``'<option>' needs compute API microversion 2.N or
            later. This session uses 2.M.`` (or ``2.N or earlier``, ``2.N to 2.M``).
        CommandError: with ``message``.
    """
    if within(version, since, until) or (also is not None and within(version, *also)):
        return
    if message is not None:
        raise exceptions.CommandError(message.format(version=version))
    error = exceptions.UnsupportedAttribute(option, since, until, version=version, also=also)
    if hint:
        error.message = f"{error.message.removesuffix('.')} {hint}."
        error.args = (error.message,)
    raise error
