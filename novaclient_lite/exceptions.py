"""The error model: one ``ClientException`` root, one class per HTTP status.

Every HTTP error is raised at one place, :func:`from_response`, called by
:class:`novaclient_lite.http.HTTPClient`; no manager or command looks at a
status code.  Messages never contain request bodies, tokens or passwords.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from novaclient_lite.dry_run import PlannedRequest


class ClientException(Exception):
    """The root of every error this library raises on purpose.

    Attributes:
        code: the HTTP status (None for errors that happened before a response).
        message: Nova's fault message, or a short description.
        details: extra text from the fault body, if any.
        request_id: the response's request id (``x-openstack-request-id``,
            else ``x-compute-request-id``).
        url, method: the request that failed.
    """

    http_status: int | None = None
    default_message = "An error occurred"

    def __init__(
        self,
        message: str | int | None = None,
        *legacy: Any,
        code: int | None = None,
        details: str | None = None,
        request_id: str | None = None,
        url: str | None = None,
        method: str | None = None,
    ) -> None:
        text: str | None = None if isinstance(message, int) else message
        if isinstance(message, int) and not isinstance(message, bool):
            # python-novaclient's positional form: (code, message, details, request_id, url, method)
            code, legacy = message, (*legacy, None, None, None, None, None)
            text, details, request_id = legacy[0], details or legacy[1], request_id or legacy[2]
            url, method = url or legacy[3], method or legacy[4]
        elif legacy:
            raise TypeError(f"{type(self).__name__}() takes the message and keyword arguments")
        self.code = code if code is not None else self.http_status
        self.message: str = text or self.default_message
        self.details = details
        self.request_id = request_id
        self.url = url
        self.method = method
        super().__init__(self.message)

    def __str__(self) -> str:
        text = self.message
        if self.code is not None:
            text += f" (HTTP {self.code})"
        if self.request_id:
            text += f" (Request-ID: {self.request_id})"
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class UnsupportedVersion(ClientException):
    """The requested API version is malformed or not supported by both sides."""


class UnsupportedAttribute(ClientException, AttributeError):
    """An argument is not available at the negotiated microversion.

    Also an ``AttributeError``, as python-novaclient's is.

    The message names the argument, the range it needs and, when known, the
    version in use: ``'tags' needs compute API microversion 2.52 or later.
    This session uses 2.51.``  Raised through :func:`novaclient_lite.api_versions.require`
    (managers call ``self._require(...)``).

    Attributes:
        argument: the argument (or option) refused.
        start, end: the range it needs, as text (None: open-ended).
        version: the negotiated version, as text (None when not given).
    """

    def __init__(
        self,
        argument: str,
        start: object = None,
        end: object = None,
        *,
        version: object = None,
        also: tuple[object, object] | None = None,
    ) -> None:
        if start and end:
            needs = f"microversions {start} to {end}"
        elif end:
            needs = f"microversion {end} or earlier"
        else:
            needs = f"microversion {start} or later"
        if also:
            low, high = also
            needs += f" (or {low})" if low == high else f" (or {low} to {high})"
        text = f"'{argument}' needs compute API {needs}."
        if version is not None:
            text += f" This session uses {version}."
        super().__init__(text)
        self.argument = argument
        self.start = None if start is None else str(start)
        self.end = None if end is None else str(end)
        self.version = None if version is None else str(version)


class CommandError(ClientException):
    """Bad input from the user, found before anything was sent."""


class ValidationError(CommandError):
    """An argument fails Nova's documented limits; nothing was sent."""


class NoUniqueMatch(ClientException):
    """A name matched more than one resource."""


class InvalidResponse(ClientException):
    """The server answered with something that is not the documented shape."""


class EndpointNotFound(ClientException):
    """The service catalog has no endpoint for a service (compute, image, network)."""


class ConnectionError(ClientException):
    """The endpoint could not be reached or the connection broke."""


class Timeout(ClientException):
    """The server did not answer within the timeout."""


class WaitTimeout(ClientException):
    """A ``--wait`` loop passed its deadline."""


class ResourceInErrorState(ClientException):
    """A resource went to ERROR while being waited for."""


class RequestNotSent(Exception):
    """A dry run held this request back: nothing was sent, so there is no answer.

    Raised by the HTTP choke point for every POST/PUT/PATCH/DELETE of a client
    built with ``dry_run`` (see :mod:`novaclient_lite.dry_run`).  It is not a
    failure and deliberately not a ``ClientException``: an ``except
    ClientException`` fallback must never mistake "not sent" for an error and
    carry on as if the call had been answered.

    Attributes:
        request: the :class:`~novaclient_lite.dry_run.PlannedRequest` (secrets masked).
    """

    def __init__(self, request: PlannedRequest) -> None:
        super().__init__(f"Dry run: {request.method} {request.url} was not sent.")
        self.request = request


