"""``nova api``: one authenticated request to any path, for what no command covers yet.

The request goes through the client's one choke point
(:meth:`novaclient_lite.http.HTTPClient.request`): the same login, token cache,
negotiated microversion, retries, typed errors, ``--debug`` redaction and
``--dry-run`` as every other command.  Compute paths are relative to the
compute endpoint; ``--service image|network|placement`` takes that service's
endpoint from the same session's catalog (no microversion headers are added
for it: set one with ``-H``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from novaclient_lite.shell import output
from novaclient_lite.shell.registry import ArgumentError, arg
from novaclient_lite.shell.v2._parsing import FromStdin, header, json_data, stdin_json, url_path

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.http import Response
    from novaclient_lite.v2.client import Client

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
SERVICES = ("compute", "image", "network", "placement")


@arg(
    "method",
    metavar="<method>",
    type=str.upper,
    choices=METHODS,
    help="HTTP method: GET, HEAD, POST, PUT, PATCH or DELETE (any case).",
)
@arg(
    "path",
    metavar="<path>",
    type=url_path,
    help="Path below the service's endpoint, query included, e.g. '/servers/detail?limit=5' "
    "or, with --service image, '/v2/images'.",
)
@arg(
    "--data",
    "-d",
    metavar="<json>|@<file>",
    type=json_data,
    help="JSON request body: the text itself, @file to read it from a file, @- from stdin.",
)
@arg(
    "-H",
    "--header",
    dest="headers",
    metavar="'<name>: <value>'",
    type=header,
    action="append",
    default=[],
    help="Add or replace a request header (repeatable), e.g. "
    "-H 'OpenStack-API-Version: placement 1.39'.",
)
@arg(
    "--service",
    metavar="<service>",
    choices=SERVICES,
    default="compute",
    help="Service whose endpoint the path is below: compute (default; the negotiated "
    "microversion headers are sent), image, network or placement (from the catalog).",
)
@arg(
    "-i",
    "--include",
    action="store_true",
    default=False,
    help="Print the response status and headers (credentials masked) before the body.",
)
def do_api(cs: Client, args: Namespace) -> output.Output | None:
    """Send one request to the compute API (or another service) and print the JSON answer.

    The body is pretty-printed (-f json or -f value: compact, one line). A
    status of 400 or more is an error naming the status and the request ID
    (exit 1). With --dry-run a POST, PUT, PATCH or DELETE is printed, not sent.
    """
    if args.columns:
        raise ArgumentError("-c/--column does not apply: 'nova api' prints the whole body")
    body = stdin_json(args.env.stdin, "--data") if isinstance(args.data, FromStdin) else args.data
    compute = args.service == "compute"
    url = args.path if compute else service_endpoint(cs, args.service) + args.path
    response = cs.api.request(
        args.method, url, json=body, headers=dict(args.headers), versioned=compute
    )
    shown: list[output.Output] = []
    if args.include:
        shown.append(output.Text(status_lines(response)))
    if response.body is not None:
        shown.append(output.Text(render(response.body, args.format)))
    return output.Group(shown) if shown else None


def render(body: Any, fmt: str) -> str:
    """A JSON body as ``nova api`` prints it in format ``fmt``."""
    if fmt == "yaml":
        return output.to_yaml(body)
    if fmt in ("json", "value"):
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def status_lines(response: Response) -> str:
    """``HTTP 202`` and one ``Name: value`` line per response header (credentials masked)."""
    from novaclient_lite import redaction  # NOTE: hashlib costs `nova help` ~6 ms

    headers = redaction.redact_headers(response.headers)
    return "".join([f"HTTP {response.status}\n", *(f"{k}: {v}\n" for k, v in headers.items())])


#: What ``nova api --service`` says when the login has no catalog entry for the service.
NO_CATALOG = "logins without a catalog (admin_token, none, a warm --os-cache) reach compute only"


def service_endpoint(cs: Client, service: str) -> str:
    """The catalog's endpoint of ``service``, in the compute client's region and interface.

    The lookup is :class:`~novaclient_lite.services.ServiceClient`'s, the one
    ``cs.glance`` and ``cs.neutron`` use.

    Raises:
        EndpointNotFound: the catalog has none, or the login has no catalog
            (``--os-auth-type admin_token``/``none``, a warm ``--os-cache``).
        ClientException subclasses: the login that reads the catalog failed.
    """
    from novaclient_lite.services import ServiceClient

    return ServiceClient(cs.api, service, missing=NO_CATALOG).endpoint
