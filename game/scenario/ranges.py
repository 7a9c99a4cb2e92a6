"""Effects that the engine would have to cut: every effect must keep its parameter in range.

Rule: an effect's amount is a finite number (the schema refuses ``.inf`` and ``.nan``), and
applying the effect once to every value the file gives the parameter where it can apply (the
phase's own deadline for a phase effect; each listed phase's, or every phase's, for an event;
every option's detection for ``baskets.<b>.detection``) keeps it inside the parameter's range
(:func:`game.model.parameters.parameter_range`): ``set`` must name a value in the range, and
``add`` or ``multiply`` must not take a starting value out of it. So ``set: 1e9`` rounds, a
discount of 2, ``add: -3`` on a deadline of 2 rounds or a negative weight are refused at their
line. A deadline counts rounds: an effect on ``protocol.rounds`` must leave a whole number of
them (``add: 1.5``, or ``multiply: 0.3`` on 8 rounds, is refused, not rounded). An event that
fires round after round may still push a value to the end of its range: the engine stops it
there, and stops a receding deadline at 200 rounds (``lint`` warns about a deadline that recedes
as fast as the rounds pass), and rounds a deadline that a repeated ``multiply`` leaves between two.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from game.model.parameters import parameter_range
from game.scenario.messages import format_path
from game.scenario.schema import EffectModel, ScenarioModel
from game.scenario.yamlsafe import PathKey

Finding = tuple[PathKey, bool, str]


def check_effects(m: ScenarioModel) -> Iterator[Finding]:
    """Every effect of the phases and events that leaves its parameter's range."""
    for i, phase in enumerate(m.phases):
        for j, effect in enumerate(phase.effects):
            yield from _check(effect, ("phases", i, "effects", j), _starts(m, effect.parameter, [i]))
    for i, event in enumerate(m.events):
        where = [k for k, ph in enumerate(m.phases) if not event.phases or ph.id in event.phases]
        for j, effect in enumerate(event.effects):
            yield from _check(effect, ("events", i, "effects", j), _starts(m, effect.parameter, where))


def _check(effect: EffectModel, base: PathKey, starts: Sequence[tuple[str, float]]) -> Iterator[Finding]:
    op = next(k for k in ("add", "multiply", "set") if getattr(effect, k) is not None)
    amount = float(getattr(effect, op))
    span = parameter_range(effect.parameter)
    where = base + (op,)
    whole = effect.parameter == "protocol.rounds"        # a deadline counts rounds
    if op == "set":
        if not span.holds(amount):
            yield where, False, (f"{format_path(where)}: {effect.parameter} must stay within {span}; "
                                 f"expected a value in that range, got {amount:g}")
        elif whole and not _whole(amount):
            yield where, False, (f"{format_path(where)}: set {amount:g} on protocol.rounds; expected a whole number "
                                 "of rounds (the engine would round it)")
        return
    for what, start in starts:
        after = start + amount if op == "add" else start * amount
        if not span.holds(after):
            yield where, False, (f"{format_path(where)}: {op} {amount:g} takes {effect.parameter} from {start:g}"
                                 f"{what} to {after:g}, outside its range {span}; expected an amount that keeps "
                                 "it in range (the engine would cut it)")
            return
        if whole and not _whole(after):
            yield where, False, (f"{format_path(where)}: {op} {amount:g} takes protocol.rounds from {start:g}{what} "
                                 f"to {after:g}; expected a whole number of rounds after the change (the engine "
                                 "would round it)")
            return


def _whole(x: float) -> bool:
    """Whether ``x`` is a whole number, but for the float error of a product (30 * 0.1 is 3.0000000000000004)."""
    return abs(x - round(x)) < 1e-9


def _starts(m: ScenarioModel, name: str, phases: list[int]) -> list[tuple[str, float]]:
    """(where, value) of every value in the file that the effect on ``name`` may start from."""
    parts = name.split(".")
    if parts[0] == "protocol" and len(parts) == 2 and parts[1] in ("rounds", "discount"):
        if not m.phases:
            return [("", float(getattr(m.protocol, parts[1])))] if m.protocol is not None else []
        return [(f" (phase {m.phases[k].id!r})", float(getattr(m.phases[k].protocol, parts[1]))) for k in phases]
    if name == "compliance.trust":
        return [("", float(m.compliance.trust))]
    if parts[0] == "forms" and len(parts) == 3:
        return [(f" (form {f.id!r})", float(f.revocation)) for f in m.forms if f.id == parts[1]]
    if name == "phase.anchoring":
        return [(f" (phase {m.phases[k].id!r})", float(m.phases[k].anchoring)) for k in phases]
    if parts[0] == "baskets" and len(parts) == 3:
        basket = next((b for b in m.baskets if b.id == parts[1]), None)
        if basket is None:
            return []
        if parts[2] == "attribution":
            return [("", float(basket.attribution))]
        return [(f" (option {o.id!r})", float(o.detection)) for o in basket.options]
    party = next((p for p in m.parties if p.id == parts[0]), None)
    if party is None or len(parts) < 2:
        return []
    if len(parts) == 2 and parts[1] == "acceptance":
        return [("", 1.0)]                       # every file starts at 1 (game.model.scenario.Party.acceptance)
    if len(parts) == 2 and parts[1] in ("reservation", "domestic_threshold", "form_weight"):
        return [("", float(getattr(party, parts[1])))]
    if len(parts) == 3 and parts[1] == "weights" and parts[2] in party.weights:
        return [("", float(party.weights[parts[2]]))]
    if len(parts) == 3 and parts[1] in ("incentives", "compliance"):
        group = getattr(party, parts[1])
        start = getattr(group, parts[2]) if parts[2] in type(group).model_fields else None
        return [("", float(start))] if start is not None else []      # a value left unset has no range to leave
    return []
