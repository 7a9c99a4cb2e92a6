"""``classroom``: run a negotiation exercise for a class (docs/classroom.md).

    classroom new SCENARIO --tables N [--seed S] -o DIR [--opponent AI] [--inject EVENT --at-round R]...
    classroom simulate DIR [--a AI] [--b AI]
    classroom enter DIR --table K [--side ROLE] [--deal N,N,...|none]...
    classroom result LOG [--session DIR] [--out PATH]
    classroom debrief DIR [--results PATH ...] [--count FILE ...] [-o OUTDIR]
    classroom serve DIR [--host H] [--port P]

A table is one group of students (a pair when the scenario has two roles); a seat is one role at
one table, with its own folder and key. --pairs and --pair are the old names of --tables and --table.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from game.about import program
from game.cli.lazy import STRATEGY_NAMES, seed_number
from game.words import count

if TYPE_CHECKING:
    from game.classroom.folder import Session


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("classroom", help="run a class exercise: session folders, briefs, results, debrief",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = sub.add_parser("new", help="make a session folder: briefs, instructor's sheet, seeds, seat keys")
    new.add_argument("scenario", metavar="SCENARIO", help="a scenario file or a shipped scenario's id")
    new.add_argument("--tables", "--pairs", dest="tables", type=int, required=True, metavar="N",
                     help="how many tables of students (a pair per table when the scenario has two roles)")
    new.add_argument("--seed", type=seed_number, help="seed of the tables' seeds (default: fresh)")
    new.add_argument("-o", "--out", type=Path, required=True, metavar="DIR", help="the new session folder")
    new.add_argument("--opponent", choices=STRATEGY_NAMES, metavar="AI",
                     help="the AI for the delegations across the table from a student, the only one whose "
                          "games count; a seat of the student's own government that nobody takes keeps the "
                          "scenario's AI, as with 'play --opponent' (default: the scenario's; one of: %(choices)s)")
    new.add_argument("--inject", action="append", default=[], metavar="EVENT",
                     help="an event to fire for every table (repeatable; pair each with --at-round)")
    new.add_argument("--at-round", action="append", type=int, default=[], metavar="R",
                     help="the round at which the matching --inject fires")
    new.set_defaults(run=run_new, parser=new)
    sim = sub.add_parser("simulate", help="fill a session with signed AI-vs-AI previews (never counted over "
                                          "a student's result)")
    sim.add_argument("folder", type=Path, metavar="DIR")
    sim.add_argument("--a", choices=STRATEGY_NAMES, metavar="AI",
                     help="the AI of the scenario's first party (one of: %(choices)s)")
    sim.add_argument("--b", choices=STRATEGY_NAMES, metavar="AI",
                     help="the AI of the other party (one of: %(choices)s)")
    sim.set_defaults(run=run_simulate, parser=sim)
    enter = sub.add_parser("enter", help="face to face: enter a table's deal (or 'none') in the instructor's folder")
    enter.add_argument("folder", type=Path, metavar="DIR", help="the instructor's session folder")
    enter.add_argument("--table", "--pair", dest="table", type=int, required=True, metavar="K")
    enter.add_argument("--side", metavar="ROLE", help="one role's entry, matched with the others' (default: "
                                                      "the instructor enters the table's deal once)")
    enter.add_argument("--deal", action="append", default=[], metavar="N,N,...|none",
                       help="option numbers per basket, then the form's, as in the briefs' scoring tables, or "
                            "'none'; once per table of a campaign, in order (else asked)")
    enter.set_defaults(run=run_enter, parser=enter)
    res = sub.add_parser("result", help="write a finished classroom game's signed result again from its move log")
    res.add_argument("log", type=Path, metavar="LOG", help="the game's move log (.jsonl)")
    res.add_argument("--session", type=Path, metavar="DIR",
                     help="the seat's, table's or session's folder (default: the one the game was played from)")
    res.add_argument("--out", type=Path, metavar="PATH", help="where the result goes (default: as when played)")
    res.set_defaults(run=run_result, parser=res)
    deb = sub.add_parser("debrief", help="the class debrief: HTML report and slides, CSV, Pareto chart (PNG, SVG)")
    deb.add_argument("folder", type=Path, metavar="DIR")
    deb.add_argument("--results", type=Path, nargs="+", metavar="PATH",
                     help="result files or folders (default: DIR/results and the results/ of every table and "
                          "seat folder in DIR)")
    deb.add_argument("--count", type=Path, nargs="+", default=[], metavar="FILE",
                     help="the result that counts for its seat(s) when a seat has several (default: the first game)")
    deb.add_argument("-o", "--out", type=Path, metavar="OUTDIR", help="where the report goes (default: DIR/debrief)")
    deb.set_defaults(run=run_debrief, parser=deb)
    serve = sub.add_parser("serve", help="serve the class over the local network: students play in a browser, "
                                         "you run the class from a dashboard (docs/classroom.md)")
    serve.add_argument("folder", type=Path, metavar="DIR", help="the session folder made by 'classroom new'")
    serve.add_argument("--host", default="0.0.0.0", metavar="H",
                       help="the address to listen on (default: %(default)s, every network of this machine)")
    serve.add_argument("--port", type=port_number, default=8765, metavar="P",
                       help="the port (default: %(default)s; 0 picks a free one)")
    serve.set_defaults(run=run_serve, parser=serve)


def port_number(text: str) -> int:
    """An argparse ``type`` for ports: 0 (any free port) to 65535."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {text!r}")
    return int(text)


