"""What the table shows once a move is played: event cards, the "deal struck" beat, a new phase
(the Track 1.5 hand-off when a plan was published), the way to the results, and the deadline's
pressure in the header.

:class:`TableNews` is mixed into :class:`game.ui.scenes.table.TableScene`; it reads the scene's
session, its shown state (``view``), the player's side and draft.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial


from game.classroom.results import finish_classroom_game
from game.engine.actions import Accept, Lock, Offer, RoundStart, Walk
from game.engine.record import new_deltas
from game.engine.result import game_result
from game.engine.state import Delta, State
from game.errors import GameError
from game.session.audience import veto_players
from game.session.diagnosis import offer_trace
from game.session.effects import Card, cards, unagreed
from game.session import drafts
from game.session.game import GameSession, Moment
from game.session.names import TIMING_WORDS, a_percent, anchoring, delay_cost, frozen_after, refusal, says, verdicts
from game.session.stake import reveal_words
from game.session.untold import told_at_change, untold_deal
from game.session.views import AFTER_THE_TALKS, describe, paper_of, value_of, worth_of
from game.session.worth import above_paper
from game.ui.card_marks import good_for_player, mark
from game.ui.meter import Meter
from game.ui.scene import Scene
from game.ui.scenes.picker import Again
from game.ui.scenes.unseen import Unseen, tell_deal
from game.ui.textpanel import Line
from game.words import count


SOUND_OF = {"event": "event", "offer": "offer", "accept": "accept", "walk": "violation", "lock": "click"}


class TableNews(Scene):
    """The table's news after a move (the table scene fills in these attributes and methods)."""

    session: GameSession
    side: str
    view: State
    draft: list[int]
    moments: list[Moment]
    card: list[Card]
    cards_drawn: list[Card]
    meter: Meter
    hot_seat: bool
    unseen: dict[str, list[Moment]]
    message_index: int
    moving: tuple[Accept | Walk | Offer | Lock, int]
    log: list[str]
    draft_phase: int
    plans_shown: set[tuple[str, int]]
    struck: bool
    told: set[tuple[str, int]]

    def refresh(self) -> None:
        raise NotImplementedError

    def hand_over(self, party: str, reviews: bool = False) -> None:
        raise NotImplementedError

    def curtain(self, party: str, then: Callable[[], None] | None = None, ready: str = "Show my table") -> Scene:
        raise NotImplementedError

    def keep_draft(self) -> None:
        raise NotImplementedError

    def explain_above_paper(self, outcome: tuple[int, ...]) -> None:
        """Once per game, the first time a package shown (the draft, their offer) is expected to be worth more than
        on paper, the log says why, in the terminal's words (game.session.worth.above_paper; newcomer trial,
        ryabkov round 1: "0.613 expected, 0.598 on paper" and nothing said why)."""
        state = self.view
        if (getattr(self, "above_told", False) or state.tables is None or not state.protocol.binding
                or self.side not in state.phase_def.parties or len(outcome) != len(state.locks)):
            return
        text = above_paper(value_of(state, self.side, outcome), paper_of(state, self.side, outcome),
                           state.scenario.party(self.side).reservation)
        if text:
            self.above_told = True
            self.log.append(text)

    def explain_stake(self, outcome: tuple[int, ...]) -> None:
        """Once per game, the first time a package shown (the draft, their offer) has a 'Your delegation' figure
        that counts the reveal cost (an official at a non-binding table), the log says what makes it, in the
        terminal's words (game.session.stake.reveal_words; newcomer trial, track15_trap as the Russian minister:
        "-0.982 vs no deal" explained only in the final debrief)."""
        state = self.view
        if getattr(self, "stake_told", False) or len(outcome) != len(state.locks):
            return
        text = reveal_words(state, self.side, outcome)
        if text:
            self.stake_told = True
            self.log.append(text)

    def consume(self, sound: bool = True) -> list[Moment]:
        """Take what happened since the last move into the log (and return it)."""
        moments = self.session.take_moments()
        self.take(moments, self.session.state, sound)
        return moments

    def take(self, moments: list[Moment], state: State, sound: bool = True) -> None:
        """``moments`` into the log, and ``state`` on the table (the session's, or the table as a
        deal struck left it, until the player has seen the deal)."""
        for moment in moments:
            self.record(moment, sound)
        self.view = state
        if state.phase != self.draft_phase and state.tables is not None:
            # the terminal's and the class page's starting draft (best at expected value, locks kept)
            self.draft = drafts.starting_draft(state, self.side)
            self.draft_phase = state.phase
        for i, lock in enumerate(state.locks):
            if lock >= 0:
                self.draft[i] = lock

    def record(self, moment: Moment, sound: bool) -> None:
        """One applied action into the log (and its sound)."""
        self.moments.append(moment)
        # hot-seat: a neutral log, since both players read it (no one's values in it)
        for kind, text in describe(moment.before, moment.action, moment.after, "" if self.hot_seat else self.side,
                               moment.why):
            if kind in AFTER_THE_TALKS:     # the vote is the results screen's to tell
                continue
            self.log.append(text)
            if sound and kind in SOUND_OF:
                self.app.sounds.play(SOUND_OF[kind])

    def remember(self, moments: list[Moment]) -> None:
        """Hot seat: keep ``moments`` for every player, to be shown at their next turn."""
        for waiting in self.unseen.values():
            waiting += moments

    def show_cards(self, moments: list[Moment]) -> None:
        """A card for the events (and phase effects) among ``moments`` at the player's table, told to the
        player at the screen (its own figures in numbers, the other government's as confidential). In hot
        seat the moments since this player's last turn are shown (window trial: the cards were told to
        nobody, so a player read its own government's figure as confidential)."""
        if self.hot_seat:
            self.remember(moments)
            moments, self.unseen[self.side] = self.unseen[self.side], []
        viewer = self.side
        deltas: list[Delta] = []
        fired: list[str] = []
        for m in moments:
            if self.side in m.after.phase_def.parties and (isinstance(m.action, RoundStart) or new_deltas(m.before, m.after)):
                deltas += new_deltas(m.before, m.after)
                fired += list(m.action.events) if isinstance(m.action, RoundStart) else []
        made = cards(self.view.scenario, tuple(deltas), viewer, tuple(fired), failed=unagreed(self.view))
        if made:
            self.card = made
            self.cards_drawn += made

    def card_lines(self) -> list[Line]:
        """The event card as lines of the panel over the log."""
        lines = []
        for card in self.card:
            lines.append(Line(card.title, bold=True, colour=self.app.palette.focus))
            for x in card.lines:              # marked by what it does for the player, not by the number's sign
                good = good_for_player(self.view.scenario, self.side, x)
                lines.append(Line(f"{mark(good)} {x.text}", colour=None if good is None else
                                  self.app.palette.good if good else self.app.palette.bad))
        players = veto_players(self.view, self.side, tuple(self.draft)) if self.side in self.view.phase_def.parties \
            and self.view.tables is not None else ()
        for player in players:
            tween = self.meter.chances.get(player.name)
            if tween is not None and round(100 * tween.start) != round(100 * player.chance) and tween.moving:
                lines.append(Line(f"• At home, {player.name} would now approve your draft: "
                                  f"{tween.start:.0%} → {player.chance:.0%}"))
        lines.append(Line("(▲ helps you, ▼ hurts you. The card closes when you move; the log keeps the event.)",
                          colour=self.app.palette.muted))
        return lines

    def done(self, error: BaseException | None) -> None:
        """The move is played (or refused with ``error``): show what happened. A deal that ends a table is
        shown over that table as the acceptance left it (not the next table's header and log), to the
        player who made the move, hot seat or not; then the results, or the next table (with the published
        plan), and in hot seat the hand-over."""
        action, phase = self.moving
        if isinstance(error, GameError):       # an illegal move leaves the game as it was (its reason, no rule number)
            self.app.notify(refusal(error))
            self.refresh()
            return
        if error is not None:
            raise error
        if isinstance(action, Offer):
            self.message_index = 0          # a message goes out with one offer; the button says so at once
        moments = self.session.take_moments()
        accepted = next((m for m in moments if isinstance(m.action, Accept)), None)
        ended = self.session.over or self.session.state.phase != phase
        if accepted is not None and ended:
            k = moments.index(accepted) + 1
            self.take(moments[:k], accepted.before)
            self.struck = True             # hot seat: the other player at this table is told it later (untold_deal)
            self.refresh()
            from game.ui.scenes.cards import DealScene
            self.app.push(DealScene(self.app, "Deal struck", self.deal_lines(accepted),
                                    partial(self.after_deal, phase, moments, moments[k:])))
            return
        self.take(moments, self.session.state)
        self.refresh()
        if ended:
            self.after_deal(phase, moments, [])
        elif self.hot_seat and self.session.to_move not in (None, self.side):
            self.remember(moments)                      # each player sees them at their next turn
            self.hand_over(self.session.to_move)
        else:
            self.show_cards(moments)
            self.refresh()

    def after_deal(self, phase: int, moments: list[Moment], rest: list[Moment]) -> None:
        """Once the deal (if any) is seen: the rest of the moves on the table, then the results or the next table."""
        self.struck = False
        self.take(rest, self.session.state)
        if self.session.over:
            self.to_aftermath()
        else:
            self.new_phase(phase, moments)

    def to_aftermath(self) -> None:
        """The results: the talks the player at the screen had no seat at, move by move, then the vote at
        home; in hot seat each other player's turn follows their debrief (:mod:`game.ui.scenes.unseen`). The
        last debrief's 'Play again' starts the same kind of game (:class:`game.ui.scenes.picker.Again`)."""
        from game.ui.scenes.aftermath import AftermathScene
        from game.ui.scenes.handoff import HandoffScene
        result = finish_classroom_game(self.session)
        drafts.discard(self.session.log.path)           # the game is over: no draft to come back to
        state = self.session.state
        trace = offer_trace((m.before, m.action, m.after) for m in self.moments)
        side = self.side if self.hot_seat else self.session.side       # hot seat: the player at the screen first
        others = tuple(h for h in self.session.humans if h != side) if self.hot_seat else ()
        humans = self.session.humans if self.hot_seat else ()
        untold = {p: self.deal_lines(m, p) for p in humans if (m := untold_deal(self.moments, humans, p)) is not None
                  and (p, m.before.phase) not in self.told}
        unseen = Unseen(tuple(self.moments), untold)
        watched = unseen.watched(self.side)
        aftermath = AftermathScene(self.app, state, game_result(state), side, trace, others, unseen,
                                   Again.of(self.session), {p: h.start for p, h in self.session.handovers.items()})
        if watched and state.scenario.phases:        # the talks the player did not sit at, plan or no plan
            self.app.replace(HandoffScene(self.app, state, self.side, watched, aftermath))
        else:
            self.app.replace(aftermath)
        if result is not None and result.problem is not None:
            self.app.notify(result.problem)
        elif result is not None:
            self.app.notify(result.note or "The signed result of your game is in:", result.path)

    def new_phase(self, previous: int, moments: list[Moment]) -> None:
        """A new table: the published plan (or what changed), to the player at the screen; in hot seat, when
        the other player moves first there, the hand-over after it, and their own view of the plan after the
        curtain (:meth:`show_plan`). A player told nothing yet of the deal struck at the table just ended, who
        has no seat at this one, is told it now, behind a curtain of their own (:meth:`review`), and the
        screen then goes to the player to move (known gap: when Moscow accepted at the Track 1.5 table the
        experts' player never saw the deal nor the plan)."""
        from game.ui.scenes.handoff import HandoffScene
        nxt = self.session.to_move
        handing = self.hot_seat and nxt is not None and nxt != self.side
        absent = self.untold_at_change() if nxt is not None else []
        if handing:
            self.remember(moments)                      # each player sees them at their next turn
        else:
            self.rebuild()
        then = self.curtain(nxt) if nxt is not None and (handing or absent) else None
        for party, accepted in absent:
            assert then is not None
            then = self.review(party, accepted, then)
        if self.view.anchor is not None:
            self.plans_shown.add((self.side, self.view.phase))
            self.app.push(HandoffScene(self.app, self.view, self.side, [], then))
        else:
            if then is not None:
                self.app.push(then)
            self.app.notify(self.phase_news(previous))
        if not handing:
            self.show_cards(moments)

    def untold_at_change(self) -> list[tuple[str, Moment]]:
        """Hot seat: each player to be told now, behind a curtain of their own, the deal that ended the table
        they sat at (:func:`game.session.untold.told_at_change`, from the moves), who has not closed it yet
        (``told``, kept in the save): at the change of tables, and when a game saved or closed behind that
        curtain is loaded (window trial: it was never told after loading)."""
        humans = self.session.humans if self.hot_seat else ()
        return [(p, m) for p in humans
                if (m := told_at_change(self.moments, humans, p)) is not None and (p, m.before.phase) not in self.told]

    def review(self, party: str, accepted: Moment, then: Scene) -> Scene:
        """Hot seat: the curtain for ``party``, who sat at the table a deal (``accepted``) has just ended and
        has no seat at the next: behind it, that deal, told to them, over the published plan (or what the table
        settled); then ``then``, the hand-over to the player to move. Once they close the deal it is kept as
        told, in the save at once (:meth:`keep_draft`), so that loading the game never tells it again."""
        from game.ui.scenes.handoff import HandoffScene
        lines = self.deal_lines(accepted, party)

        def show() -> None:
            self.app.push(HandoffScene(self.app, self.view, party, [], then))
            tell_deal(self.app, lines, partial(self.mark_told, party, accepted.before.phase))
        return self.curtain(party, show, "Show how my table ended")

    def mark_told(self, party: str, table: int) -> None:
        """``party`` has closed the deal that ended ``table`` (told behind their curtain, or at their turn):
        kept as told, in the save at once (:meth:`keep_draft`), since the moves cannot say it before their
        next move (window trial: closed before moving and loaded again, a deal was told twice)."""
        self.told.add((party, table))
        self.keep_draft()

    def show_plan(self) -> None:
        """The published plan anchoring this table, to the player at the screen who has not yet seen it here."""
        from game.ui.scenes.handoff import HandoffScene
        key = (self.side, self.view.phase)
        if self.view.anchor is not None and key not in self.plans_shown:
            self.plans_shown.add(key)
            self.app.push(HandoffScene(self.app, self.view, self.side, [], None))

    def deal_lines(self, accepted: Moment, viewer: str | None = None) -> list[str]:
        """The terms agreed, and what they are worth to the government of ``viewer`` (by default the player at
        the screen)."""
        side = viewer or self.side
        before = accepted.before
        standing = before.standing
        assert standing is not None
        s = before.scenario
        party = accepted.action.party if isinstance(accepted.action, Accept) else ""
        who = "You accept their offer." if party == side else says(s.party(party).name, "accepts", "accept") + " the offer."
        if before.scenario.phases:                   # a phase's name may have a colon of its own
            who = f"{before.phase_def.name} — {who[:1].lower() + who[1:] if party == side else who}"
        lines = [who, ""]
        lines += [f"{b.name}: {b.options[standing.outcome[i]].label}" for i, b in enumerate(s.baskets)]
        lines.append(f"Agreement form: {s.forms[standing.outcome[-1]].label}")
        if side in before.phase_def.parties:
            seen = " as you see it" if any(dict(before.perception).get(side, ())) else ""
            lines += ["", f"Worth {worth_of(before, side, standing.outcome)}, to your government{seen} "
                          f"(no deal {s.party(side).reservation:.2f})."]
            if before.phase_def.protocol.binding:      # a plan goes home for nobody's approval
                yes = verdicts(s, standing.outcome).yes      # "signs" a joint statement nobody votes on
                lines += [f"At home, {p.name} {TIMING_WORDS.yes if p.timing else yes + ' it'} with {a_percent(p.chance)} "
                          "chance." for p in veto_players(before, side, standing.outcome)]
            elif before.phase_def.publishes:
                lines.append("It is published as this table's plan: it binds nobody, and the next talks start from it.")
        return lines

    def phase_news(self, previous: int) -> str:
        """What changed when the talks moved on to a new phase."""
        state = self.view
        s = state.scenario
        ended = state.results[previous] if previous < len(state.results) else None
        how = "with an agreement" if ended is not None and ended.agreement is not None else "without a deal"
        old = s.phases[previous].name if s.phases else "The talks"
        opponent = next(s.party(p).name for p in state.phase_def.parties if p != self.side)
        text = (f"{old} ended {how}. Now: {state.phase_def.name} "
                f"({'binding' if state.protocol.binding else 'non-binding'}), across the table: {opponent}.")
        if state.anchor is not None:
            text += f" The published plan: {anchoring(state.phase_def.name, state.phase_def.anchoring)}."
        scope = s.phases[previous].scope if s.phases else None
        if scope is not None:                          # a definitions phase: the scope these talks work within
            rung = scope.rungs[ended.agreement[0]] if ended is not None and ended.agreement is not None \
                else scope.rungs[scope.rung_index(scope.default)]
            text += f" The scope of the pact: '{rung.label}'" + ("." if ended and ended.agreement else " (the default).")
        return text

