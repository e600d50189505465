"""The ``textmine`` command: ``textmine assignments {build,grade,checks} ...``.

Installed as a console script by ``pip install``; ``python -m textmine``
does the same.
"""

from __future__ import annotations

import sys

USAGE = """usage: textmine assignments {build,grade,checks} ...

  textmine assignments build [SOLUTION.ipynb|FOLDER ...] [--out DIR] [--check]
  textmine assignments grade SUBMISSION.ipynb|FOLDER ... [--assignment NAME] [--out grades]
  textmine assignments checks [SOLUTION.ipynb|FOLDER]

See notebooks/assignments/README.md (the instructor guide)."""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 2
    if args[0] == "assignments":
        from .assignments.__main__ import main as assignments_main

        return assignments_main(args[1:])
    print(f"textmine: unknown command {args[0]!r}\n\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
