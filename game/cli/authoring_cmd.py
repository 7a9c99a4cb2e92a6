"""``new``, ``lint`` and ``export``: tools for scenario authors (docs/authoring.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.about import program
from game.errors import ScenarioError
from game.words import count


class NewCommand:
    @staticmethod
    def add_parser(subparsers: argparse._SubParsersAction) -> None:
        p = subparsers.add_parser("new", help="write a new scenario skeleton (or a copy of one) that validates",
                                  description="Write NAME.yaml: a commented skeleton that validates as written, "
                                              "or with --from a copy of a scenario under the id NAME.")
        p.add_argument("name", metavar="NAME", help="the new scenario's id (lower case, digits, _)")
        p.add_argument("--from", dest="source", metavar="SCENARIO", help="copy this scenario (file or shipped id)")
        p.add_argument("-o", "--out", type=Path, metavar="PATH", help="where to write it (default: NAME.yaml)")
        p.set_defaults(run=NewCommand.run, parser=p)

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        from game.authoring.skeleton import new_scenario
        made = new_scenario(args.name, args.out, Path(args.source) if args.source else None)
        if made.schema is not None:
            print(f"{made.schema}: written beside it, for your editor's completion and checks")
        print(f"{made.path}: written; it validates. Next: {program()} lint {made.path}")
        if made.path.stem != args.name:          # commands find a scenario by its file name (lint: id-not-file-name)
            print(f"note: its id is '{args.name}' but the file is '{made.path.name}'; commands find a shipped or "
                  f"listed scenario by its file name, so lint warns until they match (rename the file to "
                  f"'{args.name}.yaml', or the id to '{made.path.stem}')")
        return 0


def lint_exit(errors: bool, strict_warnings: bool) -> int:
    """``lint``'s exit code: 2 when a file is invalid or a folder holds no scenario file (an error, as
    ``validate`` would report it), else 1 when ``--strict`` meets a warning the file does not accept,
    else 0; so a checklist tells a broken file from a poor game."""
    return 2 if errors else 1 if strict_warnings else 0


class LintCommand:
    @staticmethod
    def add_parser(subparsers: argparse._SubParsersAction) -> None:
        p = subparsers.add_parser("lint", help="warnings beyond validity (no zone of agreement, dominated options...)",
                                  description="Report what makes a valid scenario a poor game, at path:line:col.")
        p.add_argument("paths", nargs="+", metavar="SCENARIO", help="scenario files or folders")
        p.add_argument("--strict", action="store_true",
                       help="exit 1 when there is any warning the file does not accept (lint: {accept: [...]}); "
                            "an invalid file exits 2 with or without it")
        p.set_defaults(run=LintCommand.run, parser=p)

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        from game.authoring.lint import lint_report
        from game.scenario.loader import empty_folders, scenario_files
        empty = empty_folders(args.paths)
        for message in empty:                 # named, and an error; the other paths are still linted
            print(message, file=sys.stderr)
        warnings, accepted, invalid = 0, 0, 0
        for path in scenario_files(args.paths):
            try:
                report = lint_report(path)
            except ScenarioError as exc:
                invalid += 1
                for problem in exc.problems:
                    print(problem, file=sys.stderr)
                continue
            warnings += len(report.warnings)
            accepted += len(report.accepted)
            for warning in report.warnings:
                print(warning)
        print(count(warnings, "warning") + (f", {accepted} accepted by the files' lint blocks" if accepted else "")
              + (f", {count(invalid, 'invalid file')}" if invalid else "")
              + (f"; {count(len(empty), 'folder')} without scenario files, not linted" if empty else ""), file=sys.stderr)
        return lint_exit(bool(invalid or empty), args.strict and warnings > 0)


class ExportCommand:
    @staticmethod
    def add_parser(subparsers: argparse._SubParsersAction) -> None:
        p = subparsers.add_parser("export", help="export a scenario as GENIUS domain and profile XML",
                                  description="Write OUTDIR/domain.xml and OUTDIR/PARTY.xml for the binding table; "
                                              "analyze --genius reads them back to the same frontier and Nash deal.")
        p.add_argument("--genius", action="store_true", required=True, help="the GENIUS XML format")
        p.add_argument("scenario", metavar="SCENARIO")
        p.add_argument("outdir", type=Path, metavar="OUTDIR")
        p.add_argument("--force", action="store_true", help="write over XML files already in OUTDIR")
        p.set_defaults(run=ExportCommand.run, parser=p)

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        from game.authoring.genius_export import export_genius
        from game.scenario.loader import load_scenario
        files = export_genius(load_scenario(args.scenario), args.outdir, args.force)
        for path in files:
            print(path)
        import shlex
        print(f"Read back: {program()} analyze --genius " + " ".join(shlex.quote(str(p)) for p in files),
              file=sys.stderr)
        return 0
