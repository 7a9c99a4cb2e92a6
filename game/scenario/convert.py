"""Validated pydantic models -> plain :mod:`game.model.scenario` objects."""

from __future__ import annotations

from game.model import scenario as m
from game.scenario import schema as s


def _protocol(p: s.ProtocolModel) -> m.Protocol:
    return m.Protocol(p.rounds, p.discount, p.first_mover, p.binding, p.lanes)


def _effects(effects: list[s.EffectModel]) -> tuple[m.Effect, ...]:
    out = []
    for e in effects:
        op = next(k for k in ("add", "multiply", "set") if getattr(e, k) is not None)
        out.append(m.Effect(e.parameter, op, float(getattr(e, op))))
    return tuple(out)


def _party(p: s.PartyModel) -> m.Party:
    return m.Party(
        id=p.id, name=p.name, principal=p.principal, delegation=m.Delegation(p.delegation),
        weights=m.frozen_map({k: float(v) for k, v in p.weights.items()}),
        values=m.frozen_map({b: m.frozen_map({o: float(v) for o, v in t.items()}) for b, t in p.values.items()}),
        form_weight=float(p.form_weight),
        form_values=m.frozen_map({k: float(v) for k, v in p.form_values.items()}),
        reservation=float(p.reservation),
        red_lines=m.frozen_map({k: tuple(v) for k, v in p.red_lines.items()}),
        incentives=m.Incentives(**{k: float(v) for k, v in p.incentives.model_dump().items()}),
        domestic_threshold=float(p.domestic_threshold),
        compliance=m.ComplianceParams(**{k: float(v) for k, v in p.compliance.model_dump().items()}),
        strategy=p.strategy,
    )


def to_model(doc: s.ScenarioModel, path: str = "") -> m.Scenario:
    """Build the immutable model of a scenario that passed every check."""
    return m.Scenario(
        schema_version=doc.schema_version, id=doc.id, title=doc.title, year=doc.year,
        summary=doc.summary.strip(), difficulty=doc.difficulty,
        sources=tuple(m.Source(x.author, x.title, x.year, x.note) for x in doc.sources),
        baskets=tuple(
            m.Basket(b.id, b.name, b.description.strip(),
                     tuple(m.Option(o.id, o.label, o.description.strip(), float(o.detection),
                                    float(o.consultation)) for o in b.options),
                     float(b.attribution))
            for b in doc.baskets),
        forms=tuple(
            m.AgreementForm(f.id, f.label, f.description.strip(), float(f.credibility),
                            m.frozen_map({k: m.EntryRule(float(e.approval), float(e.sensitivity))
                                          for k, e in f.entry.items()}))
            for f in doc.forms),
        parties=tuple(_party(p) for p in doc.parties),
        protocol=_protocol(doc.protocol if doc.protocol is not None else doc.phases[-1].protocol),
        phases=tuple(m.Phase(ph.id, ph.name, tuple(ph.parties), _protocol(ph.protocol), float(ph.anchoring),
                             ph.publishes, _effects(ph.effects)) for ph in doc.phases),
        events=tuple(m.Event(e.id, e.text.strip(), float(e.probability), tuple(e.phases), _effects(e.effects))
                     for e in doc.events),
        compliance=m.CompliancePlan(doc.compliance.years, m.ResponseRule(doc.compliance.response)),
        path=path,
    )