class HTTPException(ClientException):
    """An HTTP error response (status >= 400)."""

    default_message = "HTTP error"


class BadRequest(HTTPException):
    http_status = 400
    default_message = "Bad request"


class Unauthorized(HTTPException):
    http_status = 401
    default_message = "Unauthorized"


class Forbidden(HTTPException):
    http_status = 403
    default_message = "Forbidden"


class NotFound(HTTPException):
    http_status: int | None = 404  # None for ResourceNotFound
    default_message = "Not found"


class ResourceNotFound(NotFound):
    """No resource has the given name or ID (a client-side lookup found none).

    A :class:`NotFound`, so ``except NotFound`` catches it, but ``code`` is None:
    no HTTP 404 was answered (the listing that was searched succeeded).
    """

    http_status = None


class MethodNotAllowed(HTTPException):
    http_status = 405
    default_message = "Method Not Allowed"


class NotAcceptable(HTTPException):
    http_status = 406
    default_message = "Not Acceptable"


class Conflict(HTTPException):
    http_status = 409
    default_message = "Conflict"


class Gone(HTTPException):
    """410: Nova answers this for an API it removed (e.g. ``os-agents``)."""

    http_status: int | None = 410
    default_message = "Gone"


class APIRemoved(Gone):
    """The API was removed from Nova; ``code`` is 410 only when a server answered so
    (None when the advertised version made it certain and nothing was sent)."""

    http_status = None


class RetryAfterException(HTTPException):
    """A rate or size limit; ``retry_after`` holds the server's hint in seconds."""

    def __init__(self, *args: Any, retry_after: float = 0, **kwargs: Any) -> None:
        self.retry_after = retry_after
        super().__init__(*args, **kwargs)


class OverLimit(RetryAfterException):
    http_status = 413
    default_message = "Over limit"


class UnsupportedMediaType(HTTPException):
    http_status = 415
    default_message = "Unsupported Media Type"


class RateLimit(RetryAfterException):
    http_status = 429
    default_message = "Rate limit"


class InternalServerError(HTTPException):
    http_status = 500
    default_message = "Internal Server Error"


class NotImplemented(HTTPException):
    http_status = 501
    default_message = "Not Implemented"


class BadGateway(HTTPException):
    http_status = 502
    default_message = "Bad Gateway"


class ServiceUnavailable(HTTPException):
    http_status = 503
    default_message = "Service Unavailable"


class GatewayTimeout(HTTPException):
    http_status = 504
    default_message = "Gateway Timeout"


# -- python-novaclient's other public names, so that scripts' ``except`` clauses work -----

#: python-novaclient's name for 501 (``NotImplemented`` is also a Python builtin).
HTTPNotImplemented = NotImplemented
#: Older novaclient (and oslo apiclient) names of the same errors.
RequestEntityTooLarge = OverLimit
InstanceInErrorState = ResourceInErrorState


class UnsupportedConsoleType(ClientException):
    """A console type the server or this method does not offer."""

    def __init__(self, console_type: str) -> None:
        super().__init__(f'Unsupported console_type "{console_type}"')
        self.console_type = console_type


class VersionNotFoundForAPIMethod(UnsupportedVersion):
    """A method is not available at the session's microversion (python-novaclient's name)."""

    def __init__(self, version: object, method: str) -> None:
        super().__init__(f"API version '{version}' is not supported on '{method}' method.")
        self.version = version
        self.method = method  # the API method's name, as in python-novaclient


class InstanceInDeletedState(ClientException):
    """A server was deleted while being waited for."""


class InvalidUsage(RuntimeError):
    """A call python-novaclient refuses by design (e.g. ``with client:``)."""


if TYPE_CHECKING:
    from novaclient_lite._faults import body_excerpt as body_excerpt
    from novaclient_lite._faults import from_response as from_response
    from novaclient_lite._faults import request_id_from as request_id_from

#: The fault-body readers that live in :mod:`novaclient_lite._faults` (which maps these
#: classes, so it imports this module): resolved on first use, so that either module
#: can be imported first.
_FAULT_READERS = frozenset({"body_excerpt", "from_response", "request_id_from"})


def __getattr__(name: str) -> Any:
    if name in _FAULT_READERS:
        from novaclient_lite import _faults

        value = getattr(_faults, name)
        globals()[name] = value  # later lookups are plain module attributes
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
