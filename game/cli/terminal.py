"""The terminal game: show each move, ask the human(s) for theirs, save on quit, debrief at the end.

The commands a player types are :data:`game.cli.play_cmd.COMMANDS`; this module is imported
only when a game starts (it brings numpy and the engine with it).
"""

from __future__ import annotations

import sys


from game.about import program
from game.errors import error_line
from game.classroom.results import finish_classroom_game
from game.cli import confirm, lineedit, play_cmd, render
from game.cli.handover import QuitGame, curtain, where
from game.cli.typed import issue_of, message_of, option_of, options_text
from game.cli.wrap import echo, short
from game.engine.actions import (
    Accept,
    Action,
    Lock,
    Offer,
    PlayerAction,
    RoundStart,
    Walk,
)
from game.engine.record import new_deltas
from game.engine.result import game_result
from game.engine.rules import IllegalMoveError
from game.engine.state import State
from game.session import drafts as saved
from game.session.brief import seen_scenario
from game.session.effects import cards, unagreed
from game.session.diagnosis import played_offers
from game.session.game import GameSession, Moment
from game.session.handoff import anchoring_lines, published_plan
from game.session.locked import locked_why, missing_messages
from game.session.watched import watched_step
from game.session.names import anchoring, phase_name, refusal, says
from game.session.stake import reveal_words
from game.session.views import (
    credibility_line,
    ending,
    message_text,
    numbered_messages,
    reason_line,
    scope_news,
)
from game.words import closest


VERBS = tuple(line.split()[0] for line in play_cmd.COMMANDS.splitlines()   # the help's own list, one per command
              if line.startswith("    ") and not line.startswith("     "))
BARE = ("help", "brief", "quit", "show", "best", "counter", "accept", "walk", "messages")
"""Commands that take no words after them: extra words are refused, not ignored ("accept 3" is not an
accept of basket 3); "walk away" is read as "walk"."""


def drive(session: GameSession, drafts: dict[str, list[int]] | None = None) -> int:
    """Show what happens, ask the human(s) for each move, until the game ends or the player quits; a quit
    keeps each player's unsent draft beside the log (:mod:`game.session.drafts`), ``drafts`` restores them.

    Each human has a backlog of the moves since their last turn, shown when their turn comes. In hot seat
    each hand-over erases the screen, so the next player gets their brief, the round's heading, then
    their backlog (their own last offer, the round's events, the other's answer). A player whose backlog
    is empty at their first turn (a resumed game) is told where the talks stand. At the end each player
    sees the moves they have not seen and their own debrief."""
    lineedit.enable()
    tables = {h: _Table(h, session.humans) for h in session.humans}
    for human, draft in (drafts or {}).items():
        tables[human].draft = draft
    backlog: dict[str, list[Moment]] = {h: [] for h in session.humans}
    fresh, hot_seat, last = set(session.humans), len(session.humans) > 1, session.side
    try:
        while True:
            new = session.take_moments()
            for human in session.humans:
                backlog[human] += new
            party = session.to_move
            if session.over or party is None:
                break
            if hot_seat and party != last:
                curtain(party, session.state)          # nothing of the other player's view shows
            moments, backlog[party] = backlog[party], []
            if not moments and party in fresh:
                where(session.state, party, party in (drafts or {}))
            elif hot_seat and party != last and not any(isinstance(m.action, RoundStart) for m in moments):
                echo("\n" + render.status(session.state))       # the curtain erased the round's heading
            for m in moments:
                tables[party].show(m.before, m.action, m.after, m.why)
            fresh.discard(party)
            last = party
            action = tables[party].choose(session.state, party)
            try:
                session.submit(action)
            except IllegalMoveError as exc:
                echo("  " + refusal(exc))                # the rule's number is for the log
    except (QuitGame, KeyboardInterrupt) as stop:
        session.close()
        saved.save(session.log.path, {h: t.draft for h, t in tables.items() if t.draft is not None})
        echo(f"\nGame saved. Resume with:\n  {program()} play --resume {short(session.log.path)}")
        return 130 if isinstance(stop, KeyboardInterrupt) else 0      # Ctrl-C exits as 'simulate' does
    saved.discard(session.log.path)
    delivery = finish_classroom_game(session)       # the result first: nothing typed at a hand-over can lose it
    trace = played_offers(session.scenario, session.state.history)   # for the debrief's "What happened"
    for human in (last, *(h for h in session.humans if h != last)) if hot_seat else (session.side,):
        if human != last:
            try:                                    # the last player reads the debrief before the screen is erased
                input("(Press Enter when you have read your debrief: the screen is then handed over.)")
                curtain(human, session.state)
            except (QuitGame, EOFError):            # input ended at the hand-over: the game is over all the same
                break
        for m in backlog[human]:
            tables[human].show(m.before, m.action, m.after, m.why)
        echo(render.debrief(session.state, game_result(session.state), human, trace))
    echo(f"\nMove log: {short(session.log.path)}")
    if delivery is not None and delivery.problem is not None:
        echo(error_line(str(delivery.problem)), file=sys.stderr)
        return 1
    if delivery is not None:
        if delivery.note is not None:
            echo(delivery.note)
        echo(f"Result (signed): {delivery.path}")
    return 0


