"""``play SCENARIO --side PARTY``: a whole game in the terminal against the AI.

The commands typed at the prompt are :data:`COMMANDS` (``help`` prints them,
and so does ``play --help``). End of input saves the game as ``quit`` does.
"""

from __future__ import annotations

import argparse
import secrets
from pathlib import Path

import numpy as np

from game.cli import render
from game.engine.actions import (
    Accept,
    Action,
    Lock,
    Message,
    MessageKind,
    Offer,
    PlayerAction,
    RoundStart,
    Walk,
)
from game.engine.result import game_result
from game.engine.rules import IllegalMoveError
from game.engine.state import State
from game.errors import GameError
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario
from game.classroom.results import finish_classroom_game
from game.session.game import GameSession
from game.session.names import says
from game.session.views import ending
from game.strategies.registry import STRATEGIES


COMMANDS = """Commands (one per line; numbers are 1-based; typed or piped):

    show                      the table: their last offer and your draft
    set BASKET OPTION         change your draft; BASKET is a number, an id, or 'f'/'form'
    counter                   start your draft from their last offer
    best                      reset your draft to your government's best package
    offer [final | redline BASKET | movement BASKET]   propose your draft (with a message)
    accept                    accept their standing offer
    walk                      walk away (no deal)
    lock BASKET               settle one basket at their offer's option (lanes only)
    brief                     your confidential brief again
    help                      these commands
    quit                      stop; the game is saved: resume it with --resume LOG

The end of the input saves the game as 'quit' does."""


class QuitGame(Exception):
    """The player quit (or input ended); the log already holds every move."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("play", help="play a scenario against the AI in the terminal",
                              description="Play one side of a scenario against the AI.\n\n" + COMMANDS,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario .yaml file")
    p.add_argument("--side", metavar="PARTY", help="the delegation you play (a party id)")
    p.add_argument("--opponent", choices=sorted(STRATEGIES), help="the AI for every other delegation")
    p.add_argument("--seed", type=int, help="seed of all chance (default: a fresh random seed, printed)")
    p.add_argument("--text", action="store_true", help="play in the terminal (the default for 'play')")
    p.add_argument("--window", action="store_true", help="play this game in the game window instead")
    p.add_argument("--log", type=Path, metavar="PATH", help="where to write the move log")
    p.add_argument("--resume", type=Path, metavar="LOG", help="continue an interrupted game from its move log")
    p.add_argument("--hot-seat", action="store_true",
                   help="two players on one machine: you and the other side's player take turns")
    p.add_argument("--session", type=Path, metavar="DIR", help="a classroom session folder (or a pair's folder)")
    p.add_argument("--pair", type=int, metavar="K", help="your pair's number in the session")
    p.add_argument("--out", type=Path, metavar="PATH",
                   help="where the signed result goes (default: the session's results/ folder)")
    p.set_defaults(run=run, parser=p)


def run(args: argparse.Namespace) -> int:
    if args.resume:
        return resume(args.resume)
    session = make_session(args)
    print(render.brief(session.state.scenario, session.side))
    where = (f"pair {args.pair} of a classroom session" if args.session is not None else f"seed {session.seed}")
    print(f"\n({where}; move log: {session.log.path}; type 'help' for commands)")
    return _drive(session)


def make_session(args: argparse.Namespace) -> GameSession:
    """The game the play options describe (also used by the window: ``play ... --window``)."""
    if args.session is not None:
        return classroom_session(args)
    if not args.scenario or not args.side:
        args.parser.error("give SCENARIO and --side PARTY (or --resume LOG, or --session DIR --pair K --side PARTY)")
    scenario = load_scenario(args.scenario)
    ids = [p.id for p in scenario.parties]
    if args.side not in ids:
        raise GameError(f"--side: {args.side!r} is not a party of {scenario.id}; expected one of: {', '.join(ids)}")
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    return GameSession.new(scenario, args.side, seed, args.opponent, args.log,
                           humans=hot_seat_humans(scenario, args.side) if args.hot_seat else ())


def resume(path: Path) -> int:
    session, dropped = GameSession.resume(path)
    if dropped:
        print("(the last, half-written line of the log was dropped: that move is replayed from here)")
    print(render.brief(session.state.scenario, session.side))
    print(f"\n(resuming {path} after {len(session.state.history) - len(session.moments)} moves)")
    return _drive(session)


def hot_seat_humans(scenario: Scenario, side: str) -> tuple[str, ...]:
    """``side`` and the delegation across its first table, both played by people."""
    tables = [ph.parties for ph in scenario.phases if side in ph.parties] or [tuple(p.id for p in scenario.parties)]
    return (side, next(p for p in tables[0] if p != side))


def classroom_session(args: argparse.Namespace) -> GameSession:
    """A pair's game from a classroom session: its seed, its scheduled events, a signed result at the end."""
    from game.classroom.folder import open_session
    folder = open_session(args.session)
    ids = [p.id for p in folder.scenario.parties]
    if args.pair is None or args.side not in ids:
        args.parser.error(f"--session needs --pair K and --side PARTY (one of: {', '.join(ids)})")
    seed = folder.seed_of(args.pair)
    extra = {"classroom": {"folder": str(args.session.resolve()), "pair": args.pair,
                           "out": str(args.out.resolve()) if args.out else None}}
    return GameSession.new(folder.scenario, args.side, seed, args.opponent, args.log, folder.injects, extra,
                           hot_seat_humans(folder.scenario, args.side) if args.hot_seat else ())


