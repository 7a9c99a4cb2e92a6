"""Validated pydantic models -> plain :mod:`game.model.scenario` objects."""

from __future__ import annotations

from collections.abc import Mapping

from game.model import scenario as m
from game.model.teaching import DebriefQuestion, LessonStep, Teaching
from game.scenario import schema as s
from game.scenario.teaching_schema import TeachingModel


def _protocol(p: s.ProtocolModel) -> m.Protocol:
    return m.Protocol(p.rounds, p.discount, p.first_mover, p.binding, p.lanes)


def _effects(effects: list[s.EffectModel]) -> tuple[m.Effect, ...]:
    out = []
    for e in effects:
        op = next(k for k in ("add", "multiply", "set") if getattr(e, k) is not None)
        out.append(m.Effect(e.parameter, op, float(getattr(e, op))))
    return tuple(out)


def _when(w: s.WhenModel | None) -> m.EventCondition | None:
    if w is None:
        return None
    offer = w.offer_at_least
    return m.EventCondition(w.round_at_least, w.round_at_most,
                            None if offer is None else (offer.basket, offer.option, offer.party or ""),
                            w.walked_away, w.after_event, w.agreed_in,
                            None if w.trust_below is None else float(w.trust_below))


Table = dict[str, dict[str, float]]


def restraint_terms(p: s.PartyModel, ladders: dict[str, list[str]]) -> tuple[Table, Table, Table]:
    """(values, gains, costs) per basket and option (rule 1 of docs/model.md).

    Schema 2 gives ``status_quo``, ``gains`` and ``costs``; the paper value is
    ``status_quo + gain - cost``. A schema-1 file gives only values: its status quo is the
    value of the ladder's first rung, and each rung's difference from it counts as a gain
    when positive and as a cost when negative."""
    if p.values is not None:
        values = {b: {o: float(v) for o, v in t.items()} for b, t in p.values.items()}
        gains: Table = {}
        costs: Table = {}
        for b, row in values.items():
            first = row.get(ladders.get(b, [""])[0], 0.0)
            gains[b] = {o: max(0.0, v - first) for o, v in row.items()}
            costs[b] = {o: max(0.0, first - v) for o, v in row.items()}
        return values, gains, costs
    gains = {b: {o: float(v) for o, v in t.items()} for b, t in (p.gains or {}).items()}
    costs = {b: {o: float(v) for o, v in t.items()} for b, t in (p.costs or {}).items()}
    values = {b: {o: float(p.status_quo.get(b, 0.0)) + gains.get(b, {}).get(o, 0.0) - costs.get(b, {}).get(o, 0.0)
                  for o in ladder} for b, ladder in ladders.items()}
    return values, gains, costs


def _frozen(table: Table) -> Mapping[str, Mapping[str, float]]:
    return m.frozen_map({b: m.frozen_map(row) for b, row in table.items()})


def _party(p: s.PartyModel, ladders: dict[str, list[str]]) -> m.Party:
    values, gains, costs = restraint_terms(p, ladders)
    return m.Party(
        id=p.id, name=p.name, principal=p.principal, delegation=m.Delegation(p.delegation),
        weights=m.frozen_map({k: float(v) for k, v in p.weights.items()}),
        values=_frozen(values), gains=_frozen(gains), costs=_frozen(costs),
        form_weight=float(p.form_weight),
        form_values=m.frozen_map({k: float(v) for k, v in p.form_values.items()}),
        reservation=float(p.reservation),
        red_lines=m.frozen_map({k: tuple(v) for k, v in p.red_lines.items()}),
        incentives=m.Incentives(**{k: float(v) for k, v in p.incentives.model_dump().items()}),
        domestic_threshold=float(p.domestic_threshold),
        compliance=m.ComplianceParams(float(p.compliance.freelancing_rate), float(p.compliance.audience_cost)),
        strategy=p.strategy,
    )