class _Table:
    """The human's side of the table: prompts, the draft package, and what is shown."""

    def __init__(self, side: str, humans: tuple[str, ...] = ()) -> None:
        self.side = side
        self.humans = humans or (side,)
        self.draft: list[int] | None = None
        self.stake_told = False          # the reveal cost in a 'Your delegation' figure, said once a game

    def explain_stake(self, state: State, outcome: tuple[int, ...]) -> None:
        """The first time in a game a 'Your delegation' figure shown counts the reveal cost (an official at a
        non-binding table), what makes it, in the window's words (game.session.stake.reveal_words; newcomer
        trial, track15_trap as the Russian minister: "-0.982 vs no deal" explained only in the final debrief)."""
        text = "" if self.stake_told else reveal_words(state, self.side, outcome)
        if text:
            self.stake_told = True
            echo("  " + text)

    def show(self, before: State, action: Action, after: State, why: str | None = None) -> None:
        seated = self.side in after.phase_def.parties or self.side in before.phase_def.parties
        if self.side not in before.phase_def.parties:     # a table watched: in brief, as the hand-off screen tells it
            for kind, text in watched_step(Moment(before, action, after, why), self.side):
                if kind != "phase":                       # its end: the *** line below, and the plan or scope
                    echo(f"    {text}" if kind == "effect" else f"  {text}")
        elif isinstance(action, RoundStart) and seated:
            echo("\n" + render.status(after))
            told = cards(after.scenario, new_deltas(before, after), self.side, action.events, failed=unagreed(after))
            for card in told:
                echo(f"EVENT: {card.title}")           # what it changed, before -> after
                for line in card.lines:
                    echo(f"  {line.text}")
            standing = after.standing
            if told and standing is not None and standing.party != self.side and after.tables is not None:
                echo("  Their offer on the table, now: " + render.worth(after, self.side, standing.outcome))
                self.explain_stake(after, standing.outcome)
        elif isinstance(action, Offer) and action.party == self.side:
            said = "."
            if action.message is not None:                # the message that went out with it
                said = f': "{message_text(after.scenario, action.message)}"'
            echo(f"You offer the draft ({render.value_of(after, self.side, action.outcome):.3f} to your government){said}")
        elif isinstance(action, Lock) and action.party == self.side:
            echo(f"Locked {render.locked(after, action.basket)}.")      # newcomer trial: 'lock 1' printed nothing
        elif isinstance(action, (Offer, Accept, Walk, Lock)) and action.party != self.side and seated:
            name = after.scenario.party(action.party).name
            if isinstance(action, Offer):
                echo(render.offer_text(after, action, self.side))
                self.explain_stake(after, action.outcome)
            elif isinstance(action, Lock):
                echo(f"{says(name, 'locks', 'lock')} {after.scenario.baskets[action.basket].name}.")
            else:
                echo(says(name, "accepts.", "accept.") if isinstance(action, Accept)
                      else says(name, "walks away.", "walk away."))
            if why:
                echo(reason_line(before, action.party, why, self.side))
        if len(after.results) > len(before.results):
            r = after.results[-1]
            ended = phase_name(after.scenario, before.phase_def.id)      # "The talks" without phases
            echo(f"\n*** {says(ended, 'ends', 'end')}: {ending(after.scenario, r.ended_by, self.side, r.round)} ***")
            if after.anchor is not None and after.phase != before.phase:
                echo(f"The plan is published: {anchoring(after.phase_def.name, after.phase_def.anchoring)}.")
                echo(self.plan_text(after) or "(its terms are not this table's)")
                plan = published_plan(after)
                for moved in anchoring_lines(after, plan, self.side) if plan is not None else ():
                    echo(f"  {moved}")                    # the bars at home it moved (rule 3): said, not only debriefed
            for number, news in enumerate(scope_news(before, after, self.side)):   # a definitions phase's scope
                echo(news if number == 0 else f"  {news}")                       # then each change, before -> after
            if after.phase != before.phase and self.side not in after.phase_def.parties:
                echo(f"(You do not sit at '{after.phase_def.name}': {self.who_negotiates(after)} negotiate it now; "
                     "its moves follow in brief.)")
            self.draft = None

    def who_negotiates(self, state: State) -> str:
        """Who sits at the table the player does not: the other player(s) by name, the rest as the AI
        (regression trial: "the AI delegations" where the other player of a hot seat sat)."""
        names = [state.scenario.party(p).name + (" (the other player)" if p in self.humans else " (the AI)")
                 for p in state.phase_def.parties]
        return " and ".join(names)

    def choose(self, state: State, party: str) -> PlayerAction:
        assert state.tables is not None
        if self.draft is None:
            self.draft = saved.starting_draft(state, party)
            if state.standing is None:                     # the first offer is theirs to make: say how
                echo(f"You make the first offer. Your draft starts at {saved.STARTS_AT}. 'show' prints your "
                     "draft, 'best' returns to it, 'set' changes it, 'offer' sends it; 'help' lists every command.")
        for i, lock in enumerate(state.locks):
            if lock >= 0:
                self.draft[i] = lock
        if state.final_response:
            echo("The last round is over: accept their offer or walk away.")
        while True:
            try:
                line = input(f"[{state.scenario.party(party).name}] > ").strip()
            except EOFError:
                echo("\n(input ended)")
                raise QuitGame from None
            if not line:
                continue
            try:
                action = self.command(state, party, line)
                if action is not None and confirm.confirmed(state, party, action):   # risky moves ask first
                    return action
            except ValueError as exc:
                echo(f"  {exc}")
            except EOFError:
                echo("\n(input ended)")
                raise QuitGame from None

    def command(self, state: State, party: str, line: str) -> PlayerAction | None:
        words = line.split()
        verb, rest = words[0].lower(), words[1:]
        s = state.scenario
        assert self.draft is not None
        if verb in BARE and rest and not (verb == "walk" and [w.lower() for w in rest] == ["away"]):
            raise ValueError(f"'{verb}' takes nothing after it (you typed {' '.join(rest)!r}): type '{verb}' alone;"
                             " 'help' lists every command")
        if verb == "help":
            echo(play_cmd.COMMANDS)
        elif verb == "brief":
            echo(render.brief(seen_scenario(state, party), party))
        elif verb == "quit":
            raise QuitGame
        elif verb == "show":
            if self.plan_text(state):                      # the plan these talks are anchored on (author trial h7)
                echo(self.plan_text(state))
            if state.standing is not None and state.standing.party != party:
                echo(render.offer_text(state, state.standing, party))
                self.explain_stake(state, state.standing.outcome)
            self.print_draft(state, party)
            echo(credibility_line(state, party))
        elif verb == "options":
            if len(rest) != 1:
                raise ValueError("usage: options BASKET   e.g. 'options 2' or 'options form'")
            issue = issue_of(state.scenario, rest[0])
            echo(options_text(state.scenario, issue, self.draft))
        elif verb == "messages":
            echo("Messages an offer can carry ('offer N' sends your draft with message N):")
            for number, name in numbered_messages(s, state.locks):
                echo(f"  {number:>2}. {name}")
            if missing_messages(s, state.locks):
                echo(missing_messages(s, state.locks))
        elif verb == "best":
            self.draft = saved.starting_draft(state, party)
            self.print_draft(state, party)
        elif verb == "counter":
            if state.standing is None or state.standing.party == party:
                raise ValueError("there is no offer from the other side yet")
            self.draft = list(state.standing.outcome)
            self.print_draft(state, party)
        elif verb == "set":
            if len(rest) != 2:
                raise ValueError("usage: set BASKET OPTION   e.g. 'set 2 4' or 'set form treaty'")
            issue = issue_of(state.scenario, rest[0])
            if issue < len(state.locks) and state.locks[issue] >= 0:
                raise ValueError(f"basket {issue + 1} is locked ({locked_why(s, issue)}): "
                                 f"{render.locked(state, issue)}")
            self.draft[issue] = option_of(state.scenario, issue, rest[1], self.draft)
            self.print_draft(state, party)
        elif verb == "offer":
            if state.final_response:
                raise ValueError("the last round is over: you may only 'accept' or 'walk'")
            return Offer(party, tuple(self.draft), message_of(state, rest, self.side, self.draft))
        elif verb == "accept":
            if state.standing is None or state.standing.party == party:
                raise ValueError("there is no offer from the other side to accept")
            return Accept(party)
        elif verb == "walk":
            return Walk(party)
        elif verb == "lock":
            if not state.protocol.lanes:
                raise ValueError("parallel lanes are off in these talks")
            if len(rest) != 1:
                raise ValueError("usage: lock BASKET (locks it at the option of their standing offer)")
            if state.standing is None or state.standing.party == party:
                raise ValueError("there is no offer from the other side yet to lock a basket at")
            issue = issue_of(state.scenario, rest[0])
            if issue >= len(s.baskets):
                raise ValueError("the agreement form cannot be locked: only a basket can")
            if state.locks[issue] >= 0:
                raise ValueError(f"{render.locked(state, issue)} is already locked")
            return Lock(party, issue)
        elif verb in confirm.YES + confirm.NO:
            raise ValueError("there is nothing to confirm now; type 'help' for the commands")
        else:
            near = closest(verb, VERBS)
            raise ValueError(f"unknown command {verb!r}" + (f" (did you mean {near!r}?)" if near else "")
                             + "; type 'help' for the commands")
        return None

    def plan_text(self, state: State) -> str:
        """The published plan's terms, and what they are worth to the player's government ("" when no plan of
        this table's baskets anchors the talks): an official anchored on it must be able to read it, not only
        its weight."""
        if state.anchor is None or len(state.anchor) != len(state.scenario.baskets) + 1:   # none, or another table's
            return ""
        lines = ["The published plan:"] + render.outcome_lines(state.scenario, state.anchor)
        if self.side in state.phase_def.parties:
            lines.append("  " + render.worth(state, self.side, state.anchor))
        return "\n".join(lines)

    def print_draft(self, state: State, party: str) -> None:
        assert self.draft is not None
        echo("Your draft:")
        echo("\n".join(render.outcome_lines(state.scenario, tuple(self.draft), state.locks)))
        bad = render.crossed(state, party, tuple(self.draft))
        echo("  " + render.worth(state, party, tuple(self.draft))
              + (f" Crosses YOUR red line on: {', '.join(bad)}!" if bad else ""))
        self.explain_stake(state, tuple(self.draft))
