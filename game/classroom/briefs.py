"""The texts of a classroom session: one confidential brief per seat, and the instructor's sheet.

A role brief is built from its own party's data alone (:func:`game.session.views.brief_facts` and
:func:`scoring_table`), so it holds nothing of the other side's values; the instructor's sheet
holds everything. A brief is a negotiator's score sheet in the Program on Negotiation style: points
for every option of every basket and every agreement form, numbered as ``classroom enter --deal``
expects, the points of no deal and the bar at home, so a student can value any package at the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.about import COMMAND
from game.analytics.analysis import frontier_solutions
from game.classroom.document import Document
from game.classroom.teaching import debrief_questions, staffing_note
from game.model.scenario import Scenario
from game.model.utility import bargaining_problem, total_weight
from game.session.names import capitalised
from game.session.brief import brief_facts
from game.session.drafts import STARTS_AT
from game.words import count, plural

if TYPE_CHECKING:
    from game.analytics.bargaining import IntArray
    from game.classroom.folder import Session


@dataclass(frozen=True)
class ScoreRow:
    """One option of the scoring table: its number in ``--deal``, its label and its points."""

    number: int
    label: str
    points: float
    red_line: bool


@dataclass(frozen=True)
class ScoreGroup:
    """A basket (or the agreement form, number 0 = last) and its options' rows."""

    name: str
    rows: tuple[ScoreRow, ...]


def scoring_table(scenario: Scenario, side: str) -> tuple[tuple[ScoreGroup, ...], float, float]:
    """(groups, no-deal points, bar-at-home points) for ``side``'s government, from its own data only.

    A package's points are the sum of its options' points and equal 100 × its value to the
    government (:mod:`game.model.utility`): an option of basket b is worth
    ``100 (1 − ω) w_b / W v_b(option)`` and a form ``100 ω m(form)``."""
    me = scenario.party(side)
    scale = 100 * (1 - me.form_weight) / max(total_weight(me), 1e-300)
    groups = [ScoreGroup(b.name, tuple(
        ScoreRow(j + 1, o.label, scale * me.weights[b.id] * me.values[b.id][o.id], o.id in me.red_lines.get(b.id, ()))
        for j, o in enumerate(b.options))) for b in scenario.baskets]
    groups.append(ScoreGroup("Agreement form", tuple(
        ScoreRow(j + 1, f.label, 100 * me.form_weight * me.form_values[f.id], False)
        for j, f in enumerate(scenario.forms))))
    return tuple(groups), 100 * me.reservation, 100 * me.domestic_threshold


