"""The ``nova`` command line.  ``main`` imports the machinery lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from novaclient_lite.shell.environment import Environment


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run ``nova`` with ``argv`` (default ``sys.argv[1:]``); returns the exit code.

    As a console script the return value becomes the process exit status.
    """
    import sys

    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["--version"] and len(args) == 1:  # the fast path: import nothing else
        from novaclient_lite import __version__

        (env.stdout if env is not None else sys.stdout).write(__version__ + "\n")
        return 0
    from novaclient_lite.shell.app import main as _main

    return _main(args, env)