def run_serve(args: argparse.Namespace) -> int:
    """The server is a front-end of its own (game.web): the launcher runs it (game/launcher.py), so that the
    command line never imports it. Reached only when the command line is called directly."""
    from game.classroom.folder import SessionError
    raise SessionError(f"'classroom serve' runs from the program itself: {program()} classroom serve {args.folder}")


def run_new(args: argparse.Namespace) -> int:
    from game.classroom.folder import SessionError, create_session
    if len(args.inject) != len(args.at_round):
        raise SessionError("give one --at-round R for each --inject EVENT")
    session = create_session(Path(args.scenario), args.tables, args.out, args.seed,
                             list(zip(args.inject, args.at_round)), args.opponent)
    print(f"Session {session.id} for {count(len(session.tables), 'table')} in {args.out}. The seats at each table "
          "(ROLE in the folders below):")
    width = max(len(role) for role in session.roles) + 2
    for role in session.roles:
        print(f"  {role:<{width}}{session.scenario.party(role).name}")
    print("The folders:")
    print("  instructor/sheet.html     the instructor's sheet: lesson plan, staffing, both sides' values (keep")
    print("                            instructor/ from the students)")
    print("  tables/table-KK/ROLE/     one seat folder per student, to play against the AI (it holds the whole")
    print("                            scenario: nothing is secret in this mode)")
    print("  tables/table-KK/          a table's folder, for hot-seat (both seats' keys)")
    print("  briefs/table-KK-ROLE.html the role's brief alone: the face-to-face hand-out (print it)")
    print(f"Students play: {program()} play --session {args.out}/tables/table-01/{session.roles[0]}")
    from game.model.limits import outcome_count, too_large_to_serve
    problem = too_large_to_serve(outcome_count(session.scenario), len(session.tables))
    print(f"In the browser (students join from their phones): {program()} classroom serve {args.out}"
          if problem is None else f"In the browser: not this session ({problem})")
    print(f"Face to face: {program()} classroom enter {args.out} --table K --deal ...")
    print(f"Then: {program()} classroom debrief {args.out}")
    return 0


def run_simulate(args: argparse.Namespace) -> int:
    from game.classroom.folder import open_session
    from game.classroom.play import simulate_session
    session = open_session(args.folder)
    paths = simulate_session(session, args.a, args.b)
    print(f"{count(len(paths), 'simulated preview')} written to {session.results_dir()} (a student's result always "
          "counts before a preview)")
    return 0


def run_enter(args: argparse.Namespace) -> int:
    from game.classroom.folder import open_session
    from game.classroom.play import enter_deal, parse_entry
    session = open_session(args.folder)
    session.seed_of(args.table)
    texts = args.deal or ask_entry(session)
    message, result = enter_deal(session, args.table, args.side, parse_entry(session, texts))
    print(message)
    if result is not None:
        print(f"Result (signed): {result}")
    return 0


