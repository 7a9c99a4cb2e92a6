"""What an event (or a new phase) changed, in words, from the deltas the rules record.

A card is one source of change (an event, a phase's own effects, a published plan's anchoring, the
scope a definitions phase agreed)
with one line per parameter it changed, ``before -> after``. Rule of disclosure: a viewer sees the
numbers of its own government (whichever of its delegations is named) and delegation and of public parameters (detection, attribution,
the deadline, the discount, the plan's anchoring weight); another government's private values
(its no-deal value, weights, bar at home, incentives, compliance) show only which way they moved,
as its brief is confidential. Every delta gets a line; none is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.engine.state import Delta, State
from game.model.scenario import Scenario
from game.session.names import capitalised, frozen_after, phase_name, possessive, principal_name

PARTY_LABELS = {
    "reservation": "no-deal value",
    "domestic_threshold": "bar for approval at home",
    "form_weight": "weight on the agreement form",
    "acceptance": "chance of going ahead with any deal now",
    "incentives.concession_weight": "feel for what it concedes",
    "incentives.prestige": "stake in any deal",
    "incentives.self_knowledge": "uncertainty about its government's values",
    "incentives.reveal_cost": "cost of showing concessions",
    "compliance.freelancing_rate": "agencies' yearly freelancing rate",
    "compliance.cheat_gain": "gain from a deliberate violation",
}
PERCENT = ("detection", "attribution", "freelancing_rate", "revocation", "false_accusation", "form_weight",
           "acceptance")


@dataclass(frozen=True)
class CardLine:
    text: str            # "Your government's no-deal value: 0.35 → 0.45"
    parameter: str       # the parameter it describes (one line may cover a basket's rungs)
    up: bool | None      # which way it moved (None: unchanged, at its limit)


@dataclass(frozen=True)
class Card:
    title: str           # the event's text, or what the new phase did
    lines: tuple[CardLine, ...]
    deltas: tuple[Delta, ...]


def _number(parameter: str, value: float) -> str:
    if parameter.endswith(PERCENT):
        return f"{value:.0%}"
    if parameter == "protocol.rounds":
        return f"{value:.0f}"
    return f"{value:.2f}"


def _direction(deltas: list[Delta]) -> bool | None:
    moved = [d.after - d.before for d in deltas if d.after != d.before]
    return None if not moved else moved[0] > 0


def _own(scenario: Scenario, party: str, viewer: str, delegation: bool) -> bool:
    """Whether ``viewer`` may see the figures of ``party``'s parameter: its own delegation's, or its own
    government's (also when another delegation of that government is named)."""
    if not viewer:
        return False
    return party == viewer or (not delegation and scenario.party(party).principal == scenario.party(viewer).principal)


def _whose(scenario: Scenario, party: str, viewer: str, delegation: bool) -> str:
    if _own(scenario, party, viewer, delegation):
        return "Your delegation's" if delegation else "Your government's"
    if delegation:
        return possessive(scenario.party(party).name)
    return capitalised(possessive(principal_name(scenario.party(party).principal, article=True)))


def weight_shares(scenario: Scenario, delta: Delta, context: Sequence[Delta] = ()) -> tuple[float, float]:
    """A basket weight's delta as the brief shows weights: its share of all its government's basket weights
    (of the terms' value) before the card and after it. ``scenario`` is as it stands after ``context``
    (the card's deltas, in order, ``delta`` among them); a card that moves two weights of one government
    tells each against the total before both and after both, as the brief reads before and after."""
    party, _, basket = delta.parameter.split(".", 2)
    prefix = f"{party}.weights."
    moves = [d for d in context if d.parameter.startswith(prefix)] or [delta]
    after = dict(scenario.party(party).weights)
    for d in moves:
        after[d.parameter[len(prefix):]] = d.after
    before = dict(after)
    for d in reversed(moves):
        before[d.parameter[len(prefix):]] = d.before
    return (delta.before / max(sum(before.values()), 1e-300), delta.after / max(sum(after.values()), 1e-300))


