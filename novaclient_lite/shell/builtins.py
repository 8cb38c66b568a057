"""Commands of the shell itself: help, bash-completion, completion."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg, command

if TYPE_CHECKING:
    from novaclient_lite.shell.app import Shell


def _app(args: argparse.Namespace) -> Shell:
    app: Shell = args.app
    return app


def _options(app: Shell) -> set[str]:
    found = set(app.parser._option_string_actions)
    for sub in app.all_subparsers().values():
        found.update(sub._option_string_actions)
    return found


@command(needs_client=False)
@arg("command", metavar="<subcommand>", nargs="?", help="Display help for <subcommand>.")
@arg(
    "--plugins",
    action="store_true",
    default=False,
    help="Also list the commands that installed plugins add.",
)
def do_help(cs: Any, args: argparse.Namespace) -> output.Output:
    """Display help about this program or one of its subcommands."""
    app = _app(args)
    if args.command:
        if app.find(args.command) is None:
            raise app.unknown(args.command)
        return output.Text(app.subparser(args.command).format_help())
    # NOTE: reading entry points costs ~25 ms (importlib.metadata), so a plain
    # "nova help" lists the built-in commands only.
    if args.plugins:
        app.load_plugins()
    return output.Text(app.format_help(plugins_hint=not args.plugins))


@command(needs_client=False)
def do_bash_completion(cs: Any, args: argparse.Namespace) -> output.Output:
    """Print all commands and options, for the bash completion script."""
    app = _app(args)
    app.load_all()
    app.load_plugins()
    commands = set(app.commands) - {"bash-completion"}
    return output.Text(" ".join(sorted(commands | _options(app))))


_BASH = """\
# bash completion for nova (novaclient_lite); load with: source <(nova completion bash)
_nova_lite() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}"
    COMPREPLY=($(compgen -W "{words}" -- "$cur"))
}}
complete -o default -F _nova_lite nova
"""

_ZSH = """\
#compdef nova
# zsh completion for nova (novaclient_lite); load with: source <(nova completion zsh)
_nova_lite() {{
    local -a words
    words=({words})
    compadd -a words
}}
compdef _nova_lite nova
"""


@command(needs_client=False)
@arg("shell", metavar="<shell>", choices=["bash", "zsh"], help="bash or zsh.")
def do_completion(cs: Any, args: argparse.Namespace) -> output.Output:
    """Print a shell completion script (nothing is written to disk)."""
    app = _app(args)
    app.load_all()
    app.load_plugins()
    words = " ".join(sorted(set(app.commands) | _options(app)))
    return output.Text((_BASH if args.shell == "bash" else _ZSH).format(words=words))
