"""keypair-* commands."""

from __future__ import annotations

from tests.unit.bodies import keypair
from tests.unit.support import COMPUTE_URL, last_request, version_document
from tests.unit.v2.helpers import query_of

URL = COMPUTE_URL + "/os-keypairs"
PRIVATE = "-----BEGIN RSA PRIVATE KEY-----\nMIIE-unique-marker\n-----END RSA PRIVATE KEY-----"


def test_keypair_add_generated_prints_private_key_once(mock, run_cli):
    mock.get(COMPUTE_URL + "/", json=version_document("2.91"))
    mock.post(URL, json={"keypair": keypair(private_key=PRIVATE)})
    result = run_cli("keypair-add k1 --key-type ssh")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == PRIVATE + "\n"
    assert last_request(mock).json() == {"keypair": {"name": "k1", "type": "ssh"}}


def test_keypair_add_generated_refused_at_2_92(mock, run_cli):
    result = run_cli("keypair-add k1")
    assert result.exit_code == 1
    assert result.stderr.startswith("ERROR (ValidationError): Nova stopped generating key pairs")


def test_keypair_add_from_file(mock, run_cli, tmp_path):
    path = tmp_path / "id.pub"
    path.write_text("ssh-ed25519 AAAAC3 me@host\n")
    mock.post(URL, json={"keypair": keypair()})
    result = run_cli(f"keypair-add k1 --pub-key {path} --user u2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert last_request(mock).json() == {
        "keypair": {
            "name": "k1",
            "public_key": "ssh-ed25519 AAAAC3 me@host\n",
            "type": "ssh",  # python-novaclient's --key-type default, sent from 2.2
            "user_id": "u2",
        }
    }


def test_keypair_add_from_stdin(mock, run_cli):
    mock.post(URL, json={"keypair": keypair()})
    assert run_cli("keypair-add k1 --pub-key -", stdin="ssh-rsa XYZ").exit_code == 0
    assert last_request(mock).json()["keypair"]["public_key"] == "ssh-rsa XYZ"


def test_keypair_add_unreadable_file(mock, run_cli, tmp_path):
    result = run_cli(f"keypair-add k1 --pub-key {tmp_path}/missing.pub")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"ERROR (CommandError): Can't open or read '{tmp_path}/missing.pub': No such file"
    )


def test_keypair_add_user_needs_2_10(mock, run_cli):
    result = run_cli("--os-compute-api-version 2.9 keypair-add k1 --user u2 --pub-key -")
    assert result.exit_code == 1
    assert "'--user' needs compute API microversion 2.10 or later" in result.stderr


def test_keypair_list(mock, run_cli):
    mock.get(URL, json={"keypairs": [{"keypair": keypair()}, {"keypair": keypair("k2")}]})
    result = run_cli("keypair-list --user u1 --limit 10 --marker k0")
    assert result.exit_code == 0, result.stderr
    assert result.header == ["Name", "Type", "Fingerprint"]
    assert result.table == [["k1", "ssh", "aa:bb"], ["k2", "ssh", "aa:bb"]]
    assert query_of(last_request(mock)) == {"user_id": ["u1"], "limit": ["10"], "marker": ["k0"]}


def test_keypair_list_2_1_has_no_type(mock, run_cli):
    mock.get(URL, json={"keypairs": [{"keypair": keypair()}]})
    result = run_cli("--os-compute-api-version 2.1 keypair-list")
    assert result.header == ["Name", "Fingerprint"]


def test_keypair_show(mock, run_cli):
    mock.get(URL + "/k1", json={"keypair": keypair()})
    result = run_cli("keypair-show k1 -f json")
    assert result.json["public_key"] == "ssh-rsa AAAA k"


def test_keypair_delete_several(mock, run_cli):
    mock.delete(URL + "/k1", status_code=202)
    mock.delete(
        URL + "/k2", status_code=404, json={"itemNotFound": {"message": "Keypair k2 not found."}}
    )
    result = run_cli("keypair-delete k1 k2")
    assert result.exit_code == 1
    assert result.stdout == "Keypair k1 has been deleted.\n"
    assert result.stderr == "ERROR (NotFound): Keypair k2 not found. (HTTP 404) for k2\n"