def describe_delta(scenario: Scenario, deltas: list[Delta], viewer: str, context: Sequence[Delta] = ()) -> CardLine:
    """One line for the deltas of one parameter (detection: every rung of one basket at once); ``context``:
    every delta of the card, in order (a weight is told as its share of all its government's weights)."""
    first = deltas[0]
    parts = first.parameter.split(".")
    up = _direction(deltas)
    secret = False
    if parts[0] == "baskets" and parts[-1] == "scope":           # a definitions phase left the basket out
        left_out = scenario.basket(parts[1])
        return CardLine(f"{left_out.name}: outside the agreed scope, fixed at '{left_out.options[0].label}'",
                        first.parameter, up)
    if parts[0] == "baskets":
        basket = scenario.basket(parts[1]).name
        label = {"detection": f"Detection of violations on {basket}",
                 "false_accusation": f"Yearly chance of a disputed accusation on {basket}"}.get(
                     parts[-1], f"Attribution on {basket}")
    elif parts[0] == "protocol" and parts[1] == "rounds" and first.after <= first.round < first.before:
        return CardLine(capitalised(frozen_after(first.round)), first.parameter, up)     # rule 2
    elif parts[0] == "protocol":
        label = "Rounds in these talks" if parts[1] == "rounds" else "Discount per round"
    elif parts[0] == "phase":
        label = "The published plan's anchoring weight"
    elif parts[0] == "compliance":
        label = "Trust (the prior that the other government complies)"
    elif parts[0] == "forms":
        form = next((f.label for f in scenario.forms if f.id == parts[1]), parts[1])
        label = f"Yearly chance that a successor revokes the {form[:1].lower() + form[1:]}"
    else:
        key = ".".join(parts[1:])
        what = f"weight on {scenario.basket(parts[2]).name}" if parts[1] == "weights" else PARTY_LABELS.get(key, key)
        label = f"{_whose(scenario, parts[0], viewer, parts[1] == 'incentives')} {what}"
        secret = not _own(scenario, parts[0], viewer, parts[1] == "incentives")
    if secret:
        moved = {None: "unchanged", True: "rises", False: "falls"}[up]
        return CardLine(f"{label}: {moved} (their figures are confidential)", first.parameter, up)
    if parts[0] != "baskets" and parts[1] == "weights":       # in the brief's terms: a share of the terms' value
        before_share, after_share = weight_shares(scenario, first, context)
        return CardLine(f"{label}: {before_share:.0%} → {after_share:.0%} of the terms' value", first.parameter, up)
    before = "/".join(_number(d.parameter, d.before) for d in deltas)
    after = "/".join(_number(d.parameter, d.after) for d in deltas)
    rungs = " (each rung, weakest first)" if len(deltas) > 1 else ""
    of = " of a deal's value" if first.parameter.endswith(".form_weight") else ""    # as the brief says
    return CardLine(f"{label}{rungs}: {before} → {after}{of}", first.parameter, up)


def unagreed(state: State) -> frozenset[str]:
    """The ids of the phases of ``state`` that ended without an agreement: a definitions phase among them
    settled nothing, and its scope's default applies (rule D1); :func:`cards` titles its card so."""
    return frozenset(r.phase for r in state.results if r.agreement is None)


def _title(scenario: Scenario, source: str, failed: frozenset[str]) -> str:
    if source.startswith("phase:"):
        return f"{phase_name(scenario, source.split(':', 1)[1])} opens"
    if source.startswith("scope:"):
        phase = source.split(":", 1)[1]
        scope = next((p.scope for p in scenario.phases if p.id == phase), None)
        if phase in failed and scope is not None:      # instructor trial: "The scope agreed in ..." after a walk-out
            default = scope.rungs[scope.rung_index(scope.default)].label
            return f"No scope was agreed in {phase_name(scenario, phase)}: the default, '{default}', applies"
        return f"The scope agreed in {phase_name(scenario, phase)} applies"
    if source.startswith("anchor:"):
        return f"The published plan shapes {phase_name(scenario, source.split(':', 1)[1])}"
    event = next((e for e in scenario.events if e.id == source), None)
    if event is None:
        year = next((e for e in scenario.year_events if e.id == source), None)
        return year.text if year is not None else "Something changed"
    return event.text


def cards(scenario: Scenario, deltas: tuple[Delta, ...], viewer: str, fired: tuple[str, ...] = (), *,
          failed: frozenset[str]) -> list[Card]:
    """One card per source of ``deltas`` (in order), and one for each event in ``fired`` that changed
    nothing (clipped at a limit), so that every event that fired is shown. ``failed``: the phases that
    ended without an agreement (:func:`unagreed` of the state after the deltas), so that the card of a
    definitions phase says whether its scope was agreed or its default applies."""
    out: list[Card] = []
    sources = list(dict.fromkeys([d.source for d in deltas] + list(fired)))
    for source in sources:
        mine = [d for d in deltas if d.source == source]
        groups: dict[str, list[Delta]] = {}
        for i, d in enumerate(mine):             # a basket's rungs share a line; every other delta has its own
            parts = d.parameter.split(".")
            rung = parts[0] == "baskets" and parts[-1] == "detection"
            groups.setdefault(".".join(parts[:2]) if rung else f"{i}", []).append(d)
        lines = tuple(describe_delta(scenario, group, viewer, mine) for group in groups.values())
        out.append(Card(_title(scenario, source, failed), lines, tuple(mine)))
    return out


