"""``nova``: parse, authenticate lazily, run one command, render, map errors to exit codes.

Parsing is two-stage for start-up speed: the global parser takes the global
options and the command name, then only that command's sub-parser is built.
The command index (``shell/v2/_index.py``, generated) names the module of
each command, so a command imports only its own module; ``nova help`` and
the unknown-command suggestions read the index and import none.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from novaclient_lite import __version__, exceptions
from novaclient_lite.shell import options, output, registry, suggest
from novaclient_lite.shell.environment import Environment
from novaclient_lite.shell.exit_status import ExitStatus
from novaclient_lite.shell.v2._index import COMMANDS as INDEX

if TYPE_CHECKING:
    from novaclient_lite.shell.connect import Recorder
    from novaclient_lite.shell.dry_run import Printer

DESCRIPTION = "Command-line interface to the OpenStack Compute (Nova) API."
EPILOG = 'See "nova help COMMAND" for help on a specific command.'


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    """Run ``nova``; returns the exit status (never raises, except SystemExit)."""
    env = env or Environment.from_process()
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        return int(_main(args_list, env))
    except KeyboardInterrupt:
        env.stderr.write("... terminating nova client\n")
        return ExitStatus.CTRL_C


class Shell:
    """The parsers and commands of one run."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.parser_class = options.parser_class(env.stdout, env.stderr)
        self.parser = self.parser_class(
            prog="nova",
            usage="nova [options] <subcommand> [<args>]",
            description=DESCRIPTION,
            epilog=EPILOG,
            add_help=False,
            formatter_class=options.HelpFormatter,
            # NOTE: no abbreviations of global options: a command option that is a prefix
            # of one (nova api --service vs --service-type) would be refused as ambiguous.
            allow_abbrev=False,
        )
        options.add_global_options(self.parser, env.vars)
        self.parser.add_argument(
            "command_name", metavar="<subcommand>", nargs="?", help="See the list below."
        )
        self.parser.add_argument("command_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        #: the commands imported so far (built-ins by the index, then plugins)
        self.commands: dict[str, registry.Command] = {}
        self._subparsers: dict[str, argparse.ArgumentParser] = {}
        self._plugins_loaded = False

    def find(self, name: str) -> registry.Command | None:
        """The command called ``name``: a built-in imports only the module the index
        names; plugins are loaded only when no built-in has the name."""
        if name not in self.commands and name in INDEX:
            self._add(importlib.import_module(f"novaclient_lite.shell.{INDEX[name][0]}"))
        if name not in self.commands:
            self.load_plugins()
        return self.commands.get(name)

    def load_all(self) -> None:
        """Import every built-in command (completion needs all their options)."""
        for module in registry.builtin_modules():
            self._add(module)

    def _add(self, module: Any) -> None:
        for name, cmd in registry.discover([module]).items():
            self.commands.setdefault(name, cmd)

    def names(self) -> list[str]:
        """Every command name known without importing a module: the index's and the
        loaded plugins'."""
        return sorted(INDEX.keys() | self.commands.keys())

    def load_plugins(self) -> None:
        """Add the commands of ``novaclient_lite.commands`` plugins (once; see
        :mod:`novaclient_lite.plugins`).  A failing plugin, or a plugin command
        named like an existing one, costs one line on stderr and is skipped."""
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        from novaclient_lite import plugins

        def warn(text: str) -> None:
            self.env.stderr.write(f"nova: WARNING: {text}\n")

        for module in plugins.load_command_modules(warn):
            try:
                found = registry.discover([module])
            except ValueError as exc:
                warn(f"plugin module {module.__name__} ignored: {exc}")
                continue
            for name, cmd in found.items():
                if name in self.commands or name in INDEX:
                    warn(
                        f"plugin command '{name}' of {module.__name__} ignored: "
                        f"'nova {name}' already exists"
                    )
                else:
                    self.commands[name] = cmd

    def subparser(self, name: str) -> argparse.ArgumentParser:
        """The sub-parser of one command (built on first use)."""
        if name not in self._subparsers:
            cmd = self.find(name)
            if cmd is None:
                raise KeyError(name)
            parser = self.parser_class(
                prog=f"nova {name}", description=cmd.doc, formatter_class=options.HelpFormatter
            )
            registry.add_arguments(parser, cmd)
            if cmd.needs_client:
                options.add_output_options(parser)
            self._subparsers[name] = parser
        return self._subparsers[name]

    def all_subparsers(self) -> dict[str, argparse.ArgumentParser]:
        """Every command's sub-parser (imports every command module)."""
        self.load_all()
        return {name: self.subparser(name) for name in sorted(self.commands)}

    def format_help(self, plugins_hint: bool = False) -> str:
        """The global help followed by every command and its one-line summary (built-ins
        from the index: no command module is imported)."""
        text = self.parser.format_help()
        names = self.names()
        width = max(len(n) for n in names) + 4
        lines = [f"  {name.ljust(width)}{self._help_line(name)}" for name in names]
        if plugins_hint:
            lines.append("\n  Commands added by plugins: nova help --plugins")
        head, sep, tail = text.partition(f"\n{EPILOG}")
        return head.rstrip("\n") + "\n\nSubcommands:\n" + "\n".join(lines) + "\n" + sep + tail

    def _help_line(self, name: str) -> str:
        return INDEX[name][1] if name in INDEX else registry.help_line(self.commands[name])

    def unknown(self, name: str) -> options.UsageError:
        """The usage error for a name that is no command, with the close names."""
        close = suggest.close_names(name, self.names())
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
        return options.UsageError(
            f"nova: error: '{name}' is not a nova command.{hint} See 'nova help'."
        )


def _fast_version(argv: list[str]) -> bool:
    """``nova [--flags] --version``: answered before any command module is imported."""
    if "--version" not in argv:
        return False
    return all(a.startswith("-") for a in argv[: argv.index("--version")])


def _main(argv: list[str], env: Environment) -> int:
    if _fast_version(argv):
        env.stdout.write(__version__ + "\n")
        return ExitStatus.SUCCESS
    shell = Shell(env)
    try:
        args = shell.parser.parse_args(argv)
        if args.version:
            env.stdout.write(__version__ + "\n")
            return ExitStatus.SUCCESS
        if args.command_name is None or args.help:
            env.stdout.write(shell.format_help())
            return ExitStatus.SUCCESS
        cmd = shell.find(args.command_name)
        if cmd is None:
            raise shell.unknown(args.command_name)
        shell.subparser(cmd.name).parse_args(args.command_args, namespace=args)
    except options.ParserExit as exc:
        return exc.status
    except options.UsageError as exc:
        env.stderr.write(f"{exc}\n")
        return ExitStatus.USAGE
    if args.dry_run:
        env = env.replace(dry_run=True)
    args.env, args.app = env, shell
    with _DebugLogging(env, args.debug):
        return _run(cmd, args, env)


def _run(cmd: registry.Command, args: argparse.Namespace, env: Environment) -> int:
    recorder: Recorder | None = None
    printer = _dry_run_printer(cmd, env, args.format)
    try:
        cs = None
        if cmd.needs_client:
            from novaclient_lite.shell.connect import Recorder, make_client

            recorder = Recorder()
            cs = make_client(args, env, recorder)
            cs.api.dry_run = printer  # login and discovery are done; nothing else was sent
            registry.check_versions(cmd, args, cs.api_version)
        result = cmd.func(cs, args)
        emit = output.emit if printer is None else printer.emit
        failures = emit(result, env.stdout, env.stderr, args.format, args.columns)
    except exceptions.RequestNotSent:  # a dry run stopped at its first change: a success
        failures = 0
    except options.UsageError as exc:
        env.stderr.write(f"{exc}\n")
        return ExitStatus.USAGE
    except registry.ArgumentError as exc:
        env.stderr.write(f"{_usage_line(args.app.subparser(cmd.name), str(exc))}\n")
        return ExitStatus.USAGE
    except BrokenPipeError:  # `nova list | head -1`: the reader went away; say nothing
        _silence_stdout(env)
        return ExitStatus.ERROR
    except output.ColumnError as exc:
        env.stderr.write(f"ERROR (CommandError): {exc}\n")
        return ExitStatus.ERROR
    except Exception as exc:  # every failure becomes one line (a traceback only with --debug)
        if args.debug:
            import traceback

            env.stderr.write(traceback.format_exc())
        env.stderr.write(f"ERROR ({type(exc).__name__}): {_message(exc)}\n")
        return ExitStatus.ERROR
    finally:
        if args.timings and recorder is not None:
            _print_timings(env, recorder)
    if printer is not None:
        printer.finish(env.stderr)
    return ExitStatus.ERROR if failures else ExitStatus.SUCCESS


def _usage_line(parser: argparse.ArgumentParser, message: str) -> str:
    """``nova <cmd>: error: <message> (see 'nova help <cmd>')``: the parser's own format."""
    try:
        parser.error(message)
    except options.UsageError as exc:
        return str(exc)


def _dry_run_printer(cmd: registry.Command, env: Environment, fmt: str) -> Printer | None:
    """The ``--dry-run`` sink for a command that talks to Nova, else None."""
    if not (env.dry_run and cmd.needs_client):
        return None
    from novaclient_lite.shell.dry_run import Printer

    return Printer(env.stdout, fmt)


def _silence_stdout(env: Environment) -> None:
    """Point the real stdout at /dev/null so the interpreter's final flush stays quiet."""
    if env.stdout is sys.stdout:
        import os

        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass


def _message(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def _print_timings(env: Environment, recorder: Recorder) -> None:
    rows = [[t.method, t.url, str(t.status), f"{t.seconds:.3f}"] for t in recorder.timings]
    total = sum(t.seconds for t in recorder.timings)
    rows.append(["", "Total", "", f"{total:.3f}"])
    env.stderr.write(output.draw(["Method", "URL", "Status", "Seconds"], rows) + "\n")


class _DebugLogging:
    """Route the library's loggers to stderr at DEBUG for one run; others stay quiet.

    keystoneauth1's loggers get no handler (they log request bodies); the
    shell logs a body-less line for each identity request instead.
    """

    def __init__(self, env: Environment, enabled: bool) -> None:
        self.env = env
        self.enabled = enabled
        self.handler: Any = None

    def __enter__(self) -> None:
        if self.enabled:
            import logging

            self.handler = logging.StreamHandler(self.env.stderr)
            self.handler.setFormatter(logging.Formatter("DEBUG (%(name)s) %(message)s"))
            logger = logging.getLogger("novaclient_lite")
            self.level = logger.level
            logger.addHandler(self.handler)
            logger.setLevel(logging.DEBUG)

    def __exit__(self, *exc: Any) -> None:
        if self.handler is not None:
            import logging

            logger = logging.getLogger("novaclient_lite")
            logger.removeHandler(self.handler)
            logger.setLevel(self.level)