def pacing(state: State) -> tuple[str, str]:
    """Deadline pressure in words, long and short: "round 3 of 10 · 8 rounds left · delay costs each delegation 3% a round"."""
    protocol = state.protocol
    if protocol.rounds <= state.round:                 # an event froze the talks (rule 2)
        return frozen_after(state.round), "Talks frozen"
    round_no = min(state.round + 1, protocol.rounds)
    left = max(0, protocol.rounds - state.round)
    rounds = f"{count(left, 'round')} left" if left > 1 else "last round"
    delay = delay_cost(protocol.discount)
    cost = f"  ·  {delay}" if delay else ""
    return f"round {round_no} of {protocol.rounds}  ·  {rounds}{cost}", f"Round {round_no}/{protocol.rounds} ({rounds})"


SEPARATOR = "  ·  "


def header_texts(state: State, turn: str) -> list[str]:
    """The table's header, longest first, for :func:`game.ui.scene.fit_first`: the table's name always
    first, then what the player is to do, then the rounds, the delay's cost, the kind of talks and the lanes;
    where the width is short the least important parts go first, never the name (newcomer trial: at 1024 and
    1280 in large text the header ended "…Track 1.5 meeting in New …"). One format at every table and width
    (newcomer trial: "round 1/6 · delay 2% a round" at one table, "round 1 of 10 · 10 rounds left · binding"
    with no delay at the next): the round is always "round R of N", and the delay's cost is kept until only
    the round is left; the kind of talks goes first, then the rounds left."""
    phase, protocol = state.phase_def, state.protocol
    kind = "binding" if phase.protocol.binding else "non-binding"
    lanes = ["lanes open"] if phase.protocol.lanes else []
    if protocol.rounds <= state.round:                 # an event froze the talks (rule 2)
        rounds, left, delay, short = [frozen_after(state.round)], [], [], []
    else:
        round_no, n_left = min(state.round + 1, protocol.rounds), max(0, protocol.rounds - state.round)
        rounds = [f"round {round_no} of {protocol.rounds}"]
        left = [f"{count(n_left, 'round')} left" if n_left > 1 else "last round"]
        delay = [delay_cost(protocol.discount)] if delay_cost(protocol.discount) else []
        short = [f"delay {1 - protocol.discount:.0%} a round"] if delay else []   # newcomer trial: it was dropped
    return [SEPARATOR.join(parts) for parts in ([phase.name, turn, *rounds, *left, *delay, f"{kind} talks", *lanes],
                                                [phase.name, turn, *rounds, *left, *short, kind],
                                                [phase.name, turn, *rounds, *left, *short],
                                                [phase.name, turn, *rounds, *short],
                                                [phase.name, turn, *rounds],
                                                [phase.name, turn])]