def year_cards(scenario: Scenario, happened: tuple[tuple[int, str, str], ...],
               changes: tuple[tuple[str, str, float, float], ...], form: str | None = None) -> list[tuple[int, Card]]:
    """(year, card) for each event of the compliance years that happened in the told history and changed
    something (:class:`game.engine.compliance.ComplianceResult`'s ``year_events`` and ``year_deltas``;
    rule 11). An event whose every effect left its parameter as it was is not told: "the new
    administration's review is over" sets the revocation chances back to the file's, which is no news
    in a history where no new President came. With ``form`` (the id of the form agreed), an effect on
    another form (``forms.<other>.*``) is not told either: the pact in force has only its own form."""
    out = []
    form = form if form is not None and any(f.id == form for f in scenario.forms) else None
    for year, ident, _ in happened:
        deltas = tuple(Delta(ident, name, before, after, -1, year - 1) for source, name, before, after in changes
                       if source == ident and before != after
                       and (form is None or not name.startswith("forms.") or name.split(".")[1] == form))
        if deltas:
            out += [(year, card) for card in cards(scenario, deltas, "", failed=frozenset())]
    return out


def year_event_shares(scenario: Scenario, happened: tuple[tuple[str, float], ...]) -> str:
    """How often each event of the compliance years came, over every simulated history (rule 11), in
    one line, each event's text quoted: '"A new President reviews every executive agreement" (year 2): 48% of the
    histories; ...'.
    Empty without year events. The told history is one draw among them, so an event it does not tell
    may still have come in many (author trial: a debrief without a word on the file's year events)."""
    texts = {e.id: (e.text, e.year) for e in scenario.year_events}
    parts = [f"\"{texts[ident][0].rstrip('.')}\" (year {texts[ident][1]}): {share:.0%} of the histories"
             for ident, share in happened if ident in texts]
    return "; ".join(parts)


def agreed_form(scenario: Scenario, agreement: tuple[int, ...] | None) -> str | None:
    """The id of the form an agreement chose (the outcome's last place, after the baskets); None without one."""
    if agreement is None or len(agreement) <= len(scenario.baskets):
        return None
    return scenario.forms[agreement[len(scenario.baskets)]].id


def headlines(state: State) -> tuple[str, ...]:
    """The table's line of news, longest first, for a front-end to show the first that fits: the latest
    round's events at this table, with the round they came in ("Round 2: A hack-and-leak operation ..."),
    else what opened the table (a published plan, an agreed scope, the phase's own effects), else that
    nothing has happened here. When several events came in that round, the full line names them all in
    the order they fired, a shorter one names the last and counts the others ("... (and 1 more event
    this round: see the log)"), and the shortest only counts them. Newcomer trials: "EVENT: ..." stayed
    in round 3 as if it had just come, "No events so far." sat beside the card of the published plan, and
    of two events in one round the headline named only the last. When that round is over, the line says it is
    the last event and names its round ("Last event (round 2): ...", "Since round 1: ..." for what opened the
    table), the event in the log's words (player trial: the header said "round 3 of 10" and the line under it
    "Round 2: Moscow accuses ...", read as this round's news)."""
    here = [(r, e) for phase, r, e in state.fired if phase == state.phase]
    opened = [(d.round, d.source) for d in state.deltas if d.phase == state.phase
              and d.source.split(":", 1)[0] in ("phase", "anchor", "scope")]
    if here:
        last = here[-1][0]
        sources = [e for r, e in here if r == last]
    elif opened:
        last, sources = opened[-1][0], [opened[-1][1]]
    else:
        return ("No events so far at this table.",)
    failed = unagreed(state)
    titles = [_sentence(_title(state.scenario, source, failed)) for source in sources]
    now = last >= state.round                   # this round's news, else an earlier round's
    if now:
        head, one, that = f"Round {last + 1}: ", f"Round {last + 1}: ", "this round"
    elif here:
        head = f"Last event{'s' if len(titles) > 1 else ''} (round {last + 1}): "
        one, that = f"Last event (round {last + 1}): ", "that round"
    else:
        head = one = f"Since round {last + 1}: "
        that = "that round"
    full = head + " ".join(titles)
    if len(titles) == 1:
        return (full,)
    more = len(titles) - 1
    short = f"{one}{titles[-1]} (and {more} more event{'s' if more > 1 else ''} {that}: see the log)"
    shortest = (f"Round {last + 1}: {len(titles)} events" if now else
                f"Last events: {len(titles)} in round {last + 1}")
    return (full, short, f"{shortest} (see their cards and the log).")


def _sentence(title: str) -> str:
    """``title`` ending with a full stop unless it already ends a sentence."""
    return title if title.endswith((".", "!", "?")) else title + "."
