"""Run a python-novaclient script both ways and compare what Nova saw and what it printed.

:func:`run_both` runs ``tests/compat/scripts/<script>`` in two subprocesses of
the test venv's python: ``reference`` with python-novaclient 18.13.1
importable (tests/reference_novaclient.py), ``lite`` with the one-line alias
``shim/novaclient`` in front of novaclient_lite.  The dev cloud's recorder
(tests/devcloud/server_recorder.py) logs each request nova received;
:func:`requests_between` reads the lines the runs added, :func:`normalise`
makes two runs comparable (ids, the run's tag, repeated polling GETs), and
:data:`ALLOWED` lists each difference that is on purpose, with its reason
(docs/porting.md, "Python API", says the same).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCRIPTS = HERE / "scripts"
SHIM = HERE / "shim"
RUNNER = (
    "import runpy, sys; sys.path.append(sys.argv[1]); sys.path.insert(0, sys.argv[2]); "
    "sys.argv = sys.argv[3:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX_ID = re.compile(r"\b[0-9a-f]{32}\b")  # keystone project and user ids
_REQ_ID = re.compile(r"req-<uuid>")

#: A request is (method, path, query, microversion header, body), normalised.
Request = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Allowed:
    """A difference on purpose: requests only one client sends, and why."""

    side: str  # "reference" (python-novaclient only) or "lite" (novaclient_lite only)
    method: str
    path: str  # a regular expression over the normalised path
    reason: str

    def matches(self, request: Request) -> bool:
        return request[0] == self.method and re.fullmatch(self.path, request[1]) is not None


#: Differences every script may show.
ALLOWED_ALWAYS = (
    Allowed(
        "lite",
        "GET",
        r"/(v2\.1/)?",
        "novaclient_lite reads the version document once per client, to check that the "
        "server offers the microversion asked for; python-novaclient sends it unchecked",
    ),
)
_LAZY_FIND = (
    "python-novaclient's find(**attrs) lists summaries (GET /flavors) and then GETs each "
    "match in full; novaclient_lite's filters one detailed listing (no hidden GETs)"
)
#: Differences per script.
ALLOWED: dict[str, tuple[Allowed, ...]] = {
    "docs_example.py": (
        Allowed("reference", "GET", r"/flavors", _LAZY_FIND),
        Allowed("reference", "GET", r"/flavors/(?!detail$)[^/]+", _LAZY_FIND),
    ),
}

#: Body keys python-novaclient always sends with Nova's own default, which
#: novaclient_lite sends only when the caller set them: the same request to Nova.
#: Dropped from both sides when they hold that default.
NOVA_DEFAULTS: dict[tuple[str, str], dict[str, dict[str, Any]]] = {
    ("POST", "/servers"): {"server": {"min_count": 1, "max_count": 1}},
}


def without_defaults(method: str, path: str, body: Any) -> Any:
    """``body`` less the :data:`NOVA_DEFAULTS` keys that hold Nova's default value."""
    defaults = NOVA_DEFAULTS.get((method, path))
    if not defaults or not isinstance(body, dict):
        return body
    out = dict(body)
    for key, values in defaults.items():
        if isinstance(out.get(key), dict):
            out[key] = {k: v for k, v in out[key].items() if values.get(k, object()) != v}
    return out


@dataclass
class Run:
    """One run of a script: its output, exit code and the requests nova received."""

    stdout: str
    stderr: str
    returncode: int
    requests: list[dict[str, Any]]


def reference_path() -> Path:
    """python-novaclient's --target directory (installed on first use)."""
    from tests.reference_novaclient import ensure_installed

    return ensure_installed(verbose=False)


#: Scripts whose two runs share state (one project's quotas): run one after the
#: other.  The others' two runs go at once (each run has its own shared server).
SEQUENTIAL = frozenset({"quotas.py"})
MODES = ("reference", "lite")


def _start(script: str, env: dict[str, str], mode: str) -> subprocess.Popen[str]:
    front = str(SHIM) if mode == "lite" else str(SCRIPTS)
    back = str(reference_path()) if mode == "reference" else str(SCRIPTS)
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, back, front, str(SCRIPTS / script)],
        env={**env, "PYTHONPATH": str(SCRIPTS), "PYTHONDONTWRITEBYTECODE": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=str(SCRIPTS),
    )


def side_of(entry: dict[str, Any]) -> str:
    """Which client sent a recorded request: python-novaclient names itself in the agent."""
    return "reference" if "python-novaclient" in entry.get("agent", "") else "lite"


def run_both(
    script: str, envs: dict[str, dict[str, str]], log: Path, timeout: float = 120
) -> dict[str, Run]:
    """Run ``scripts/<script>`` with python-novaclient (``reference``) and with the alias
    (``lite``), at once unless :data:`SEQUENTIAL`; each run's requests are told apart
    by :func:`side_of`."""
    start = log.stat().st_size if log.exists() else 0
    groups = [[m] for m in MODES] if script in SEQUENTIAL else [list(MODES)]
    outputs: dict[str, tuple[str, str, int]] = {}
    for group in groups:
        procs = {mode: _start(script, envs[mode], mode) for mode in group}
        for mode, proc in procs.items():
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
            outputs[mode] = (out, err, proc.returncode)
    entries = requests_between(log, start)
    return {mode: Run(*outputs[mode], [e for e in entries if side_of(e) == mode]) for mode in MODES}


def requests_between(log: Path, start: int) -> list[dict[str, Any]]:
    """The recorder's entries written after byte ``start`` of ``log``."""
    if not log.exists():
        return []
    with log.open("rb") as f:
        f.seek(start)
        return [json.loads(line) for line in f.read().decode().splitlines() if line.strip()]


def scrub(text: str, tags: tuple[str, ...]) -> str:
    """``text`` with uuids, keystone ids and the runs' tags replaced by placeholders."""
    for tag in tags:
        text = text.replace(tag, "<tag>")
    text = _UUID.sub("<uuid>", text)
    text = _HEX_ID.sub("<id>", text)
    return _REQ_ID.sub("<request-id>", text)


def normalise(entries: list[dict[str, Any]], tags: tuple[str, ...]) -> list[Request]:
    """Comparable requests: the ``/v2.1`` prefix dropped, ids and tags scrubbed, and a
    run of identical consecutive GETs (a polling loop: its length depends on timing)
    kept once, so a repeated GET of the same thing is not a difference."""
    out: list[Request] = []
    for entry in entries:
        path = entry["path"]
        path = path[len("/v2.1") :] if path.startswith("/v2.1") else path
        query = "&".join(f"{k}={v}" for k, v in entry["query"])
        raw = without_defaults(entry["method"], path, entry["body"])
        body = json.dumps(raw, sort_keys=True) if raw is not None else ""
        request: Request = (
            entry["method"],
            scrub(path, tags) or "/",
            scrub(query, tags),
            entry["version"] or "",
            scrub(body, tags),
        )
        if entry["method"] == "GET" and out and out[-1] == request:
            continue
        out.append(request)
    return out


def without_allowed(requests: list[Request], side: str, script: str) -> list[Request]:
    """``requests`` less those an :class:`Allowed` entry for ``side`` explains."""
    rules = [a for a in (*ALLOWED_ALWAYS, *ALLOWED.get(script, ())) if a.side == side]
    return [r for r in requests if not any(rule.matches(r) for rule in rules)]


def tag_for(script: str, mode: str) -> str:
    """A name part unique to one run, so two runs never collide on names."""
    return f"{Path(script).stem.replace('_', '')}{mode[:3]}{os.getpid()}"
