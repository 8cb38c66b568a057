"""``nova delete vm1 vm2 ...``: one request per server, as many at once as the pool holds."""

from __future__ import annotations

import io
import threading

import requests.adapters
import requests_mock

from novaclient_lite.shell import multi
from novaclient_lite.shell.environment import Environment
from tests.unit.shell.support import RunCli
from tests.unit.support import COMPUTE_URL

IDS = [f"9168b536-cd40-4630-b43f-{i:012d}" for i in range(25)]


def test_the_bound_is_the_connection_pool_of_one_host() -> None:
    assert multi.MAX_WORKERS == requests.adapters.DEFAULT_POOLSIZE == 10


def test_ten_targets_run_at_once_by_default() -> None:
    active, peak, arrived = 0, 0, 0
    lock = threading.Lock()
    ten = threading.Barrier(10, timeout=10)

    def action(target: str) -> None:
        nonlocal active, peak, arrived
        with lock:
            active += 1
            arrived += 1
            peak = max(peak, active)
            first_ten = arrived <= 10
        if first_ten:
            ten.wait()  # the first ten meet here, which a bound below 10 never allows
        with lock:
            active -= 1

    env = Environment(io.StringIO(), io.StringIO(), io.StringIO())
    results = multi.for_each(env, IDS, action, what="delete server")
    assert peak == 10
    assert results.failures == 0 and len(results.lines) == len(IDS)


def test_delete_by_id_sends_one_delete_per_server(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    for sid in IDS:
        mock.delete(f"{COMPUTE_URL}/servers/{sid}", status_code=204)
    result = run_cli(["delete", *IDS])
    assert result.exit_code == 0, result.stderr
    deletes = [r.path for r in mock.request_history if r.method == "DELETE"]
    assert sorted(deletes) == sorted(f"/v2.1/servers/{sid}" for sid in IDS)
    assert len(mock.request_history) == len(IDS) + 2  # and the login and the version document
    assert result.stdout.splitlines() == [
        f"Request to delete server {sid} has been accepted." for sid in IDS
    ]
