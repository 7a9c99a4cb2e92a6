"""What the class debrief reports, as plain data: one row per counted game, its deal by basket, its
scores, and, in a campaign, the Track 1.5 view.

A *game* is a counted result (:mod:`game.classroom.tally`); a hot-seat game or a face-to-face entry
counts for every seat it speaks for but is one game. Scores come from :func:`game.classroom.score.score`.

The Track 1.5 view of a campaign game (a phase that publishes its outcome, then the official
talks): the published plan; the weight with which it anchored the official talks; for each
delegation at the plan's table, what it *felt* its government won (its perceived value) against
what its government *got* (the true value of the plan); and, for each government whose officials
were absent from that table, its loss: its value at the official table's Nash deal minus its true
value of the plan (positive: the plan gave it less than a fair split would).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.analytics.analysis import Analysis, analyze_played
from game.classroom.checks import Accepted
from game.classroom.folder import Session
from game.classroom.score import entry_chance, score
from game.classroom.tally import Seat
from game.model.problem import BargainingProblem
from game.engine.distance import deal_distances
from game.engine.state import State
from game.model.scenario import Delegation, Scenario
from game.model.utility import bargaining_problem
from game.session.movenumber import seen_move
from game.session.names import principal_name

# how a game was played, as people read it (the stored mode "hot-seat" is students at one table, two or more,
# on one machine or, on the class server, each on a device); every file says it with :func:`how_played`
PLAYED = {"ai": "against the AI", "hot-seat": "students together", "face-to-face": "face to face",
          "simulated": "AI preview"}
THEN_AI = "AI took over"          # a seat handed to the AI mid-game (its student left)


def how_played(mode: str, who: str = "", handed: Sequence[tuple[str, int]] = (), detail: bool = True) -> str:
    """How a game was played, in the words of every debrief file (debrief.html, checks.html, slides.html,
    debrief.csv's ``played``; instructor trial: debrief.html said "students together" of a table whose seat
    the AI played from move 8, which only checks.html said). ``mode`` is the stored one (debrief.csv's
    ``mode`` keeps it as a code); ``who``, the seat of a game against the AI ("US delegation (State
    Department) against the AI"); ``handed``, each seat the class server handed to the AI mid-game, by
    delegation name, with the move from which the AI played it as people read it (:func:`handed_of`): "students
    together; AI took over the Russian delegation (Foreign Ministry) from move 8", a student's own seat against
    the AI "US delegation (State Department) against the AI; AI took over from move 5" (instructor trial: the
    seat was named twice, eight lines in a narrow cell), or without ``detail`` (the means' groups, the chart's
    legend) "students together; AI took over"."""
    words = f"{who} {PLAYED['ai']}" if mode == "ai" and who else PLAYED[mode]
    if not handed:
        return words
    if not detail:
        return f"{words}; {THEN_AI}"
    if mode == "ai":                    # the student's own seat, named already: "...; AI took over from move 5"
        return f"{words}; {THEN_AI} from move {min(move for _, move in handed)}"
    return f"{words}; {THEN_AI} " + " and ".join(f"the {name} from move {move}" for name, move in handed)


def handed_of(scenario: Scenario, result: Accepted) -> tuple[tuple[str, int], ...]:
    """The seats of ``result`` the class server handed to the AI mid-game, by delegation name, each with the
    move from which the AI played it as people read it (1-based, the delegations' moves counted:
    :func:`game.session.movenumber.seen_move`; the result seals the log's own number), in the order of the
    result's seats (:func:`how_played`)."""
    order = {role: i for i, role in enumerate(result.seats)}
    return tuple((scenario.party(role).name, seen_move(result.state.history, start))
                 for role, start in sorted(result.ai_from.items(), key=lambda item: order.get(item[0], len(order))))


@dataclass(frozen=True)
class Felt:
    delegation: str
    felt: float | None          # the value it perceived for its government (None: no plan)
    got: float | None           # the true value to its government


@dataclass(frozen=True)
class Track15:
    plan: tuple[int, ...] | None
    anchoring: float | None     # the official talks' anchoring weight; None without a plan or official talks held
    felt: tuple[Felt, ...]
    absent: tuple[tuple[str, float | None], ...]   # (government, its loss from the plan)


@dataclass(frozen=True)
class GameRow:
    table: int
    seats: tuple[str, ...]
    mode: str
    file: str                          # the result's file name
    path: str                          # and its path
    agreement: tuple[int, ...] | None
    scores: tuple[float, ...]          # per government of the binding table, in the problem's order
    paper: tuple[float, ...]
    entry: float                       # P(entry into force)
    entered: bool                      # the draw
    yearly: tuple[float, ...]
    intact: float
    # the deal's distance on paper to the Pareto frontier and to the Nash deal of the table the game ended at (its
    # events and agreed scope counted: game.engine.distance.deal_distances); None without a deal
    to_frontier: float | None
    to_nash: float | None
    track15: Track15 | None
    seat_names: tuple[str, ...] = ()   # the seats' delegations and governments, in words (never raw ids)
    scope: str = ""                    # the scope a definitions table settled on (its label), "" without one
    handed: tuple[tuple[str, int], ...] = ()   # seats handed to the AI mid-game, with its first move as read (handed_of)
    sealed: bool = False               # written and sealed by the instructor's side (the class server's games)

    @property
    def mode_code(self) -> str:
        """debrief.csv's ``mode``: the stored mode, except that a game of students the class server played
        and sealed is ``own-devices`` (each student at their own device), the stored ``hot-seat`` kept for
        students sharing one screen (``play --hot-seat``; instructor trial: debrief.csv called browser tables
        of two students on two devices ``hot-seat``). An older class-server result, unsealed, cannot be told
        apart and keeps ``hot-seat``."""
        return "own-devices" if self.mode == "hot-seat" and self.sealed else self.mode

    @property
    def label(self) -> str:
        """'3' for a game of the whole table, '3 (United States)' for one seat's game against the AI (its
        government, in brackets: '3 United States' read as one fused cell, and a list of labels as
        '2, 3 United States'), '3 (AI)' for an AI preview (short: the chart's corner by the frontier is crowded)."""
        who = self.seat_names[1] if len(self.seat_names) > 1 else self.seats[0]
        return str(self.table) + {"ai": f" ({who})", "simulated": " (AI)"}.get(self.mode, "")

    @property
    def no_deal(self) -> tuple[float, ...]:
        """Where a game without a deal ends: each government's own final no-deal value, which is its score
        (events during the game may have moved it from the scenario's start, :func:`game.classroom.score.score`)."""
        return self.scores

    @property
    def played(self) -> str:
        """How the game was played: "US delegation (State Department) against the AI", "students together",
        "students together; AI took over the ... from move 8" (:func:`how_played`)."""
        who = self.seat_names[0] if self.seat_names else self.seats[0]
        return how_played(self.mode, who, self.handed)

    @property
    def kind(self) -> str:
        """How the game was played, for the means' groups: :attr:`played` without names or moves."""
        return how_played(self.mode, handed=self.handed, detail=False)


@dataclass(frozen=True)
class Lesson:
    problem: BargainingProblem
    analysis: Analysis
    governments: tuple[str, ...]        # names, in the problem's order
    games: tuple[GameRow, ...]
    seats: tuple[Seat, ...]

    @property
    def missing(self) -> list[Seat]:
        return [s for s in self.seats if s.counted is None]


def played_groups(games: Sequence[GameRow]) -> list[tuple[str, list[GameRow]]]:
    """The games by how they were played (:attr:`GameRow.kind`), in the order of :data:`PLAYED`, a kind
    with seats handed to the AI after the same kind without: the means' rows of debrief.html and the slides."""
    ranked = sorted(games, key=lambda g: (list(PLAYED).index(g.mode), bool(g.handed)))
    groups: dict[str, list[GameRow]] = {}
    for g in ranked:
        groups.setdefault(g.kind, []).append(g)
    return list(groups.items())


def deal_cells(scenario: Scenario, agreement: tuple[int, ...] | None) -> list[str]:
    """Per basket and then the form: 'N. label' (N as entered), or '-' for every cell without a deal."""
    if agreement is None:
        return ["-"] * (len(scenario.baskets) + 1)
    return [f"{agreement[i] + 1}. {b.options[agreement[i]].label}" for i, b in enumerate(scenario.baskets)] + \
        [f"{agreement[-1] + 1}. {scenario.forms[agreement[-1]].label}"]


def lesson(session: Session, seats: Sequence[Seat]) -> Lesson:
    s = session.scenario
    problem = bargaining_problem(s)
    analysis = analyze_played(problem)
    counted: dict[str, Accepted] = {}
    for seat in seats:
        if seat.counted is not None:
            counted.setdefault(str(seat.counted.path), seat.counted)
    rows = [_row(session, problem, analysis, a, tuple(x.role for x in seats if x.counted is a))
            for a in counted.values()]
    rows.sort(key=lambda r: (r.table, [session.roles.index(x) for x in r.seats]))
    names = tuple(principal_name(s.party(pid).principal) for pid in problem.party_ids)
    return Lesson(problem, analysis, names, tuple(rows), tuple(seats))


def _row(session: Session, problem: BargainingProblem, analysis: Analysis, a: Accepted,
         seats: tuple[str, ...]) -> GameRow:
    s, r = session.scenario, a.result
    ids = problem.party_ids
    by_party = {p.party: p for p in r.principals}
    reservation = [s.party(pid).reservation for pid in ids]
    paper = tuple(by_party[pid].paper if pid in by_party else reservation[i] for i, pid in enumerate(ids))
    yearly = tuple(by_party[pid].compliance_mean if pid in by_party else reservation[i] for i, pid in enumerate(ids))
    scores = tuple(score(r, s.party(pid).principal, reservation[i]) for i, pid in enumerate(ids))
    measured = deal_distances(a.state)      # at the game's own final table, as the student's debrief and simulate
    return GameRow(a.table, seats, a.mode, a.path.name, str(a.path), r.agreement, scores, paper, entry_chance(r), r.in_force,
                   yearly, r.survival, measured.paper, measured.nash, _track15(session, problem, analysis, a),
                   (s.party(seats[0]).name, principal_name(s.party(seats[0]).principal)) if seats else (),
                   scope_settled(s, a.state), handed_of(s, a), a.sealed)


def scope_settled(scenario: Scenario, state: State) -> str:
    """The label of the scope the game's definitions table settled on, "(default)" after it when the table
    agreed none and the default applied (rule D1); "" for a scenario without a definitions table or a game
    that never reached its end (instructor trial: the class debrief did not say which scope a table took)."""
    index = next((i for i, ph in enumerate(scenario.phases) if ph.scope is not None), None)
    if index is None or len(state.results) <= index:
        return ""
    scope = scenario.phases[index].scope
    assert scope is not None
    agreed = state.results[index].agreement
    if agreed is None:
        return f"{scope.rungs[scope.rung_index(scope.default)].label} (default)"
    return scope.rungs[agreed[0]].label


def _track15(session: Session, problem: BargainingProblem, analysis: Analysis, a: Accepted) -> Track15 | None:
    s = session.scenario
    publishing = [i for i, ph in enumerate(s.phases[:-1]) if ph.publishes]
    if not publishing:
        return None
    index = publishing[-1]
    phase = s.phases[index]
    state = a.state
    plan = state.results[index].agreement if len(state.results) > index else None
    felt = []
    for d in a.result.delegations:
        if d.phase == phase.id:
            felt.append(Felt(s.party(d.party).name, d.perceived, d.true_value))
    official_at_plan = {s.party(p).principal for p in phase.parties if s.party(p).delegation is Delegation.OFFICIAL}
    nash = analysis.solutions.nash
    absent = []
    for column, pid in enumerate(problem.party_ids):
        principal = s.party(pid).principal
        if principal in official_at_plan:
            continue
        loss = None
        if plan is not None and nash is not None:
            true = bargaining_problem(s, [s.party(pid)]).utilities_of(np.array(plan))[0]
            loss = float(nash.utilities[column]) - float(true)
        absent.append((principal_name(principal, article=True), loss))
    held = bool(state.results) and state.results[-1].ended_by != "not_held"       # rule 16: ended before them
    anchoring = float(state.scenario.phases[-1].anchoring) if plan is not None and held else None
    return Track15(plan, anchoring, tuple(felt), tuple(absent))
