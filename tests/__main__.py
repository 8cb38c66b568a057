"""The README's test command: ``python3 -m tests`` (stdlib only, fresh machine).

    python3 -m tests            # everything: unit, meta, reliability, functional, mypy, ruff
    python3 -m tests unit       # quick: unit, meta and reliability tests only (no real Nova)
    python3 -m tests functional # only the functional tests against the real Nova
    python3 -m tests all -- -k backup   # extra arguments after -- go to pytest
    python3 -m tests unit --coverage    # also measure line and branch coverage of novaclient_lite

It creates ``.venv`` with novaclient_lite and its test tools, installs
python-novaclient beside it for the comparison tests (tests/reference_novaclient.py),
installs the dev cloud (nova, placement, keystone in ``.devcloud/venv``) when
functional tests run, then runs pytest (which starts one real Nova for the whole
session) and the static checks.  The exit code is non-zero when anything fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from tests.bootstrap import REPO, ensure_client_venv

SUITES = {
    "unit": ["tests/unit", "tests/meta", "tests/reliability"],
    "functional": ["tests/functional"],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tests", description=__doc__.split("\n")[0])
    parser.add_argument("suite", nargs="?", default="all", choices=["all", "unit", "functional"])
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="run pytest under coverage and print the report for novaclient_lite",
    )
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    venv = ensure_client_venv()
    python = str(venv / "bin" / "python")
    paths = SUITES["unit"] + SUITES["functional"] if args.suite == "all" else SUITES[args.suite]
    from tests.reference_novaclient import ensure_installed

    ensure_installed(venv)  # python-novaclient, for the compatibility and signature tests
    if "tests/functional" in paths:
        from tests.devcloud.cloud import DevCloud

        DevCloud.install(verbose=True)

    runner = [python, "-m", "coverage", "run", "-m"] if args.coverage else [python, "-m"]
    steps: list[tuple[str, list[str]]] = [
        (
            "pytest",
            [*runner, "pytest", "-q", "-ra", "-p", "no:cacheprovider", *paths, *args.pytest_args],
        ),
    ]
    if args.coverage:
        steps.append(("coverage report", [python, "-m", "coverage", "report"]))
    if args.suite == "all":
        steps += [
            ("mypy --strict", [python, "-m", "mypy", "novaclient_lite"]),
            (
                "ruff",
                [
                    python,
                    "-m",
                    "ruff",
                    "check",
                    "--no-cache",
                    "novaclient_lite",
                    "tests",
                    "benchmarks",
                    "tools",
                ],
            ),
            (
                "ruff format --check",
                [
                    python,
                    "-m",
                    "ruff",
                    "format",
                    "--check",
                    "--no-cache",
                    "novaclient_lite",
                    "tests",
                    "benchmarks",
                    "tools",
                ],
            ),
        ]
    failed = []
    for name, cmd in steps:
        print(f"\n=== {name}: {' '.join(cmd[1:])}", flush=True)
        if subprocess.run(cmd, cwd=REPO).returncode != 0:
            failed.append(name)
    elapsed = time.monotonic() - started
    if failed:
        print(f"\nFAILED: {', '.join(failed)} ({elapsed:.0f} s)")
        return 1
    print(f"\nall checks passed ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
