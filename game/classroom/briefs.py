"""The texts of a classroom session: one confidential brief per role, and the instructor's sheet.

A role brief is built from :func:`game.session.views.brief_facts` alone, so it holds
nothing of the other side's values; the instructor's sheet holds everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.about import COMMAND
from game.analytics.analysis import analyze
from game.classroom.document import Document
from game.model.utility import bargaining_problem
from game.session.views import brief_facts

if TYPE_CHECKING:
    from game.classroom.folder import Session


def role_brief(session: Session, pair: int, party_id: str) -> tuple[str, str]:
    """(Markdown, HTML) of one role's confidential brief for one pair."""
    s = session.scenario
    f = brief_facts(s, party_id)
    doc = Document(f"{f.title} ({f.year}): {f.delegation}")
    doc.note(f"CONFIDENTIAL: for the {f.delegation} of pair {pair} only. Do not show it to the other side.")
    doc.p(f.summary)
    doc.p(f"You speak for {f.principal} ({f.kind} delegation). Across the table: {', '.join(f.across)}.")
    seats = [ph for ph in s.phases if party_id in ph.parties]
    if seats:
        doc.p("You sit at: " + "; ".join(f"{ph.name} ({'binding' if ph.protocol.binding else 'non-binding'}, "
                                         f"{ph.protocol.rounds} rounds)" for ph in seats) + ".")
    doc.h2("Your government's priorities")
    doc.table(["weight", "basket", "best for you"], [[f"{p.weight:.0%}", p.basket, p.best] for p in f.priorities])
    doc.p(f"Agreement form ({f.form_share:.0%} of the value): you prefer {', then '.join(f.forms_preferred)}.")
    doc.h2("Red lines (your government can never accept)")
    doc.bullets(list(f.red_lines) or ["none"])
    doc.h2("What matters at home")
    doc.bullets([f"No deal is worth {f.reservation:.2f} to your government (0 = worst deal, 1 = best).",
                 f"A deal needs to look worth {f.threshold:.2f} at home to be approved easily."])
    if f.stakes is not None:
        kappa, prestige, noise = f.stakes
        doc.h2("Your delegation's own stakes (Track 1.5)")
        doc.bullets([f"You feel only {kappa:.0%} of what you concede: you will never have to honour it.",
                     f"Coming home with any deal is worth {prestige:.2f} to your standing.",
                     f"You are not sure of your government's real values (noise of about {noise:.2f})."])
    doc.h2("How to play")
    doc.bullets([f"Against the AI or hot-seat: {COMMAND} play --session SESSION_FOLDER --pair {pair} "
                 f"--side {party_id}",
                 f"Face to face: negotiate with the other role, then each of you enters the deal with "
                 f"{COMMAND} classroom enter SESSION_FOLDER --pair {pair} --side {party_id}"])
    return doc.markdown(), doc.html()


def instructor_sheet(session: Session) -> tuple[str, str]:
    """(Markdown, HTML) of the instructor's sheet: both sides, the zone of agreement, the Nash deal,
    the events (and those scheduled), debrief questions tied to the sources, and the pairs' seeds."""
    s = session.scenario
    doc = Document(f"Instructor's sheet: {s.title} ({s.year})")
    doc.note("For the instructor only: it shows every side's values.")
    doc.p(s.summary)
    doc.p(f"Session {session.id}, {len(session.pairs)} pairs. Scenario file: scenario.yaml "
          f"(sha256 {session.scenario_sha256[:16]}…).")
    doc.h2("What each side wants")
    for party in s.parties:
        f = brief_facts(s, party.id)
        doc.p(f"{f.delegation} ({f.kind}, for {f.principal}): no deal {f.reservation:.2f}, needs "
              f"{f.threshold:.2f} at home; red lines: {'; '.join(f.red_lines) or 'none'}.")
        doc.table(["weight", "basket", "best for this side"], [[f"{p.weight:.0%}", p.basket, p.best]
                                                                for p in f.priorities])
    problem = bargaining_problem(s)
    sol = analyze(problem).solutions
    doc.h2("The zone of agreement and the deals worth knowing")
    if not sol.zopa or sol.nash is None:
        doc.p("There is no zone of agreement: no package beats no deal for every side at the binding table.")
    else:
        def describe(digits: object) -> str:
            d = list(digits)  # type: ignore[call-overload]
            return "; ".join(f"{b.name}: {b.options[int(d[i])].label}" for i, b in enumerate(s.baskets)) + \
                f"; form: {s.forms[int(d[-1])].label}"
        ids = problem.party_ids
        doc.p(f"There is a zone of agreement: {len(sol.frontier_digits)} packages on the Pareto frontier beat no "
              f"deal for every side.")
        doc.table(["deal", *ids, "package"], [
            ["Nash", *(f"{u:.3f}" for u in sol.nash.utilities), describe(sol.nash.digits)],
            *([["Kalai-Smorodinsky", *(f"{u:.3f}" for u in sol.kalai_smorodinsky.utilities),
                describe(sol.kalai_smorodinsky.digits)]] if sol.kalai_smorodinsky is not None else []),
            ["no deal", *(f"{r:.3f}" for r in problem.reservation), "-"]])
    doc.h2("Events")
    if s.events:
        doc.table(["event", "chance per round", "phases", "text"],
                  [[e.id, f"{e.probability:.0%}", ", ".join(e.phases) or "all", e.text] for e in s.events])
        doc.p("Schedule one for every pair when making the session: classroom new ... --inject EVENT --at-round R.")
    else:
        doc.p("This scenario has no events.")
    if session.injects:
        doc.p("Scheduled for every pair: " + "; ".join(f"{e} at round {r}" for e, r in session.injects) + ".")
    doc.h2("Questions for the debrief")
    questions = [
        "Which pairs reached the Pareto frontier, and what did the others leave on the table?",
        "How close did the deals come to the Nash deal? Who gained from the difference?",
        "Which agreement forms were chosen, and how often would the deal enter into force at home?",
        "Which baskets were hardest to settle, and which red lines bound?",
        "Would the pact survive its years of compliance? What did verification and consultation change?",
    ]
    if s.phases:
        questions.append("Did the Track 1.5 plan help or hurt the official talks? Who paid for the anchoring?")
    for source in s.sources[:4]:
        questions.append(f"Compare the class's deals with {source.author}, {source.title} ({source.year})"
                         + (f": {source.note}" if source.note else "."))
    doc.bullets(questions)
    doc.h2("Pairs and seeds")
    doc.table(["pair", "seed", "folder"], [[str(k), str(seed), f"pairs/pair-{k:02d}"] for k, seed in session.pairs])
    doc.h2("Running the class")
    doc.bullets(["Give each pair its folder pairs/pair-K (or the whole session folder, without instructor/).",
                 f"Students play: {COMMAND} play --session FOLDER --pair K --side PARTY (add --hot-seat for two "
                 "players on one machine).",
                 "Results land in results/ (or wherever --out says); collect them, then run: "
                 f"{COMMAND} classroom debrief FOLDER [--results PATH ...]",
                 f"Preview the debrief before class: {COMMAND} classroom simulate FOLDER"])
    return doc.markdown(), doc.html()
