"""Which way an event card's line moved for the player: good, bad or neither, not the number's sign.

Newcomer trial: "▲ Your government's bar for approval at home: 0.60 → 0.62" read as good news; a higher bar
is worse for the player. The card marks each line by what the change does to the player's prospects of a
deal that enters into force and holds (docs/model.md): a higher bar at home (either government's), a likelier
revocation or disputed accusation, more freelancing or a bigger gain from cheating are worse; better
detection and attribution, more trust, a milder discount, either government's likelier going ahead with a deal at
all (its acceptance, rule 10) and the player's own better no-deal value are better;
weights, incentives, the form's weight, the deadline and the plan's anchoring are neither.
"""

from __future__ import annotations

from game.model.scenario import Scenario
from game.session.effects import CardLine

HIGHER_IS_BETTER = ("detection", "attribution", "trust", "discount", "acceptance")     # for either government
HIGHER_IS_WORSE = ("domestic_threshold", "revocation", "false_accusation", "freelancing_rate", "cheat_gain")


def good_for_player(scenario: Scenario, viewer: str, line: CardLine) -> bool | None:
    """True when the change ``line`` tells helps ``viewer``, False when it hurts, None when it is neither
    (or did not move)."""
    if line.up is None:
        return None
    parts = line.parameter.split(".")
    last = parts[-1]
    if last in HIGHER_IS_BETTER:
        return line.up
    if last in HIGHER_IS_WORSE:
        return not line.up
    if last == "reservation" and viewer and parts[0] in {p.id for p in scenario.parties}:
        ours = scenario.party(parts[0]).principal == scenario.party(viewer).principal
        return line.up if ours else not line.up       # their better no-deal value asks more of you
    return None


def mark(good: bool | None) -> str:
    """The card's marker: ▲ helps you, ▼ hurts you, • neither."""
    return {True: "▲", False: "▼", None: "•"}[good]