def _entry(principal: str, e: s.EntryModel) -> m.EntryRule:
    players = tuple(m.VetoPlayer(v.name, float(v.approval), float(v.sensitivity)) for v in e.veto_players)
    if players:
        return m.EntryRule(players[0].approval, players[0].sensitivity, players)
    return m.EntryRule(float(e.approval or 0.0), float(e.sensitivity))


def _basket(b: s.BasketModel) -> m.Basket:
    return m.Basket(b.id, b.name, b.description.strip(),
                    tuple(m.Option(o.id, o.label, o.description.strip(), float(o.detection), float(o.consultation))
                          for o in b.options),
                    float(b.attribution), tuple(b.binds), None if b.linked_to is None else tuple(b.linked_to),
                    float(b.false_accusation), float(b.misattribution), float(b.detection_cap),
                    m.frozen_map({k: float(v) for k, v in b.detection_by.items()}))


def _scope(sc: s.ScopeModel | None) -> m.Scope | None:
    if sc is None:
        return None
    return m.Scope(sc.name, tuple(m.ScopeRung(r.id, r.label, r.description.strip(), tuple(r.baskets), float(r.disputes))
                                  for r in sc.rungs), sc.default,
                   m.frozen_map({p: m.frozen_map({k: float(v) for k, v in row.items()}) for p, row in sc.values.items()}))


def _teaching(t: TeachingModel | None) -> Teaching | None:
    if t is None:
        return None
    return Teaching(t.staffing.strip(), tuple(LessonStep(x.minutes, x.activity, x.detail.strip()) for x in t.lesson_plan),
                    tuple(DebriefQuestion(q.question.strip(), q.source - 1, q.argument.strip()) for q in t.questions))


def to_model(doc: s.ScenarioModel, path: str = "") -> m.Scenario:
    """Build the immutable model of a scenario that passed every check."""
    ladders = {b.id: [o.id for o in b.options] for b in doc.baskets}
    return m.Scenario(
        schema_version=doc.schema_version, id=doc.id, title=doc.title, year=doc.year,
        summary=doc.summary.strip(), difficulty=doc.difficulty,
        sources=tuple(m.Source(x.author, x.title, x.year, x.note) for x in doc.sources),
        baskets=tuple(_basket(b) for b in doc.baskets),
        forms=tuple(
            m.AgreementForm(f.id, f.label, f.description.strip(), float(f.credibility),
                            m.frozen_map({k: _entry(k, e) for k, e in f.entry.items()}), float(f.revocation),
                            bool(f.signed))
            for f in doc.forms),
        parties=tuple(_party(p, ladders) for p in doc.parties),
        protocol=_protocol(doc.protocol if doc.protocol is not None else doc.phases[-1].protocol),
        phases=tuple(m.Phase(ph.id, ph.name, tuple(ph.parties), _protocol(ph.protocol), float(ph.anchoring),
                             ph.publishes, _effects(ph.effects), _scope(ph.scope)) for ph in doc.phases),
        events=tuple(m.Event(e.id, e.text.strip(), float(e.probability), tuple(e.phases), _effects(e.effects),
                             e.once, e.at_round, _when(e.when))
                     for e in doc.events if e.year is None),
        compliance=m.CompliancePlan(doc.compliance.years, m.ResponseRule(doc.compliance.response),
                                    float(doc.compliance.trust),
                                    None if doc.compliance.continuation is None else float(doc.compliance.continuation),
                                    m.frozen_map({k: m.ResponseRule(v) for k, v in doc.compliance.response_by.items()}),
                                    doc.compliance.responses != "credible"),
        path=path,
        stakeholders=tuple(m.Stakeholder(h.id, h.name, m.frozen_map({k: float(v) for k, v in h.weights.items()}),
                                         m.frozen_map({b: m.frozen_map({o: float(v) for o, v in t.items()})
                                                       for b, t in h.values.items()}),
                                         float(h.reservation), h.description.strip())
                           for h in doc.stakeholders),
        teaching=_teaching(doc.teaching),
        year_events=tuple(m.YearEvent(e.id, e.text.strip(), float(e.probability), e.year, _effects(e.effects))
                          for e in doc.events if e.year is not None),
    )
