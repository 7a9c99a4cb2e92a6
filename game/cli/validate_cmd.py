"""``validate PATH...``: check scenario files; print ``path:line:col: message``."""

from __future__ import annotations

import argparse
import sys

from game.words import count


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("validate", help="check scenario files or folders and report every problem",
                              description="Check scenario files (or every .yaml file in the given folders). "
                                          "Exit 0 when all are valid, 1 otherwise.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a scenario file or a folder of them")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from game.scenario.loader import empty_folders, validate_paths
    empty = empty_folders(args.paths)
    for message in empty:
        print(message, file=sys.stderr)
    checked, problems = validate_paths(args.paths)
    for problem in problems:
        print(problem)
    bad = len({p.path for p in problems})
    if checked == 0:
        if not empty:
            print(f"{', '.join(args.paths)}: no scenario files found (expected .yaml or .yml files)", file=sys.stderr)
        return 1
    also = f"; {count(len(empty), 'folder')} without scenario files" if empty else ""
    if problems:
        sys.stdout.flush()                 # the problems (stdout) before the count (stderr) in a shared log
        print(f"{bad} of {count(checked, 'file')} invalid, {count(len(problems), 'problem')}{also}", file=sys.stderr)
        return 1
    print(f"{count(checked, 'scenario file')} valid{also}")
    return 1 if empty else 0