def curtain(party: str, scenario: Scenario) -> None:
    """Hot-seat hand-over: scroll everything away and wait until the next player is alone at the screen."""
    print("\n" * 60)
    try:
        input(f"=== Hand over to {scenario.party(party).name}. Press Enter when only they can see the screen. ===")
    except EOFError:
        raise QuitGame from None
    print("\n" * 60)
    print(render.brief(scenario, party))


def _drive(session: GameSession) -> int:
    """Show what happens, ask the human(s) for each move, until the game ends or the player quits."""
    tables = {h: _Table(h) for h in session.humans}
    pending, last = [], session.side
    try:
        while True:
            pending += session.take_moments()
            party = session.to_move
            if party is not None and party != last and len(session.humans) > 1:
                curtain(party, session.state.scenario)          # nothing of the other player's view shows
            viewer = party or last
            for m in pending:
                tables[viewer].show(m.before, m.action, m.after)
            pending = []
            if session.over or party is None:
                break
            last = party
            action = tables[party].choose(session.state, party)
            try:
                session.submit(action)
            except IllegalMoveError as exc:
                print(f"  {exc}")
    except (QuitGame, KeyboardInterrupt):
        session.close()
        print(f"\nGame saved. Resume with: python main.py play --resume {session.log.path}")
        return 0
    if len(session.humans) > 1 and last != session.side:
        curtain(session.side, session.state.scenario)
    print(render.debrief(session.state, game_result(session.state), session.side))
    print(f"\nMove log: {session.log.path}")
    result = finish_classroom_game(session)
    if result is not None:
        print(f"Result (signed): {result}")
    return 0


