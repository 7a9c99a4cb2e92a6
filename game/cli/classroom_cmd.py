"""``classroom``: run a negotiation exercise for a class.

    classroom new SCENARIO --pairs N [--seed S] -o DIR [--inject EVENT --at-round R]...
    classroom simulate DIR [--a STRATEGY] [--b STRATEGY]
    classroom enter DIR --pair K --side PARTY [--deal 3,4,...,1]
    classroom debrief DIR [--results PATH ...] [-o OUTDIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from game.about import program
from game.cli.lazy import STRATEGY_NAMES, seed_number

if TYPE_CHECKING:
    from game.classroom.folder import Session


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("classroom", help="run a class exercise: session folders, briefs, results, debrief",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = sub.add_parser("new", help="make a session folder: briefs, instructor's sheet, seeds, keys")
    new.add_argument("scenario", metavar="SCENARIO", help="a scenario file or a shipped scenario's id")
    new.add_argument("--pairs", type=int, required=True, metavar="N", help="how many pairs of students")
    new.add_argument("--seed", type=seed_number, help="seed of the pairs' seeds (default: fresh)")
    new.add_argument("-o", "--out", type=Path, required=True, metavar="DIR", help="the new session folder")
    new.add_argument("--inject", action="append", default=[], metavar="EVENT",
                     help="an event to fire for every pair (repeatable; pair each with --at-round)")
    new.add_argument("--at-round", action="append", type=int, default=[], metavar="R",
                     help="the round at which the matching --inject fires")
    new.set_defaults(run=run_new, parser=new)
    sim = sub.add_parser("simulate", help="fill a session with signed AI-vs-AI results (preview the debrief)")
    sim.add_argument("folder", type=Path, metavar="DIR")
    sim.add_argument("--a", choices=STRATEGY_NAMES, metavar="AI",
                   help="the AI of the scenario's first party (one of: %(choices)s)")
    sim.add_argument("--b", choices=STRATEGY_NAMES, metavar="AI",
                   help="the AI of the other party (one of: %(choices)s)")
    sim.set_defaults(run=run_simulate, parser=sim)
    enter = sub.add_parser("enter", help="face to face: enter the deal your pair agreed (both sides do)")
    enter.add_argument("folder", type=Path, metavar="DIR", help="the session folder or your pair's folder")
    enter.add_argument("--pair", type=int, required=True, metavar="K")
    enter.add_argument("--side", required=True, metavar="PARTY")
    enter.add_argument("--deal", metavar="N,N,...", help="option numbers per basket, then the form's (else asked)")
    enter.set_defaults(run=run_enter, parser=enter)
    deb = sub.add_parser("debrief", help="the class debrief: HTML report, CSV, Pareto chart (PNG and SVG)")
    deb.add_argument("folder", type=Path, metavar="DIR")
    deb.add_argument("--results", type=Path, nargs="+", metavar="PATH",
                     help="result files or folders (default: DIR/results)")
    deb.add_argument("-o", "--out", type=Path, metavar="OUTDIR", help="where the report goes (default: DIR/debrief)")
    deb.set_defaults(run=run_debrief, parser=deb)


def run_new(args: argparse.Namespace) -> int:
    from game.classroom.folder import SessionError, create_session
    if len(args.inject) != len(args.at_round):
        raise SessionError("give one --at-round R for each --inject EVENT")
    session = create_session(Path(args.scenario), args.pairs, args.out, args.seed,
                             list(zip(args.inject, args.at_round)))
    print(f"Session {session.id} for {len(session.pairs)} pairs in {args.out}:")
    print("  instructor/sheet.html   the instructor's sheet (keep instructor/ from the students)")
    print("  pairs/pair-KK/          one folder per pair, with a confidential brief per role")
    print(f"Students play: {program()} play --session {args.out} --pair K --side PARTY")
    print(f"Then: {program()} classroom debrief {args.out}")
    return 0


def run_simulate(args: argparse.Namespace) -> int:
    from game.classroom.folder import open_session
    from game.classroom.play import simulate_session
    session = open_session(args.folder)
    paths = simulate_session(session, args.a, args.b)
    print(f"{len(paths)} simulated results written to {session.results_dir()}")
    return 0


def run_enter(args: argparse.Namespace) -> int:
    from game.classroom.folder import SessionError, open_session
    from game.classroom.play import enter_deal, parse_deal
    session = open_session(args.folder)
    s = session.scenario
    if args.side not in {p.id for p in s.parties}:
        raise SessionError(f"--side: expected one of {', '.join(p.id for p in s.parties)}, got {args.side!r}")
    session.seed_of(args.pair)
    text = args.deal or ask_deal(session)
    message, result = enter_deal(session, args.pair, args.side, parse_deal(session, text))
    print(message)
    if result is not None:
        print(f"Result (signed): {result}")
    return 0


def ask_deal(session: Session) -> str:
    """Ask for the deal basket by basket (a wrong number asks again)."""
    from game.classroom.folder import SessionError
    s = session.scenario
    numbers = []
    for name, labels in [(b.name, [o.label for o in b.options]) for b in s.baskets] + \
            [("Agreement form", [f.label for f in s.forms])]:
        print(f"{name}: " + "  ".join(f"{i + 1}. {label}" for i, label in enumerate(labels)))
        while True:
            try:
                answer = input("  agreed option number: ").strip()
            except EOFError:
                raise SessionError("input ended before the deal was entered; nothing was saved") from None
            if answer.isdigit() and 1 <= int(answer) <= len(labels):
                numbers.append(answer)
                break
            print(f"  expected a number from 1 to {len(labels)}")
    return ",".join(numbers)


def run_debrief(args: argparse.Namespace) -> int:
    from game.classroom.folder import SessionError, open_session, session_key
    from game.classroom.report import write_debrief
    from game.classroom.results import read_results
    session = open_session(args.folder)
    key = session_key(session)
    sources = args.results or [session.results_dir()]
    paths: list[Path] = []
    for source in sources:
        if source.is_dir():
            paths += sorted(source.glob("*.json"))
        elif source.exists():
            paths.append(source)
        else:
            raise SessionError(f"{source}: no such file or folder")
    accepted, rejected, duplicates = read_results(session, key, paths)
    out = args.out or args.folder / "debrief"
    written = write_debrief(session, accepted, rejected, duplicates, out)
    print(f"{len(accepted)} results accepted, {len(rejected)} rejected, {len(duplicates)} duplicates counted once.")
    for r in rejected:
        print(f"  rejected {r.path}: {r.reason}")
    for path in written:
        print(path)
    return 0