def role_brief(session: Session, table: int, party_id: str, code: str | None = None) -> tuple[str, str]:
    """(Markdown, HTML) of one seat's confidential brief: facts, the scoring table, how to play; with
    ``code``, the seat's code for the class server (``classroom serve``), to hand out with the brief."""
    s = session.scenario
    f = brief_facts(s, party_id)
    doc = Document(f"{f.title} ({f.year}): {f.delegation}")
    doc.note(f"CONFIDENTIAL: for the {f.delegation} of table {table} only. Do not show it to the other side.")
    if code is not None:
        doc.note(f"Your seat code (table {table}, {f.delegation}): {code}. In class, open the join address your "
                 "instructor gives and enter your name and this code. Keep it to yourself: it takes your seat.")
    doc.p(f.summary)
    doc.p(f"You speak for {f.principal} ({f.kind} delegation). Across the table: {', '.join(f.across)}.")
    seats = [ph for ph in s.phases if party_id in ph.parties]
    if seats:
        doc.p("You sit at: " + "; ".join(f"{ph.name} ({'binding' if ph.protocol.binding else 'non-binding'}, "
                                         f"{count(ph.protocol.rounds, 'round')})" for ph in seats) + ".")
    for scope in f.scopes:                     # a definitions table: its rungs are what this seat bargains over
        doc.h2(f"Your scoring table at {scope.phase}")
        doc.p(f"Here you agree {scope.name.lower()}: one rung of the ladder below, worth these points to your "
              "government. Enter the rung's number, then 1 (the agreed terms of reference).")
        doc.table(["rung", "points", "the official talks then bargain over", "disputes a year"],
                  [[f"{r.number}. {r.label}" + (" (applies if nothing is agreed)" if r.default else ""),
                    f"{100 * r.value:.1f}", ", ".join(r.covers) or "nothing",
                    f"{r.disputes:.0%}" if r.disputes > 0 else "none"] for r in scope.rungs])
    groups, no_deal, bar = scoring_table(s, party_id)
    official = [ph for ph in s.phases if party_id in ph.parties and ph.scope is None]
    if s.phases and not official:              # experts who only settle the scope: the terms they frame
        doc.h2("What the official talks' terms are worth to your government")
        doc.p("You do not sit at the official talks: the scope you agree decides which of these baskets they "
              "bargain over.")
    else:
        doc.h2("Your scoring table" + (f" at {official[0].name}" if f.scopes and official else ""))
    doc.p("Each option is worth the points below to your government; a package is worth the sum of its "
          "options' points and its form's (100 at best). Numbers are those to enter the deal with.")
    rows: list[list[str]] = []
    for index, group in enumerate(groups):
        tag = "form" if index == len(groups) - 1 else str(index + 1)
        for row in group.rows:
            best = row.points == max(r.points for r in group.rows) and not row.red_line
            rows.append([f"{tag}. {group.name}" if row.number == 1 else "", f"{row.number}. {row.label}",
                         f"{row.points:.1f}", "RED LINE: never" if row.red_line else ("best" if best else "")])
    doc.table(["basket", "option", "points", ""], rows)
    doc.bullets([(f"No deal is worth {no_deal:.1f} points to your government ({no_deal / 100:.2f} on the game's "
                  "screens, where 0 = worst deal and 1 = best): a package worth less is worse than walking away."),
                 f"The bar at home. {f.home_bar(f'{bar:.1f} points')}",
                 "Red lines: " + ("; ".join(f.red_lines) if f.red_lines else "none") + "."])
    doc.h2("Your government's priorities")
    doc.p(f"{capitalised(f.terms_note())}:")
    doc.table(["weight", "basket", "best on paper"], [[f"{p.weight:.0%}", p.basket, p.best] for p in f.priorities])
    doc.p(f"{f.form_line()}.")
    if f.stakes is not None:
        kappa, prestige, noise = f.stakes
        doc.h2("Your delegation's own stakes (Track 1.5)")
        doc.bullets([f"You feel only {kappa:.0%} of what you concede: you will never have to honour it.",
                     f"Coming home with any deal is worth {prestige * 100:.0f} points to your standing."]
                    + ([f"You are not sure of your government's real values (noise of about {noise * 100:.0f} "
                        "points)."] if noise > 0 else []))
    if f.reveal_line():                        # an official at a non-binding table: the reveal cost
        doc.p(f.reveal_line())
    doc.h2("How to play")
    example = ",".join(["N"] * len(s.baskets)) + ",F"
    # the path is the class folder's: a student handed the seat folder alone gives its own (instructor trial)
    doc.p("Against the AI (on your own machine; this needs your seat's folder, which holds the whole scenario; "
          "the path below is where it is in the class folder: if you were given the folder alone, put its path "
          "instead):")
    doc.code(f"{COMMAND} play --session tables/table-{table:02d}/{party_id}")
    # said in words, never as a package: a best at expected value mixes in what the other government
    # ratifies and keeps, which this brief never shows (tests/test_classroom: byte for byte)
    doc.p(f"In the game (against the AI or on the class server) your draft starts at {STARTS_AT}.")
    # one --deal per table of the talks, in order (instructor trial: a definitions scenario takes two);
    # a definitions table's deal is its scope rung's number, then 1 (the terms of reference)
    deals = [("S,1" if ph.scope is not None else example) for ph in s.phases] or [example]
    tables = ("" if len(deals) == 1 else " Give one --deal per table of the talks, in order: "
              + "; ".join(f"{ph.name}: {'the scope rung number S, then 1' if ph.scope is not None else example}"
                          for ph in s.phases) + ".")
    doc.p("Face to face: negotiate from this brief alone. When you agree, give the instructor the option "
          f"numbers, basket by basket and then the form's ({example}), or 'none' if there is no deal." + tables)
    doc.code(f"{COMMAND} classroom enter SESSION --table {table} --side {party_id} "
             + " ".join(f"--deal {d}" for d in deals))
    return doc.markdown(), doc.html()


def ais_that_count(session: Session) -> str:
    """The sheet's words for the AI that counts: each role's, or the session's ``--opponent`` across the table
    from a student and, for a role whose own government has another delegation, the AI that role keeps when
    a student of that government leaves its seat empty (:meth:`Session.ais_for`)."""
    if session.opponent is None:
        return ", ".join(f"{role}: {name}" for role, name in session.personas.items())
    s = session.scenario
    kept: dict[str, str] = {}
    for p in s.parties:
        mates = [q.id for q in s.parties if q.id != p.id and q.principal == p.principal]
        if mates:
            kept[p.id] = session.ais_for((mates[0],))[p.id]
    own = ("; a seat of a student's own government that nobody takes keeps its own AI ("
           + ", ".join(f"{role}: {name}" for role, name in kept.items()) + ")") if kept else ""
    return f"{session.opponent} across the table from a student{own}"


