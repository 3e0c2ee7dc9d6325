"""Entry script of the packaged executables: exactly what `python -m app` runs."""
import os
import sys

from app.__main__ import main
from app.cli import is_command_line


def _attach_console() -> None:
    """The windowed .exe given a command (check/fix) has no stdout: print into the console it was started from.

    cmd.exe does not wait for a windowed program, so scripts that need the exit status use gov-report-check.exe.
    """
    import ctypes

    attached = ctypes.windll.kernel32.AttachConsole(-1)  # ATTACH_PARENT_PROCESS
    target = "CONOUT$" if attached else os.devnull  # started from Explorer: nowhere to print
    sys.stdout = open(target, "w", encoding="utf-8")  # noqa: SIM115 (open for the life of the process)
    sys.stderr = open(target, "w", encoding="utf-8")  # noqa: SIM115


if __name__ == "__main__":
    if sys.platform == "win32" and sys.stdout is None and is_command_line(sys.argv[1:]):
        _attach_console()
    sys.exit(main())