class _Table:
    """The human's side of the table: prompts, the draft package, and what is shown."""

    def __init__(self, side: str) -> None:
        self.side = side
        self.draft: list[int] | None = None

    def show(self, before: State, action: Action, after: State) -> None:
        seated = self.side in after.phase_def.parties or self.side in before.phase_def.parties
        if isinstance(action, RoundStart) and seated:
            print("\n" + render.status(after))
            for event in after.scenario.events:
                if event.id in action.events:
                    print(f"EVENT: {event.text}")
        elif isinstance(action, Offer) and action.party == self.side:
            said = "."
            if action.message is not None:                # the message that went out with it
                basket = after.scenario.basket(action.message.basket).name if action.message.basket else None
                said = f': "{action.message.text(basket)}"'
            print(f"You offer the draft ({render.value_of(after, self.side, action.outcome):.3f} to your government){said}")
        elif isinstance(action, (Offer, Accept, Walk, Lock)) and action.party != self.side and seated:
            name = after.scenario.party(action.party).name
            if isinstance(action, Offer):
                print(render.offer_text(after, action, self.side))
            elif isinstance(action, Lock):
                print(f"{says(name, 'locks', 'lock')} {after.scenario.baskets[action.basket].name}.")
            else:
                print(says(name, "accepts.", "accept.") if isinstance(action, Accept)
                      else says(name, "walks away.", "walk away."))
        if len(after.results) > len(before.results):
            r = after.results[-1]
            print(f"\n*** {says(before.phase_def.name, 'ends', 'end')}: {ending(after.scenario, r.ended_by, self.side)} ***")
            if after.anchor is not None and after.phase != before.phase:
                print(f"The plan is published; it anchors '{after.phase_def.name}' with weight {after.phase_def.anchoring:.2f}.")
            if after.phase != before.phase and self.side not in after.phase_def.parties:
                print(f"(You do not sit at '{after.phase_def.name}'; the AI delegations negotiate it now.)")
            self.draft = None

    def choose(self, state: State, party: str) -> PlayerAction:
        assert state.tables is not None
        if self.draft is None:
            best = state.tables.of(party).order
            self.draft = [int(x) for x in np.unravel_index(int(best[0]), state.tables.problem.shape)] if len(best) else [0] * len(state.locks)
        for i, lock in enumerate(state.locks):
            if lock >= 0:
                self.draft[i] = lock
        if state.final_response:
            print("The last round is over: accept their offer or walk away.")
        while True:
            try:
                line = input(f"[{state.scenario.party(party).name}] > ").strip()
            except EOFError:
                print("\n(input ended)")
                raise QuitGame from None
            if not line:
                continue
            try:
                action = self.command(state, party, line)
            except ValueError as exc:
                print(f"  {exc}")
                continue
            if action is not None:
                return action

    def command(self, state: State, party: str, line: str) -> PlayerAction | None:
        words = line.split()
        verb, rest = words[0].lower(), words[1:]
        s = state.scenario
        assert self.draft is not None
        if verb == "help":
            print(COMMANDS)
        elif verb == "brief":
            print(render.brief(s, party))
        elif verb == "quit":
            raise QuitGame
        elif verb == "show":
            if state.standing is not None and state.standing.party != party:
                print(render.offer_text(state, state.standing, party))
            self.print_draft(state, party)
        elif verb == "best":
            best = state.tables.of(party).order  # type: ignore[union-attr]
            self.draft = [int(x) for x in np.unravel_index(int(best[0]), state.tables.problem.shape)]  # type: ignore[union-attr]
            self.print_draft(state, party)
        elif verb == "counter":
            if state.standing is None or state.standing.party == party:
                raise ValueError("there is no offer from the other side yet")
            self.draft = list(state.standing.outcome)
            self.print_draft(state, party)
        elif verb == "set":
            if len(rest) != 2:
                raise ValueError("usage: set BASKET OPTION   e.g. 'set 2 4' or 'set form treaty'")
            issue = self.issue(state, rest[0])
            if issue < len(state.locks) and state.locks[issue] >= 0:
                raise ValueError(f"basket {issue + 1} is locked")
            self.draft[issue] = self.option(state, issue, rest[1])
            self.print_draft(state, party)
        elif verb == "offer":
            if state.final_response:
                raise ValueError("the last round is over: you may only 'accept' or 'walk'")
            return Offer(party, tuple(self.draft), self.message(state, rest))
        elif verb == "accept":
            if state.standing is None or state.standing.party == party:
                raise ValueError("there is no offer from the other side to accept")
            return Accept(party)
        elif verb == "walk":
            return Walk(party)
        elif verb == "lock":
            if not state.protocol.lanes:
                raise ValueError("parallel lanes are off in these talks")
            if len(rest) != 1 or state.standing is None or state.standing.party == party:
                raise ValueError("usage: lock BASKET (locks it at the option of their standing offer)")
            issue = self.issue(state, rest[0])
            if issue >= len(s.baskets) or state.locks[issue] >= 0:
                raise ValueError("that basket cannot be locked (already locked, or it is the form)")
            return Lock(party, issue)
        else:
            raise ValueError(f"unknown command {verb!r}; type 'help' for the commands")
        return None

    def issue(self, state: State, word: str) -> int:
        baskets = state.scenario.baskets
        if word.lower() in ("f", "form"):
            return len(baskets)
        if word.isdigit() and 1 <= int(word) <= len(baskets):
            return int(word) - 1
        for i, b in enumerate(baskets):
            if b.id == word:
                return i
        raise ValueError(f"no basket {word!r}: expected 1-{len(baskets)}, a basket id, or 'form'")

    def option(self, state: State, issue: int, word: str) -> int:
        s = state.scenario
        ids = [o.id for o in s.baskets[issue].options] if issue < len(s.baskets) else [f.id for f in s.forms]
        if word.isdigit() and 1 <= int(word) <= len(ids):
            return int(word) - 1
        if word in ids:
            return ids.index(word)
        raise ValueError(f"no option {word!r} here: expected 1-{len(ids)} or one of: {', '.join(ids)}")

    def message(self, state: State, words: list[str]) -> Message | None:
        if not words:
            return None
        kind = words[0].lower()
        if kind == "final" and len(words) == 1:
            return Message(MessageKind.FINAL)
        if kind in ("redline", "movement") and len(words) == 2:
            issue = self.issue(state, words[1])
            if issue >= len(state.scenario.baskets):
                raise ValueError("messages name a basket, not the form")
            return Message(MessageKind.RED_LINE if kind == "redline" else MessageKind.MOVEMENT, state.scenario.baskets[issue].id)
        raise ValueError("usage: offer [final | redline BASKET | movement BASKET]")

    def print_draft(self, state: State, party: str) -> None:
        assert self.draft is not None
        print("Your draft:")
        print("\n".join(render.outcome_lines(state.scenario, tuple(self.draft), state.locks)))
        bad = render.crossed(state, party, tuple(self.draft))
        print("  " + render.worth(state, party, tuple(self.draft))
              + (f" Crosses YOUR red line on: {', '.join(bad)}!" if bad else ""))
