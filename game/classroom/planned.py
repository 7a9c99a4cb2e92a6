"""The instructor's planned events (``classroom new --inject E --at-round R``) in a game played from a seat's or a
table's folder: the move log carries only what has happened.

The plan travels sealed in the folder (:func:`game.classroom.signing.seal_schedule`) and is opened in memory
only. The game's log names no planned event in its header: a planned event is one move of the game, an
``inject`` (rule 15) whose seal is :data:`PLANNED`, written when it fires -- right after the chance move
that opens its round, before anyone's offer, in every phase where it may fire and has not fired that round
(:func:`due`). Its chance moves are drawn without the plan (the generator's stream does not depend on it), so
the log replays and resumes without it, and a resumed game opens the plan again from its folder
(:func:`resume`).

The ``planned`` seal is no signature: a student can write one. What vouches for a planned move is the
instructor's own schedule (``instructor/schedule.json``): the instructor's check walks the result's moves
(:func:`planned_error`) and requires each planned event at its place, and nothing else there -- a move
dropped from the log (a suppressed event) or added to it (a forged one) is refused. Whatever fires the
event runs on the student's machine, so a student who runs the program's code with their own seat key can
still open the plan before its round (docs/classroom.md, "What file mode can hide").

Games made before this (their log's header lists the plan in plain; the AI previews and the instructor's
side's games) fire the plan in the chance move that opens the round: :func:`planned_error` finds nothing
due in them, and the check replays them with the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from game.engine.actions import Action, Inject, RoundStart
from game.engine.chance import Schedule, sample
from game.engine.events import in_phase, spent
from game.engine.rules import IllegalMoveError, apply, new_game
from game.engine.state import Stage, State
from game.errors import GameError
from game.model.scenario import Scenario
from game.session.game import GameSession
from game.session.movelog import read_log, schedule_of
from game.strategies.runner import advance

PLANNED = "planned"     # the seal of a planned event's inject move: the instructor's schedule vouches for it


def is_planned(action: Action) -> bool:
    """Whether ``action`` is a planned event's move (an ``inject`` sealed :data:`PLANNED`)."""
    return isinstance(action, Inject) and action.seal == PLANNED


def due(state: State, plan: Schedule) -> tuple[str, ...]:
    """The planned events that fire now, in the scenario's order: right after the chance move that opens round
    K (the talks open, nobody has offered), those ``plan`` sets at round K that may fire in this phase, are not
    spent (``once``) and did not fire by chance at this round's start; none at any other moment."""
    if state.stage is not Stage.NEGOTIATE or state.ended or not state.history or \
            not isinstance(state.history[-1], RoundStart):
        return ()
    planned = {event for event, round_no in plan if round_no == state.round + 1}
    now = {event for phase, round_no, event in state.fired if (phase, round_no) == (state.phase, state.round)}
    return tuple(e.id for e in state.scenario.events
                 if e.id in planned and e.id not in now and in_phase(state, e) and not spent(state, e))


def planned_error(scenario: Scenario, actions: Sequence[Action], plan: Schedule) -> str | None:
    """Why the planned events' moves among ``actions`` are refused, or None: at each moment :func:`due` names
    events, the next move injects exactly those (sealed :data:`PLANNED`), and no planned move stands anywhere
    else. The moves are applied as logged; at an illegal one the walk stops (the replay names it)."""
    state = new_game(scenario)
    for index, action in enumerate(actions):
        events = due(state, plan)
        where = f"round {state.round + 1}" + (f" of {state.phase_def.name}" if len(scenario.phases) > 1 else "")
        if events and not (is_planned(action) and isinstance(action, Inject) and action.events == events):
            return (f"the instructor's planned {', '.join(events)} at {where} is not its move {index + 1}: the event "
                    "was due there and the move log was changed to drop it")
        if not events and is_planned(action):
            return (f"its move {index + 1} brings in a planned event at {where} that the instructor did not plan "
                    "there: the move log was changed")
        try:
            state = apply(state, action)
        except IllegalMoveError:
            return None
    return None


def planned_game(plan: Schedule) -> type[GameSession]:
    """The game of a seat's or a table's folder whose plan is ``plan``: a :class:`GameSession` that writes no
    plan in its log's header (start it with an empty schedule) and injects each planned event when it is
    :func:`due`; from a resumed log too (its last move may be the chance move that opened the round)."""

    class PlannedGame(GameSession):
        def _run(self) -> None:
            while True:
                events = due(self.state, plan)
                if events:
                    self._step(Inject(events, PLANNED))
                self.state = advance(self.state, self.rng, self.ais, frozenset(self.humans), self._observe,
                                     stop=(Stage.OVER, Stage.ROUND_START))
                if self.state.stage is not Stage.ROUND_START:
                    break
                self._step(sample(self.state, self.rng))     # the round's start, then any planned event
            if self.over:
                super()._run()        # logs the end (nothing is left to play)

        def _step(self, action: Action) -> None:
            new = apply(self.state, action)
            self._observe(self.state, action, new)
            self.state = new

    return PlannedGame


def resume(path: Path) -> tuple[GameSession, bool]:
    """:meth:`GameSession.resume` for any log: a classroom game's whose header lists no plan (a game of this
    version) goes on with its folder's plan, opened again there (:func:`planned_game`); any other as it was
    played (an older classroom log lists its plan in its header and fires it at the round's start). A classroom
    log is checked first (:func:`game.classroom.results.check_classroom_log`): its folder must open."""
    from game.classroom.folder import open_session
    from game.classroom.results import check_classroom_log, classroom_info
    contents = read_log(path, allow_partial_tail=True)
    header = contents.header
    info = classroom_info(header)
    if info is None or schedule_of(header):
        return GameSession.resume(path)
    handed = {party for party, _, _ in contents.handovers}
    check_classroom_log(header, [str(h) for h in header["humans"] if h not in handed], path)   # its folder opens
    return planned_game(open_session(info[0]).injects).resume(path)


def resumed(path: Path) -> tuple[GameSession, bool]:
    """The saved game of the log ``path`` and whether its half-written last line was dropped, for every front-end
    (``play --resume``, the window's load screen): a classroom game's log must still name where its signed
    result can go (:func:`game.classroom.results.check_classroom_log`), checked before the game goes on
    (GameError)."""
    from game.classroom.results import check_classroom_log
    session, dropped = resume(path)
    try:
        check_classroom_log(session.header, session.humans, path)
    except GameError:
        session.close()
        raise
    return session, dropped
