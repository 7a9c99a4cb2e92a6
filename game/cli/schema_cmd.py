"""``schema [--check] [-o PATH]``: write or check the scenario JSON Schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.scenario.jsonschema import SCHEMA_PATH, schema_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("schema", help="write the scenario JSON Schema used by editors (or --check it)",
                              description="Write the JSON Schema of scenario files, which editors use to "
                                          "complete and check YAML through the $schema comment.")
    p.add_argument("-o", "--output", type=Path, default=SCHEMA_PATH, help=f"where to write it (default {SCHEMA_PATH.name} in scenarios/)")
    p.add_argument("--check", action="store_true", help="exit 1 if the file is missing or out of date")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else None
        if current != text:
            print(f"{args.output}: out of date; run 'python main.py schema' to regenerate it", file=sys.stderr)
            return 1
        print(f"{args.output}: up to date")
        return 0
    tmp = args.output.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.output)
    print(f"wrote {args.output}")
    return 0
