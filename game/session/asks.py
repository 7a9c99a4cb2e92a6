"""The debrief's sentence on what the seat's own offers asked (:func:`conceded`), the first of
:func:`game.session.diagnosis.diagnose`'s.

Rules: the asks are the offers' true expected values to the seat's government at its last table, first to
last, in the values of its first offer there (an event that changed what deals were worth is no change of
ask), and the sentence says so ("at expected value"): on paper the same offers can have fallen; "never
conceded" is said only of one package offered again and again, "changed terms but each asked" of different
packages worth the same; "rose and never fell" of asks none of which fell; a concession only when an ask fell
(newcomer trial: "You never lowered your ask: your offers asked 0.47 → 0.72" of asks that rose, while on
paper they fell 1.000 → 0.812). An offer across a red line at a
binding table is never ratified, so its value is the no-deal value: it is named as such and never given as
an ask. An offer changed after the seat called it final is said to be.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from game.session.names import and_list, capitalised

if TYPE_CHECKING:
    from game.session.diagnosis import TracePoint


def _broken(trace: list[TracePoint]) -> str:
    """A clause for an offer that changed one the seat had called final (rule 10's "This is our final offer"),
    "" when none did: an ask kept at one value is no steadfastness when the package changed after the word
    "final" (instructor trial: "You never conceded: each of your offers asked 0.51" to such a student)."""
    final = next((t for t in trace if t.final), None)
    later = None if final is None else next((t for t in trace if t.move is not None and final.move is not None
                                             and t.move > final.move and t.outcome != final.outcome), None)
    if final is None or later is None:
        return ""
    return (f"; but you called your offer of round {final.round + 1} final and changed it in round "
            f"{later.round + 1}: the other side may read that as going back on your word")


def _over_red_lines(trace: list[TracePoint]) -> str:
    """A sentence on the seat's offers across a red line at a binding table ("" when none): whose red lines,
    and that such an offer was worth the no-deal value, so it asked nothing the figures could show (handover
    trial: "each of your offers asked 0.35", 0.35 being the no-deal value a red-line offer fell back to)."""
    over = [t for t in trace if t.red_lines]
    if not over:
        return ""
    rounds = and_list([str(t.round + 1) for t in dict((t.round, t) for t in over).values()])
    mine = any(t.party in t.red_lines for t in over)
    theirs = any(set(t.red_lines) - {t.party} for t in over)
    whose = "both sides'" if mine and theirs else "your own" if mine else "the other side's"
    one = len(over) == 1
    return (f"Your offer{'' if one else 's'} of round{'' if len(set(t.round for t in over)) == 1 else 's'} "
            f"{rounds} crossed {whose} red lines: a deal on {'it' if one else 'them'} would never have been "
            f"ratified, so {'it was' if one else 'they were'} worth only the no-deal value to your government "
            f"({over[0].truly_made:.2f}) and {'is' if one else 'are'} left out of what your offers asked.")


def conceded(trace: list[TracePoint]) -> str | None:
    """What the seat's offers at its last table truly asked for its government, first to last, and its largest
    concession when an ask fell below the one before; None for a single offer within the red lines and none
    across them. The asks are compared in the values of the seat's first offer there
    (:attr:`TracePoint.truly_asked`): an event that changed what deals were worth is no change of ask, and the
    sentence says the values then moved. A delegation unsure of its government's values saw other figures: the
    sentence gives them once, after the true ones. Offers across a red line are told apart (:func:`_over_red_lines`).
    Instructor trial: "You never conceded: each of your offers asked 0.35" of an opening offer across a red
    line (worth no deal, 0.35) and a second worth 0.404, since only drops were looked for; and a seat at two
    tables (scope ladder, then terms) had offers of different tables compared as one series. Newcomer trial:
    "You never lowered your ask: your offers asked 0.50 → 0.58" of one package offered twice, the rise an
    event's (no-deal value 0.45 → 0.55). Handover trial: "You never conceded: each of your offers asked 0.39"
    of offers that changed the form and a basket: different terms worth the same are no refusal to move."""
    trace = [t for t in trace if t.phase == trace[-1].phase] if trace else []
    over = _over_red_lines(trace)
    asks = _asks([t for t in trace if not t.red_lines])
    return " ".join(x for x in (asks, over) if x) or None


def _asks(trace: list[TracePoint]) -> str:
    """:func:`conceded`'s sentence on offers within the red lines ("" for fewer than two)."""
    if len(trace) < 2:
        return ""
    shown = [f"{t.truly_asked:.2f}" for t in trace]           # as the sentence prints them
    moved = [f"{t.truly_made:.2f}" for t in trace]
    seen = [f"{t.asked:.2f}" for t in trace]
    note = ("" if moved == shown else
            f" (valued as at your first offer; events in the talks then changed what offers were worth to your "
            f"government: when made, they asked {' → '.join(moved)})")
    if seen != shown:
        saw = f"each as {seen[0]}" if len(set(seen)) == 1 else f"them as {' → '.join(seen)}"
        note += f" (your delegation, unsure of its government's values, saw {saw})"
    if len(set(shown)) == 1:
        if len({t.outcome for t in trace}) > 1:
            return (f"Your offers changed terms but each asked {shown[0]} for your government{note}"
                    f"{_broken(trace)}.")
        return f"You never conceded: each of your offers asked {shown[0]} for your government{note}{_broken(trace)}."
    asked = f"your offers asked {' → '.join(shown)} for your government at expected value, first to last{note}"
    if not any(float(b) < float(a) for a, b in pairwise(shown)):       # none fell, so some rose: say so
        return f"Your asks rose and never fell: {asked}{_broken(trace)}."
    drop, point = max(((a.truly_asked - b.truly_asked, b) for a, b in pairwise(trace)), key=lambda x: x[0])
    return (f"{capitalised(asked)}; your largest concession came in round {point.round + 1} "
            f"({point.truly_asked + drop:.3f} → {point.truly_asked:.3f}){_broken(trace)}.")
