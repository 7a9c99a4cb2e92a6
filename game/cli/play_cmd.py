"""``play SCENARIO --side PARTY``: a whole game in the terminal against the AI.

The commands typed at the prompt are :data:`COMMANDS` (``help`` prints them,
and so does ``play --help``). End of input saves the game as ``quit`` does.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.about import program
from game.cli.lazy import STRATEGY_NAMES, seed_number
from game.errors import GameError

if TYPE_CHECKING:
    from game.model.scenario import Scenario
    from game.session.game import GameSession

COMMANDS = """Commands (one per line; numbers are 1-based; typed or piped):

    show                      the table: their last offer, your draft, each side's credibility
    options BASKET            a basket's options (or the forms, 'f'), by number
    set BASKET OPTION         change your draft; BASKET is a number, an id, or 'f'/'form'
    counter                   start your draft from their last offer
    best                      reset your draft to the package best for your government at
                              expected value (the value the game bargains on: the chances of
                              approval at home and of its being kept counted; on paper where
                              nothing binds), crossing none of its red lines, locked baskets
                              kept; it can differ from the brief's best on paper
    messages                  every message an offer can carry, by number
    offer [N | final | redline BASKET OPTION | movement BASKET]
                              propose your draft, with message N of 'messages' or one named
                              (a red line names the option it rules out; 'redline BASKET'
                              alone rules out their offer's option there)
    accept                    accept their standing offer
    walk                      walk away (no deal)
    lock BASKET               settle one basket at their offer's option (lanes only)
    brief                     your confidential brief again
    help                      these commands
    quit                      stop; the game is saved: resume it with --resume LOG

The end of the input saves the game as 'quit' does."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("play", help="play a scenario against the AI in the terminal",
                              description="Play one side of a scenario against the AI.\n\n" + COMMANDS,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario .yaml file, or a shipped scenario's id")
    p.add_argument("--side", metavar="PARTY", help="the delegation you play (a party id)")
    p.add_argument("--opponent", choices=STRATEGY_NAMES, metavar="AI",
                   help="the AI for the delegations across the table (the other government's; one of: %(choices)s)")
    p.add_argument("--seed", type=seed_number, help="seed of all chance (default: a fresh random seed, printed)")
    p.add_argument("--text", action="store_true", help="play in the terminal (the default for 'play')")
    p.add_argument("--window", action="store_true", help="play this game in the game window instead")
    p.add_argument("--log", type=Path, metavar="PATH", help="where to write the move log")
    p.add_argument("--resume", type=Path, metavar="LOG", help="continue an interrupted game from its move log")
    p.add_argument("--hot-seat", action="store_true",
                   help="two players on one machine: you and the other side's player take turns")
    p.add_argument("--session", type=Path, metavar="DIR",
                   help="a classroom session: your seat's folder (tables/table-K/ROLE), your table's, or the session's")
    p.add_argument("--table", "--pair", dest="table", type=int, metavar="K",
                   help="your table's number in the session (not needed with a seat's or a table's folder)")
    p.add_argument("--out", type=Path, metavar="PATH",
                   help="where the signed result goes (default: the session's results/ folder)")
    p.set_defaults(run=run, parser=p)


def run(args: argparse.Namespace) -> int:
    if args.resume:
        return resume(args.resume)
    from game.cli import render
    from game.cli.terminal import drive
    from game.cli.wrap import echo, short
    from game.session.brief import seen_scenario
    session = make_session(args)
    # the file's, as the window's opening brief (game.ui.scenes.brief.brief_html): round 1's events follow as cards
    echo(render.brief(seen_scenario(session.state, session.side, session.scenario), session.side))
    where = (f"table {args.table} of a classroom session, {game_of(session.header)}" if args.session is not None
             else f"seed {session.seed}")
    # the log's path on a line of its own: a line holding a path is never wrapped (so it can be copied), and the
    # terminal would cut the words after it
    echo(f"\n({where}; type 'help' for commands)\nMove log: {short(session.log.path)}")
    return drive(session)


def game_of(header: dict[str, Any]) -> str:
    """"game 2 of your seat, and the first counts": which of the seat's games this is (hot-seat: each seat's),
    from the log's header (:func:`game.classroom.chain.claim` numbered them)."""
    games = header.get("classroom", {}).get("games") or {}
    numbers = {seat: entry["number"] for seat, entry in games.items()}
    if len(numbers) == 1:
        return f"game {next(iter(numbers.values()))} of your seat, and the first counts"
    return f"game {', '.join(f'{n} of the {seat} seat' for seat, n in numbers.items())}; each seat's first counts"


def make_session(args: argparse.Namespace) -> GameSession:
    """The game the play options describe (also used by the window: ``play ... --window``)."""
    if args.log is not None and args.log.exists():
        raise GameError(f"--log {args.log}: the file already exists; a new game never writes over a file. "
                        f"Continue that game with '{program()} play --resume {args.log}', or give another path")
    if args.session is not None:
        return classroom_session(args)
    import secrets

    from game.scenario.loader import load_scenario
    from game.session.game import GameSession, hot_seat_humans
    if not args.scenario:
        from game.session.catalogue import shipped_catalogue
        listed = "\n".join(f"  {x.id:<32}{x.year}  {x.title}" for x in shipped_catalogue().scenarios)
        args.parser.error("give SCENARIO and --side PARTY (or --resume LOG, or --session SEAT_FOLDER).\nThe shipped "
                          f"scenarios:\n{listed}\ne.g. {program()} play narrow_deal_2020 --side us "
                          f"(or '{program()}' alone for the menus)")
    scenario = load_scenario(args.scenario)
    ids = [p.id for p in scenario.parties]
    if not args.side:
        args.side = choose_side(scenario, args.scenario)
    if args.side not in ids:
        raise GameError(f"--side: {args.side!r} is not a party of {scenario.id}; expected one of: {', '.join(ids)}")
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    return GameSession.new(scenario, args.side, seed, args.opponent, args.log,
                           humans=hot_seat_humans(scenario, args.side) if args.hot_seat else (), across_only=True)


def sides_text(scenario: Scenario) -> str:
    """The delegations one can play, a line each: the ``--side`` value, the display name, what it is."""
    from game.session.names import principal_name
    width = max(len(p.id) for p in scenario.parties) + 2
    return "\n".join(f"  --side {p.id:<{width}}{p.name} ({p.delegation.value}, for "
                     f"{principal_name(p.principal, article=True)})" for p in scenario.parties)


def choose_side(scenario: Scenario, typed: str | None = None) -> str:
    """The delegation to play when ``--side`` is missing: asked in a terminal, else a GameError that lists them
    with a command to copy, naming the scenario as the user typed it (``typed``: a file's path, which the
    scenario's id need not match), else by its id."""
    import shlex
    import sys
    first = scenario.parties[0].id
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise GameError(f"which delegation do you play? {scenario.title} has these sides:\n{sides_text(scenario)}\n"
                        f"e.g. {program()} play {shlex.quote(typed or scenario.id)} --side {first}")
    from game.cli.start import ask
    print(f"{scenario.title}: which delegation do you play?")
    for i, p in enumerate(scenario.parties, start=1):
        print(f"  {i}. {p.name} (--side {p.id})")
    choice = ask("Your delegation (number, q to quit): ", len(scenario.parties))
    if choice is None:
        raise SystemExit(0)
    return scenario.parties[choice].id


def resume(path: Path) -> int:
    """Continue a saved game: the brief, where the talks stand (the round, their offer on the table) and the
    player's unsent draft as it was saved (:mod:`game.session.drafts`), then the prompt (:func:`drive`)."""
    from game.cli import render
    from game.session import drafts
    from game.cli.terminal import drive
    from game.cli.wrap import echo, short
    from game.session.brief import seen_scenario
    from game.classroom.planned import resumed
    session, dropped = resumed(path)
    if dropped:
        print("(the last, half-written line of the log was dropped: that move is replayed from here)")
    kept, problem = drafts.load(path, session.state.scenario, session.humans)
    echo(render.brief(seen_scenario(session.state, session.side), session.side))
    echo(f"\n(resuming {short(path)})")
    if problem:
        echo(f"(your unsent draft was not restored: {problem})")
    return drive(session, kept)              # where the talks stand follows, after a hot seat's hand-over


def classroom_session(args: argparse.Namespace) -> GameSession:
    """A table's game from a classroom session: its seed, its scheduled events, a signed result at the end.
    The seat keys that will sign the result are read before the game starts (a missing key stops it at once), and
    a folder ``--out`` names is made (so that a ``--resume`` finds it: :func:`game.classroom.planned.resumed`); then each seat's next
    game number is taken (:func:`game.classroom.chain.claim`), which decides the dice."""
    import sys

    from game.classroom.chain import claim, game_seed, numbers_to_json
    from game.classroom.destination import taken
    from game.classroom.folder import open_session
    from game.classroom.planned import planned_game
    from game.classroom.folder import session_key
    from game.classroom.signing import out_seal, started_here_seal
    from game.session.game import hot_seat_humans
    from game.session.personas import table_personas
    folder = open_session(args.session)
    ids = list(folder.roles)
    args.side = args.side or folder.seat
    if args.table is None and len(folder.tables) == 1:
        args.table = folder.tables[0][0]
    if args.table is None or args.side not in ids:
        args.parser.error(f"--session needs --table K and --side PARTY (one of: {', '.join(ids)}), unless it is "
                          "a seat's folder")
    folder.seed_of(args.table)
    humans = hot_seat_humans(folder.scenario, args.side) if args.hot_seat else (args.side,)
    for seat in humans:
        folder.key_for(args.table, seat)
    # the session's --opponent plays across the table, as play --opponent does (Session.ais_for)
    opponent, counts = args.opponent or folder.opponent, folder.ais_for(humans)
    played = table_personas(folder.scenario, humans, opponent)
    others = [p for p, persona in played.items() if args.opponent and persona.strategy != counts[p]]
    if others:
        print(f"note: this session counts games against {counts[others[0]]}; a game against "
              f"{args.opponent} is listed apart in the debrief, not scored", file=sys.stderr)
    held = None if args.out is None or args.out.suffix.lower() != ".json" else taken(args.out, folder.id, None)
    if held is not None:                    # before the game's number is taken: nothing is played or lost
        raise GameError(f"--out {held}; give another .json name, or a folder (each result is named apart there)")
    if args.out is not None and args.out.suffix.lower() != ".json":
        try:                                # made now: a --resume checks that its result's folder exists
            args.out.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass                            # the result is kept in the player's data folder at the end (deliver)
    started, numbers = claim(folder, args.table, humans)    # each seat's next game number: it decides the dice
    out = str(args.out.resolve()) if args.out else None
    games = numbers_to_json(numbers)
    # where the student said the result goes, sealed with the seat's key: a resume writes only there (destination.out_problem)
    seal = {} if out is None else {"out_seal": out_seal(folder.key_for(args.table, min(humans)), folder.id, args.table,
                                                        out, games)}
    if folder.kind == "session":            # the instructor's folder signs for every seat: a resume there needs this
        seal["started_here"] = started_here_seal(session_key(folder), folder.id, args.table, humans, games)
    extra = {"classroom": {"folder": str(args.session.resolve()), "table": args.table, "out": out, "games": games,
                           **seal},
             "started": started}
    # the plan stays out of the log's header: each planned event is a move when it fires (game.classroom.planned)
    return planned_game(folder.injects).new(folder.scenario, args.side, game_seed(folder.seed_of(args.table), numbers),
                                            opponent, args.log, (), extra, humans if args.hot_seat else (),
                                            across_only=True)