def instructor_sheet(session: Session) -> tuple[str, str]:
    """(Markdown, HTML) of the instructor's sheet: the lesson plan and staffing, both sides' values, the
    zone of agreement and the Nash deal, the events, debrief questions tied to the sources, the tables."""
    s = session.scenario
    doc = Document(f"Instructor's sheet: {s.title} ({s.year})")
    doc.note("For the instructor only: it shows every side's values.")
    doc.p(s.summary)
    doc.p(f"Session {session.id}, {count(len(session.tables), 'table')}. Scenario file: scenario.yaml "
          f"(sha256 {session.scenario_sha256[:16]}…). The AI that counts: {ais_that_count(session)}.")
    doc.h2("Staffing a table")
    doc.bullets(staffing_note(s))
    if s.teaching is not None:
        doc.h2(f"Lesson plan ({count(s.teaching.minutes, 'minute')})")
        doc.table(["minutes", "activity", "how"], [[str(step.minutes), step.activity, step.detail]
                                                   for step in s.teaching.lesson_plan])
    doc.h2("What each side wants")
    for party in s.parties:
        f = brief_facts(s, party.id)
        doc.p(f"{f.delegation} ({f.kind}, for {f.principal}): no deal {f.reservation:.2f}, needs "
              f"{f.threshold:.2f} at home; red lines: {'; '.join(f.red_lines) or 'none'}.")
        doc.table(["weight", "basket", "best for this side"], [[f"{p.weight:.0%}", p.basket, p.best]
                                                                for p in f.priorities])
    problem = bargaining_problem(s)
    sol = frontier_solutions(problem)
    doc.h2("The zone of agreement and the deals worth knowing")
    if not sol.zopa or sol.nash is None:
        doc.p("There is no zone of agreement: no package beats no deal for every side at the binding table.")
    else:
        def describe(digits: IntArray) -> str:
            d = list(digits)
            return ",".join(str(int(x) + 1) for x in d) + ": " + "; ".join(
                f"{b.name}: {b.options[int(d[i])].label}" for i, b in enumerate(s.baskets)) + \
                f"; form: {s.forms[int(d[-1])].label}"
        ids = problem.party_ids
        doc.p(f"There is a zone of agreement: {count(len(sol.frontier_digits), 'package')} on the Pareto frontier "
              f"{plural(len(sol.frontier_digits), 'beats', 'beat')} no "
              f"deal for every side. Packages are given as the option numbers students enter.")
        doc.table(["deal", *ids, "package"], [
            ["Nash", *(f"{u:.3f}" for u in sol.nash.utilities), describe(sol.nash.digits)],
            *([["Kalai-Smorodinsky", *(f"{u:.3f}" for u in sol.kalai_smorodinsky.utilities),
                describe(sol.kalai_smorodinsky.digits)]] if sol.kalai_smorodinsky is not None else []),
            ["no deal", *(f"{r:.3f}" for r in problem.reservation), "-"]])
    doc.h2("Events")
    if s.events:
        doc.table(["event", "chance per round", "phases", "text"],
                  [[e.id, f"{e.probability:.0%}", ", ".join(e.phases) or "all", e.text] for e in s.events])
        doc.p("Schedule one for every table when making the session: classroom new ... --inject EVENT --at-round R.")
    else:
        doc.p("This scenario has no events.")
    if session.injects:
        doc.p("Scheduled for every table: " + "; ".join(f"{e} at round {r}" for e, r in session.injects) + ".")
    doc.h2("Questions for the debrief")
    doc.bullets([q if not source else f"{q} ({source})" for q, source in debrief_questions(s)])
    doc.h2("Tables and seeds")
    doc.table(["table", "seed", "seat folders (to play against the AI)", "face-to-face hand-outs"],
              [[str(k), str(seed), ", ".join(f"tables/table-{k:02d}/{r}" for r in session.roles),
                ", ".join(f"briefs/table-{k:02d}-{r}.html" for r in session.roles)] for k, seed in session.tables])
    doc.h2("Running the class")
    doc.bullets([("Against the AI: give each student their seat's folder, tables/table-K/ROLE. It holds the whole "
                  "scenario (the AI and the compliance simulation need every side's values): nothing is secret "
                  "in this mode."),
                 "Hot-seat (two students, one machine): give the table's folder, tables/table-K, and add --hot-seat.",
                 ("Face to face: give each student only their printed brief (briefs/table-K-ROLE.html); enter each "
                  "table's deal in this folder."),
                 "Results land in results/ (or wherever --out says); collect them, then debrief."])
    doc.code(f"{COMMAND} play --session tables/table-K/ROLE\n"
             f"{COMMAND} play --session tables/table-K --side ROLE --hot-seat\n"
             f"{COMMAND} classroom enter SESSION --table K --deal N,N,...    (or --deal none)\n"
             f"{COMMAND} classroom debrief SESSION [--results PATH ...] [--count FILE ...]\n"
             f"{COMMAND} classroom simulate SESSION    (a preview of the debrief before class)")
    return doc.markdown(), doc.html()
