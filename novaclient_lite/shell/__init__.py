"""The ``nova`` command line.  ``main`` imports the machinery lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from novaclient_lite.shell.environment import Environment


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run ``nova`` with ``argv`` (default ``sys.argv[1:]``); returns the exit code.

    For callers that embed the shell (tests, scripts); the ``nova`` script
    runs :func:`console_main`.
    """
    import sys

    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["--version"] and len(args) == 1:  # the fast path: import nothing else
        from novaclient_lite import __version__

        (env.stdout if env is not None else sys.stdout).write(__version__ + "\n")
        return 0
    from novaclient_lite.shell.app import main as _main

    return _main(args, env)


def console_main() -> int:
    """The ``nova`` script and ``python -m novaclient_lite``: :func:`main` in a
    process that ends with it.

    A ``nova`` run allocates long-lived objects (modules, one parser, one
    listing's cells) and no reference cycles worth reclaiming, so the cyclic
    garbage collector is off for the run, and everything is frozen before the
    interpreter exits, whose final collections then have nothing to traverse.
    That saves 50-80 ms per command (docs/performance.md, "The garbage
    collector").  Reference counting still frees memory as the run goes;
    ``finally`` blocks, atexit handlers and stream flushes all run as usual.
    :func:`main` leaves the collector alone.
    """
    import gc

    gc.disable()
    try:
        return main()
    finally:
        gc.freeze()