def ask_entry(session: Session) -> list[str]:
    """Ask for the deal of each table of the scenario, basket by basket ('none' for no deal): at a
    definitions table its scope rung, and after it only the baskets that scope leaves in play
    (:func:`game.classroom.play.entry_scenario`, :func:`~game.classroom.play.entry_locks`)."""
    from game.classroom.folder import SessionError
    from game.classroom.play import Deal, entry_locks, entry_scenario, phases_of
    out: list[str] = []
    deals: list[Deal] = []

    def ask(prompt: str) -> str:
        try:
            return input(prompt).strip()
        except EOFError:
            raise SessionError("input ended before the deal was entered; nothing was saved") from None
    for index, name in enumerate(phases_of(session)):
        print(f"== {name}")
        if ask("  was a deal agreed? (y/n): ").lower() not in ("y", "yes"):
            out.append("none")
            deals.append(None)
            continue
        numbers: list[int] = []
        table = entry_scenario(session, index)
        locks = entry_locks(session, index, deals)
        for basket, labels in [(b.name, [o.label for o in b.options]) for b in table.baskets] + \
                [("Agreement form", [f.label for f in table.forms])]:
            lock = locks[len(numbers)]
            if lock >= 0:                    # outside the scope agreed before: not bargained, not asked
                print(f"{basket}: {lock + 1}. {labels[lock]} (outside the agreed scope)")
                numbers.append(lock)
                continue
            print(f"{basket}: " + "  ".join(f"{i + 1}. {label}" for i, label in enumerate(labels)))
            while True:
                answer = ask("  agreed option number: ")
                if answer.isdigit() and 1 <= int(answer) <= len(labels):
                    numbers.append(int(answer) - 1)
                    break
                print(f"  expected a number from 1 to {len(labels)}")
        out.append(",".join(str(n + 1) for n in numbers))
        deals.append(tuple(numbers))
    return out


def run_result(args: argparse.Namespace) -> int:
    from game.classroom.destination import moved_aside
    from game.classroom.results import reissue
    path = reissue(args.log, args.session, args.out)
    aside = moved_aside(args.out, path)          # --out held another game's result: never replaced
    if aside is not None:
        say(aside)
    print(f"Result (signed): {path}")
    return 0


def say(text: str) -> None:
    """Print ``text``, which may hold what a handed-in file holds (its name, its keys, a student's name): each
    control or direction character shown as its escape (:func:`game.unsafe.shown`), so no escape code reaches
    the terminal."""
    from game.unsafe import shown
    print(shown(text, keep="\n"))


def run_debrief(args: argparse.Namespace) -> int:
    from game.classroom.checks import read_class
    from game.classroom.flags import reading_flags
    from game.classroom.folder import SessionError, open_session, session_key
    from game.classroom.lesson import lesson
    from game.classroom.report import summary, write_debrief
    from game.classroom.tally import absences, tally, unknown_choices
    session = open_session(args.folder)
    key = session_key(session)
    sources = args.results or [session.results_dir(), *sorted(session.root.glob("tables/*/results")),
                               *sorted(session.root.glob("tables/*/*/results"))]
    paths: list[Path] = []
    for source in sources:
        if source.is_dir():
            paths += sorted(source.glob("*.json"))
        elif source.exists():
            paths.append(source)
        else:
            raise SessionError(f"{source}: no such file or folder")
    reading = read_class(session, key, paths)    # the results, and the tables the server sealed as not played
    accepted, rejected, duplicates = reading.accepted, reading.rejected, reading.duplicates
    flags = reading_flags(session, reading)
    out = args.out or args.folder / "debrief"
    written = write_debrief(session, accepted, rejected, duplicates, out, args.count, not_played=reading.not_played,
                            flags=flags)
    apart = [a for a in accepted if a.apart]
    say(f"{count(len(accepted), 'result')} accepted, {len(rejected)} rejected, {count(len(duplicates), 'duplicate')} "
          f"counted once, {len(apart)} set apart, {len(flags)} flagged.")
    view = lesson(session, tally(session, accepted, args.count))
    say(summary(session, view, absences(accepted, reading.unplayed)))
    for choice in unknown_choices(accepted, args.count):
        say(f"  --count {choice}: no accepted result has this name; the first game counts instead")
    for a in apart:
        say(f"  set apart {a.path}: {a.apart}")
    for r in rejected:
        say(f"  rejected {r.path}: {r.reason}")
    for f in flags:
        say(f"  flagged ({f.kind}) {f.about}: {f.why}")
    for path in written:
        say(str(path))
    return 0
