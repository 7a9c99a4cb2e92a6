"""Entry point of the command line: argument parsing, dispatch, error guard.

Every subcommand module exposes ``add_parser(subparsers)`` and a ``run(args)``
returning the exit code. No traceback ever reaches the user: known errors are
printed as messages (exit 1), and so are failures of the machine around the game
(a read-only folder, a full disk, an unwritable output: the path and the cause,
exit 1, with standard output flushed inside the guard so that a full disk behind
``> FILE`` is caught too); unexpected ones are one line (exit 70) unless
``BACKCHANNEL_DEBUG=1`` is set.

Building the parser imports no numpy, pydantic, matplotlib or pygame: each subcommand imports
what it needs when it runs, so ``--help`` and ``--version`` answer at once
(benchmarks/bench_cli.py measures it; tests/test_cli_startup.py checks the imports).
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from game.about import program, version_line
from game.cli import (
    analyze_cmd,
    classroom_cmd,
    play_cmd,
    replay_cmd,
    research_cmd,
    schema_cmd,
    simulate_cmd,
    validate_cmd,
)
from game.cli.authoring_cmd import ExportCommand, LintCommand, NewCommand
from game.errors import GameError, ScenarioError, error_line
from game.words import ECHOED, closest, shorten

COMMANDS = (play_cmd, simulate_cmd, replay_cmd, validate_cmd, analyze_cmd, schema_cmd, classroom_cmd, NewCommand,
            LintCommand, ExportCommand, research_cmd)

INTRO = """Backchannel: negotiate a US-Russian non-interference pact, then see what it is worth.

Run '{program}' to open the game window (without a display, run it in a terminal to
pick a scenario and play there), or use the subcommands below (play, simulate, replay,
validate, analyze, schema, classroom, new, lint, export, research), 'window', or
'screenshots OUTDIR'."""


def scenario_menu() -> str:
    """The shipped scenarios, one line each, oldest first, with the command that plays one."""
    from game.session.catalogue import shipped_catalogue

    catalogue = shipped_catalogue()
    wide = max([len(s.id) for s in catalogue.scenarios] + [len(path.stem) for path, _ in catalogue.broken] + [1])
    lines = ["Shipped scenarios:"] + [f"  {s.id:<{wide}}  {s.year}  {s.title} [{s.difficulty}]" for s in catalogue.scenarios]
    lines += [f"  {path.stem:<{wide}}  (does not validate: run '{program()} validate {path}')" for path, _ in catalogue.broken]
    lines.append(f"Try: {program()} play narrow_deal_2020 --side us")
    return "\n".join(lines)


class _Version(argparse.Action):
    """``--version``: the installed version, read from the package metadata only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        print(version_line())
        parser.exit()


LITERAL = re.compile(r"``([^`]*)``")          # reST literals in docstrings used as help: plain text on screen
LONG_WORD = re.compile(r"[^\s']{%d,}" % (ECHOED + 1))   # echoed input too long to read (within its quotes)


