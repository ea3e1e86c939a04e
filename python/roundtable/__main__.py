"""`python -m roundtable --version`: the version of the installed package."""

from __future__ import annotations

import sys

from . import __version__


def main(argv: list[str]) -> int:
    if argv in (["--version"], ["-V"]):
        print(f"roundtable {__version__}")
        return 0
    print("usage: python -m roundtable --version\n(the command-line tool is `roundtable`, crate bindings/cli)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
