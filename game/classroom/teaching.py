"""What the instructor's sheet and the debrief slides say about teaching a scenario.

The staffing note is derived from the scenario (who sits at which table of a campaign) and followed
by the author's own note (``teaching.staffing``). The debrief questions are the scenario's
``teaching.questions``, each followed by its source and the argument it tests; a scenario without a
``teaching:`` section gets general questions and one per source.
"""

from __future__ import annotations

from game.model.scenario import Scenario
from game.words import count

GENERAL = (
    "Which tables reached the Pareto frontier, and what did the others leave on the table?",
    "How close did the deals come to the Nash deal? Who gained from the difference?",
    "Which agreement forms were chosen, and how likely was each deal to enter into force at home?",
    "Which baskets were hardest to settle, and which red lines bound?",
    "Would the pact stay intact through its years of compliance? What did verification and consultation change?",
)


def staffing_note(scenario: Scenario) -> list[str]:
    """How to seat students at one table: one per role, and which talks each role sits at."""
    roles = scenario.parties
    out = [f"Each table seats {count(len(roles), 'student')}, one per role: "
           + "; ".join(f"{p.name} ({p.id})" for p in roles) + "."]
    if scenario.phases:
        for p in roles:
            sits = [ph.name for ph in scenario.phases if p.id in ph.parties]
            out.append(f"{p.name} sits at: {', then '.join(sits) or 'no table'}.")
        out.append("With fewer students, let the AI play a role (each student plays against the AI with "
                   "their own seat's folder), or let one student play two roles that never sit at the same "
                   "table.")
    if scenario.teaching is not None and scenario.teaching.staffing:
        out.append(scenario.teaching.staffing)
    return out


def source_line(scenario: Scenario, index: int) -> str:
    s = scenario.sources[index]
    return f"{s.author}, {s.title} ({s.year})"


def debrief_questions(scenario: Scenario) -> list[tuple[str, str]]:
    """(question, its source and the argument it tests) in order; the source is "" for a general one."""
    if scenario.teaching is not None:
        return [(q.question, f"{source_line(scenario, q.source)}: {q.argument}") for q in scenario.teaching.questions]
    out = [(q, "") for q in GENERAL]
    if scenario.phases:
        out.append(("Did the Track 1.5 plan help or hurt the official talks? Who paid for the anchoring?", ""))
    for index, source in enumerate(scenario.sources[:4]):
        out.append(("Compare the class's deals with the argument of this source"
                    + (f": {source.note}" if source.note else "."), source_line(scenario, index)))
    return out