def plain(text: str) -> str:
    """``text`` with reST double-backtick literals turned into plain text (help is read, not rendered)."""
    return LITERAL.sub(r"\1", text)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose help and usage are plain text; its subcommands' parsers are of this class too
    (argparse makes them of the parent's class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        for key in ("description", "epilog"):        # before argparse wraps them, so lines stay even
            if isinstance(kwargs.get(key), str):
                kwargs[key] = plain(kwargs[key])
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        return plain(super().format_help())

    def format_usage(self) -> str:
        return plain(super().format_usage())

    def error(self, message: str) -> NoReturn:
        """argparse's refusal (usage, then the message; exit 2), with every long word it echoes of the
        command line (an unknown command, an unrecognized argument, a value that is not a number) cut
        to :data:`game.words.ECHOED` characters: a 5,000-character word would bury the message."""
        super().error(LONG_WORD.sub(lambda word: shorten(word.group()), message))

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """argparse's check of a value against the option's choices (a subcommand, an AI's name), whose
        refusal also names the choice the value most likely misspells."""
        if action.choices is None or value in action.choices:
            return
        choices = [str(choice) for choice in action.choices]
        near = closest(value, choices) if isinstance(value, str) else None
        hint = f"; did you mean {near!r}?" if near is not None else ""
        raise argparse.ArgumentError(action, f"invalid choice: {value!r}{hint} (choose from "
                                             f"{', '.join(map(repr, choices))})")


def _launcher_only(name: str) -> Callable[[argparse.Namespace], int]:
    """The ``run`` of a subcommand the launcher (game.launcher) answers before this parser sees it."""
    def run(args: argparse.Namespace) -> int:
        raise GameError(f"'{name}' opens a window: run it as '{program()} {name}'")
    return run


def add_window_commands(subparsers: argparse._SubParsersAction) -> None:
    """List the launcher's own subcommands in --help (the window's, which the command line must not import)."""
    p = subparsers.add_parser("window", help="open the game window (as 'backchannel-window' does)",
                              description="Open the game window, or say in one line why it cannot open.")
    p.set_defaults(run=_launcher_only("window"))
    p = subparsers.add_parser("screenshots", help="play a scripted game in the window and save a PNG of every screen",
                              description="Play a scripted game with synthetic key presses (no display needed) and "
                                          "save a PNG of every screen in OUTDIR, then a Track 1.5 game for the hand-off.")
    p.add_argument("outdir", metavar="OUTDIR", help="folder for the PNG files")
    p.add_argument("--size", metavar="WxH", help="window size (default 1280x800)")
    p.add_argument("--large-text", action="store_true", help="use the large text size")
    p.set_defaults(run=_launcher_only("screenshots"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=program(),
        description="Backchannel: a negotiation game about a US-Russian non-interference pact.",
        epilog="Run 'SUBCOMMAND --help' for the options of one subcommand.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    subparsers = parser.add_subparsers(dest="command", title="subcommands", metavar="SUBCOMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    add_window_commands(subparsers)
    return parser


def innermost(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the deepest subcommand ``args`` chose (``research claims``'s, say), else ``parser``."""
    for action in parser._actions:                 # argparse keeps its subcommands there (no public accessor)
        if isinstance(action, argparse._SubParsersAction) and action.dest is not argparse.SUPPRESS:
            chosen = action.choices.get(getattr(args, action.dest, None) or "")
            if chosen is not None:
                return innermost(chosen, args)
    return parser


def say(notices: Sequence[str]) -> None:
    """Tell the player something beside the command's output (on stderr), one line each."""
    for notice in notices:
        print(notice, file=sys.stderr)


def main(argv: Sequence[str] | None = None, notice: str | None = None) -> int:
    """The command line; ``notice`` is one line said first on stderr (why the launcher started
    the terminal game instead of the window)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:                        # refused by the subcommand's own parser: its usage, not the program's
        innermost(parser, args).error(f"unrecognized arguments: {' '.join(extra)}")
    if notice:
        say([notice])

    def dispatch() -> int:
        if args.command is None:
            if sys.stdin.isatty() and sys.stdout.isatty():
                from game.cli.start import start
                return start()
            print(INTRO.format(program=program()) + "\n")
            print(scenario_menu() + "\n")
            parser.print_help()
            return 0
        return int(args.run(args))
    return guarded(dispatch)


def _drop_stdout() -> None:
    """After a failed write to standard output, point it at the null device, so that the
    interpreter's own flush at exit does not fail a second time with a traceback-like notice."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):   # a replaced stdout (tests, IDEs) has no descriptor
        pass


def guarded(work: Callable[[], int]) -> int:
    """Run ``work``; every error becomes a message and an exit code, never a traceback."""
    try:
        code = work()
        sys.stdout.flush()
        return code
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except GameError as exc:
        print(error_line(str(exc)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        _drop_stdout()
        name = shorten(str(exc.filename)) if exc.errno == errno.ENAMETOOLONG else exc.filename   # a typed name, echoed
        where = f"{name}: " if exc.filename else ("standard output: " if exc.errno == errno.ENOSPC else "")
        print(error_line(f"{where}{exc.strerror or exc}"), file=sys.stderr)
        return 1
    except Exception as exc:  # the last guard: one line, never a traceback
        if os.environ.get("BACKCHANNEL_DEBUG") == "1":
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (set BACKCHANNEL_DEBUG=1 for details)",
              file=sys.stderr)
        return 70
