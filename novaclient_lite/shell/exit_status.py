"""Exit codes of the ``nova`` command."""

from enum import IntEnum


class ExitStatus(IntEnum):
    """0 success, 1 an error, 2 a usage error, 130 interrupted (Ctrl-C)."""

    SUCCESS = 0
    ERROR = 1
    USAGE = 2
    CTRL_C = 130
