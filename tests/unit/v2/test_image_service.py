"""cs.glance as a service client: its endpoint, the shared choke point, --os-image-url, wait."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.images import Image
from tests.unit.service_catalog import (
    IMAGE_INTERNAL,
    IMAGE_TWO,
    IMAGE_URL,
    assert_no_microversion,
    sent_to,
    use_catalog,
)
from tests.unit.support import AUTH_URL, COMPUTE_URL, TOKEN
from tests.unit.v2.helpers import IMAGE_ID, only_request
from tests.unit.v2.image_helpers import (
    EXPLICIT,
    IMAGES,
    admin_token_client,
    image,
)

MakeClient = Callable[..., Client]


@pytest.fixture
def cs(mock: requests_mock.Mocker, make_client: MakeClient) -> Client:
    use_catalog(mock)
    return make_client()


# -- the endpoint: catalog (region, interface), explicit URL, missing ----------------------


@pytest.mark.parametrize(
    ("filters", "root"),
    [
        ({}, IMAGE_URL),
        ({"interface": "internal"}, IMAGE_INTERNAL),
        ({"region_name": "RegionTwo"}, IMAGE_TWO),
    ],
)
def test_endpoint_follows_the_compute_filters(
    mock: requests_mock.Mocker, make_client: MakeClient, filters: dict[str, str], root: str
) -> None:
    use_catalog(mock)
    matcher = mock.get(root + "/v2/images", json={"images": [image()]})
    assert make_client(**filters).glance.find_image("cirros").id == IMAGE_ID
    assert matcher.called_once


def test_catalog_url_with_the_version_is_not_doubled(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    use_catalog(mock, image=IMAGE_URL + "/v2/")
    matcher = mock.get(IMAGES, json={"images": [image()]})
    make_client().glance.find_image("cirros")
    assert only_request(matcher).path == "/v2/images"


def test_explicit_image_url_in_admin_token_mode(mock: requests_mock.Mocker) -> None:
    matcher = mock.get(EXPLICIT + "/v2/images", json={"images": [image()]})
    cs = admin_token_client(image_url=EXPLICIT + "/")
    assert cs.glance.find_image("cirros").id == IMAGE_ID
    req = only_request(matcher)
    assert req.headers["X-Auth-Token"] == TOKEN
    assert_no_microversion(req)
    assert len(mock.request_history) == 1


def test_explicit_image_url_wins_over_the_catalog(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    use_catalog(mock)
    matcher = mock.get(EXPLICIT + "/v2/images", json={"images": [image()]})
    make_client(image_url=EXPLICIT + "/v2").glance.find_image("cirros")
    assert matcher.called_once and sent_to(mock, IMAGE_URL) == []


def test_no_image_service_in_the_catalog(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    use_catalog(mock, image=None)
    with pytest.raises(exceptions.EndpointNotFound) as err:
        make_client(region_name="RegionOne").glance.find_image("cirros")
    assert str(err.value) == (
        "No image service in the catalog for region RegionOne "
        "(interface public); pass an image ID or --os-image-url."
    )
    assert all(r.url.startswith(AUTH_URL) for r in mock.request_history)  # the login only


def test_admin_token_mode_without_image_url(mock: requests_mock.Mocker) -> None:
    # token_endpoint answers every service type with the compute URL: never use it.
    with pytest.raises(exceptions.EndpointNotFound, match="for any region .*--os-image-url"):
        admin_token_client().glance.find_image("cirros")
    assert mock.request_history == []


# -- the same choke point as compute: retries, request id, errors, redaction -----------------


def test_same_retries_and_request_id(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    use_catalog(mock)
    matcher = mock.get(IMAGES, [{"status_code": 503}, {"json": {"images": [image()]}}])
    from novaclient_lite.http import RetryPolicy

    cs = make_client(global_request_id="req-global", retry=RetryPolicy(retries=1, backoff=0))
    cs.glance.find_image("cirros")
    assert matcher.call_count == 2
    assert {r.headers["X-OpenStack-Request-ID"] for r in matcher.request_history} == {"req-global"}


def test_retries_off_for_compute_means_off_for_glance(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    use_catalog(mock)
    matcher = mock.get(IMAGES, [{"status_code": 503}, {"json": {"images": [image()]}}])
    from novaclient_lite.http import NO_RETRIES

    with pytest.raises(exceptions.ServiceUnavailable):
        make_client(retry=NO_RETRIES).glance.find_image("cirros")
    assert matcher.call_count == 1


def test_same_timeout_as_compute(mock: requests_mock.Mocker) -> None:
    from keystoneauth1 import session as ksa_session
    from keystoneauth1 import token_endpoint

    from novaclient_lite import Client as make

    session = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, TOKEN))
    cs = make("2.1", session=session, timeout=3.5, image_url=EXPLICIT)
    assert cs.glance.api.timeout == cs.api.timeout == 3.5


def test_errors_are_typed(mock: requests_mock.Mocker, cs: Client) -> None:
    # webob's JSON error body, as Glance sends it
    mock.get(
        IMAGES,
        status_code=403,
        headers={"x-openstack-request-id": "req-g"},
        json={
            "message": "You are not authorized to list images.\n\n   ",
            "code": "403 Forbidden",
            "title": "Forbidden",
        },
    )
    with pytest.raises(exceptions.Forbidden) as err:
        cs.glance.find_image("cirros")
    assert str(err.value) == (
        "You are not authorized to list images. (HTTP 403) (Request-ID: req-g)"
    )


def test_debug_log_masks_the_token(
    mock: requests_mock.Mocker, cs: Client, caplog: pytest.LogCaptureFixture
) -> None:
    mock.get(IMAGES, json={"images": [image()]})
    with caplog.at_level(logging.DEBUG, logger="novaclient_lite"):
        cs.glance.find_image("cirros")
    assert f"REQ: GET {IMAGES}?name=cirros" in caplog.text
    assert TOKEN not in caplog.text


# -- the shell's --os-image-url / OS_IMAGE_URL -----------------------------------------------


@pytest.mark.parametrize("how", ["option", "env"])
def test_shell_image_url_reaches_the_client(mock: requests_mock.Mocker, how: str) -> None:
    import argparse
    import io

    from novaclient_lite.shell import connect, options
    from novaclient_lite.shell.environment import Environment

    env = {"OS_TOKEN": TOKEN, "OS_ENDPOINT_OVERRIDE": COMPUTE_URL}
    argv = ["--os-image-url", EXPLICIT] if how == "option" else []
    if how == "env":
        env["OS_IMAGE_URL"] = EXPLICIT
    parser = argparse.ArgumentParser(add_help=False)
    options.add_global_options(parser, env)
    streams = (io.StringIO(), io.StringIO(), io.StringIO())
    cs = connect.make_client(
        parser.parse_args(argv), Environment(*streams, vars=env), connect.Recorder()
    )
    assert cs.glance.api.endpoint == EXPLICIT
    assert mock.request_history == []


# -- wait: the one polling loop, for an image ----------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def wait(cs: Client, clock: Clock, **kwargs: Any) -> Image:
    return cs.glance.wait(IMAGE_ID, sleep=clock.sleep, clock=clock, **kwargs)


def test_wait_until_active(mock: requests_mock.Mocker, cs: Client) -> None:
    clock, seen = Clock(), []
    matcher = mock.get(
        f"{IMAGES}/{IMAGE_ID}",
        [{"json": image(status=s)} for s in ("queued", "saving", "saving", "active")],
    )
    done = wait(cs, clock, poll_interval=1.5, on_poll=lambda i: seen.append(i.status))
    assert done.status == "active" and matcher.call_count == 4
    assert seen == ["queued", "saving", "saving"]
    assert clock.sleeps == [0.5, 1.0, 1.5]


@pytest.mark.parametrize("state", ["killed", "deleted"])
def test_wait_ends_on_a_dead_image(mock: requests_mock.Mocker, cs: Client, state: str) -> None:
    mock.get(
        f"{IMAGES}/{IMAGE_ID}", [{"json": image(status="saving")}, {"json": image(status=state)}]
    )
    with pytest.raises(exceptions.ResourceInErrorState) as err:
        wait(cs, Clock())
    assert str(err.value) == (
        f"Image {IMAGE_ID} went to status {state} (its upload failed or "
        "it was deleted) while waiting for it to become active."
    )


def test_wait_for_a_vanished_image(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(f"{IMAGES}/{IMAGE_ID}", [{"json": image(status="saving")}, {"status_code": 404}])
    with pytest.raises(exceptions.NotFound, match=f"^Image {IMAGE_ID} disappeared while"):
        wait(cs, Clock())


def test_wait_times_out(mock: requests_mock.Mocker, cs: Client) -> None:
    clock = Clock()
    mock.get(f"{IMAGES}/{IMAGE_ID}", json=image(status="saving"))
    with pytest.raises(exceptions.WaitTimeout) as err:
        wait(cs, clock, timeout=5)
    assert str(err.value) == (
        f"Timed out after 5s waiting for image {IMAGE_ID} to become active (status saving)."
    )
    assert clock.now == 5


def test_a_dry_run_switched_on_after_login_holds_back_image_writes_too() -> None:
    """``nova --dry-run`` sets the sink on the compute client after the login."""
    cs = Client(
        auth_token="t", endpoint_override="http://compute.test/v2.1", image_url="http://image.test"
    )
    records: list[object] = []
    cs.api.dry_run = records.append
    assert cs.glance.api.dry_run is cs.api.dry_run
    with pytest.raises(exceptions.RequestNotSent):
        cs.glance.api.request("DELETE", "/v2/images/x")
    assert len(records) == 1
