"""``schema [--check] [-o PATH]``: write or check the scenario JSON Schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.about import program


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("schema", help="write the scenario JSON Schema used by editors (or --check it)",
                              description="Write the JSON Schema of scenario files, which editors use to "
                                          "complete and check YAML through the $schema comment.")
    p.add_argument("-o", "--output", type=Path, help="where to write it (default: the shipped scenarios' "
                                                     "schema.json, rewritten only when out of date)")
    p.add_argument("--check", action="store_true", help="exit 1 if the file is missing or out of date")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from game.scenario.jsonschema import SCHEMA_PATH, schema_text
    text = schema_text()
    output: Path = args.output or SCHEMA_PATH
    current = output.read_text(encoding="utf-8") if output.is_file() else None
    if args.check or (args.output is None and current == text):   # an installed game's copy is never rewritten
        if current != text:
            print(f"{output}: out of date; run '{program()} schema' to regenerate it", file=sys.stderr)
            return 1
        print(f"{output}: up to date")
        return 0
    tmp = output.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    print(f"wrote {output}")
    return 0
