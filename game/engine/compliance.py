"""What the pact is worth once in force: a vectorised Monte Carlo over the years (docs/model.md, rules 1-6).

Each of ``S`` simulated histories draws each side's type once: complying with probability
``trust``, else strategic (it breaches on purpose what :func:`game.engine.pact.breaches`
says). Then, every year the pact is in force, for each side and each commitment that binds it
(any option above the ladder's first rung, in a basket not suspended):

* a strategic side **breaches on purpose** the baskets of its best set; otherwise its
  agencies **freelance** with probability ``f (1 - q)`` (detection deters them too);
* a breach is **caught and attributed** with probability ``q``; a freelancer's caught breach is
  **settled** in the consultation channel with the option's ``consultation`` chance;
* a side keeping its word is **accused** all the same with probability
  ``1 - (1 - false_accusation)(1 - misattribution)``, unless the channel settles it;
* the victim loses its gain from the breached restraint that year, caught or not, and the
  breaching side wins back its cost; each answered accusation costs the accused
  ``credibility * audience_cost``;
* an **answered** accusation (caught and not settled, or unfounded and not settled) triggers
  the victim's response (each side may have its own, ``response_by``): ``suspend_basket`` drops
  the breached basket's linked group for both sides for good (worth its status quo from then
  on), ``tit_for_tat`` makes the victim withdraw its own restraint on the group next year (a
  response is recognised as one and never answered: no spirals), ``collapse`` ends the pact
  (both get their reservation value from then on);
* at the end of the year a successor **revokes** the pact with the form's ``revocation`` chance.

Year events (rule 11; :class:`game.engine.pact.YearPlan`): each is drawn once per history, after
the types; from its year on the history runs on the terms with it applied (q, freelancing,
the strategic breach set and the revocation chance, gathered per history), and a trust change
draws both types anew from the new trust and restarts the beliefs. Without year events no
extra draw is made, so every history is exactly as before.

Each side also updates, by Bayes' rule, its belief that the other is the complying type from
the answered accusations it sees (rule 6): ``trust_after`` is its mean at the end.

The measures, per history then averaged (each side in table order): **honoured by the other
side** (the other never breached, seen or unseen), **intact** (no response ever triggered),
**answered** (responses triggered against this side), **yearly value** (mean, 5th and 95th
percentile; the breacher's gains and the audience costs included). The mean yearly value is
what :func:`game.engine.valuation.expected_in_force` computes in closed form
(:mod:`game.engine.years`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from game.engine.params import apply_effect, read_parameter, touched
from game.engine.pact import DealTerms, PactTerms, YearPlan, breaches, deal_terms, group_matrix, pact_terms
from game.model.scenario import ResponseRule, Scenario

N_SIMULATIONS = 2000
HISTOGRAM_BINS = 20


@dataclass(frozen=True, slots=True)
class ComplianceResult:
    """Per side (in table order): mean yearly value and its 5-95% band over histories,
    mean violations detected (of which settled in the consultation channel) and undetected;
    and the share of histories in which the pact stays intact (``survival``)."""

    parties: tuple[str, ...]
    mean: tuple[float, ...]
    p5: tuple[float, ...]
    p95: tuple[float, ...]
    detected: tuple[float, ...]
    undetected: tuple[float, ...]
    survival: float
    years: int
    simulations: int
    settled: tuple[float, ...] = (0.0, 0.0)
    intact_by_year: tuple[float, ...] = ()              # share of histories with no response yet, after each year
    caught_by_year: tuple[float, ...] = ()              # mean violations caught (both sides) in each year
    missed_by_year: tuple[float, ...] = ()              # mean violations not caught in each year
    histogram: tuple[tuple[int, ...], ...] = ()         # per side: histories per 0.05-wide bin of the yearly value
    story: tuple[tuple[int, int, int, str, str], ...] = ()
    """One history told year by year (the first simulated): (year from 1, side, basket, cause:
    deliberate | freelancing | accused | retaliation, and what came of it: unseen | settled | answered,
    or response for a retaliation, which the pact recognises and nobody answers)."""
    honoured_by_other: tuple[float, ...] = ()           # per side: share of histories the other side never violated
    answered: tuple[float, ...] = ()                    # per side: mean responses triggered against it
    accused: tuple[float, ...] = ()                     # per side: mean answered accusations it did not deserve
    trust_after: tuple[float, ...] = ()                 # per side: mean belief at the end that the other complies,
                                                        # where the other is in fact of the strategic type
    trust_after_honest: tuple[float, ...] = ()          # the same where the other is in fact of the complying type
    revoked: float = 0.0                                # share of histories in which a successor revoked the pact
    sem: tuple[float, ...] = ()                         # per side: standard error of the mean yearly value
    happened: tuple[tuple[str, float], ...] = ()        # per year event (rule 11): share of histories it came in
                                                        # (changing something: an idle one did not come)
    year_events: tuple[tuple[int, str, str], ...] = ()  # the year events of the told history while the pact
                                                        # was in force: (year, id, text)
    year_deltas: tuple[tuple[str, str, float, float], ...] = ()
    """What those events changed in the told history, in order: (event id, parameter, before, after)."""
    told_status: tuple[str, ...] = ()
    """The told history as each year opens: "in force", "suspended" (every basket suspended by answers),
    "collapsed" (ended by an answer) or "revoked" (dropped by a successor)."""

    @property
    def intact(self) -> float:
        """Share of histories in which no response was ever triggered (the same as ``survival``)."""
        return self.survival


def policy_breaches(scenario: Scenario, party_ids: tuple[str, ...], outcome: tuple[int, ...]) -> np.ndarray:
    """``(2, B)``: the baskets each side breaches on purpose when it is of the strategic type."""
    terms = pact_terms(scenario, (scenario.party(party_ids[0]), scenario.party(party_ids[1])))
    return breaches(terms, deal_terms(terms, np.array([outcome])))[0]


def simulate_compliance(scenario: Scenario, party_ids: tuple[str, ...], outcome: tuple[int, ...],
                        rng: np.random.Generator, simulations: int = N_SIMULATIONS) -> ComplianceResult:
    """Run the Monte Carlo for the deal ``outcome`` (basket options, then the form) in force."""
    terms = pact_terms(scenario, (scenario.party(party_ids[0]), scenario.party(party_ids[1])))
    d = deal_terms(terms, np.array([outcome]))
    result = _run(terms, d, breaches(terms, d)[0], party_ids, rng, simulations)
    if not result.year_events:
        return result
    return dataclasses.replace(result, year_deltas=year_deltas(scenario, tuple(e for _, e, _ in result.year_events)))


def year_deltas(scenario: Scenario, happened: tuple[str, ...]) -> tuple[tuple[str, str, float, float], ...]:
    """What the year events ``happened`` (ids) change, applied in order of year then file order:
    (event id, parameter, before, after) for each parameter they touch (rule 11)."""
    out = []
    for event in sorted((e for e in scenario.year_events if e.id in happened),
                        key=lambda e: (e.year, scenario.year_events.index(e))):
        for effect in event.effects:
            names = touched(scenario, effect)
            before = [read_parameter(scenario, name, 0) for name in names]
            scenario = apply_effect(scenario, effect, 0)
            out += [(event.id, name, b, read_parameter(scenario, name, 0)) for name, b in zip(names, before)]
    return tuple(out)


def _run(t: PactTerms, d: DealTerms, policy: np.ndarray, party_ids: tuple[str, ...], rng: np.random.Generator,
         simulations: int) -> ComplianceResult:
    """The histories, as arrays ``(side, basket, history)`` (histories last: sums over baskets are fast)."""
    years, n_baskets = t.years, policy.shape[1]
    plan = t.later
    victim_rule = t.rules[::-1]                                              # the rule that answers each side's breaches
    col = (slice(None), slice(None), None)                                   # (2, B) -> (2, B, 1)
    active = d.active[0]                                                     # (2, B)
    gain, cost, q, settle_p = d.gain[0], d.cost[0], d.q[0], d.settle[0]
    freelance = d.freelance[0]
    unfounded = np.where(active, t.unfounded[None, :], 0.0)                  # (2, B)
    accident = d.accident[0]
    heard = (np.ones_like(active) if d.answers is None else d.answers[0])[col]   # (2, B, 1): the victim answers (rule 12)
    audience = float(d.credibility[0]) * t.audience                          # (2,)
    rho: float | np.ndarray = float(d.revocation[0])                         # one per history with year events
    paper, r = d.paper[0], t.reservation
    onehot = group_matrix(t)                                                 # (B, G)
    strategic = rng.random((2, simulations)) >= t.trust                      # (2, S)
    regimes = _Regimes(plan, d, rng, simulations) if plan is not None else None
    deliberate = policy[col] & strategic[:, None, :] & active[col]           # (2, B, S)
    in_force = np.ones(simulations, dtype=bool)
    live = np.ones((n_baskets, simulations), dtype=bool)                     # basket not suspended
    retaliating = np.zeros((2, n_baskets, simulations), dtype=bool)
    belief = np.full((2, simulations), np.log(max(t.trust, 1e-12) / max(1 - t.trust, 1e-12)))
    strategic_p = np.where(policy, q, accident)                              # P(answered | strategic type)
    # log-likelihood ratios (complying over strategic type) of what each side sees of the other
    llr_seen = np.log(_safe(accident[::-1]) / _safe(strategic_p[::-1]))[col]
    llr_quiet = np.log(_safe(1 - accident[::-1]) / _safe(1 - strategic_p[::-1]))[col]
    informative = bool((accident != strategic_p).any()) or (regimes is not None and regimes.informative)
    any_settle, any_unfounded = bool(settle_p.any()), bool(unfounded.any())
    swing = (gain - cost)[:, None, :]                                        # (2, 1, B): what a suspension takes
    total = np.zeros((2, simulations))
    counts = {k: np.zeros((2, simulations)) for k in ("caught", "missed", "settled", "answered", "accused")}
    violated_by = np.zeros((2, simulations), dtype=bool)
    never_answered = np.ones(simulations, dtype=bool)
    revoked = np.zeros(simulations, dtype=bool)
    intact_by_year, caught_by_year, missed_by_year = [], [], []
    story: list[tuple[int, int, int, str, str]] = []
    size = (2, n_baskets, simulations)
    in_force_told: list[bool] = []                                           # the told history, as each year opens
    status: list[str] = []                                                   # ... and what is left of its pact
    committed = active.any(axis=0)                                           # (B,): a basket someone pledged
    for year in range(years):
        in_force_told.append(bool(in_force[0]))
        kept = (live[:, 0] & committed).any() or not committed.any()       # something pledged still stands
        status.append(("in force" if kept else "suspended") if in_force[0] else "revoked" if revoked[0] else "collapsed")
        if regimes is not None:                  # rule 11: this year's terms in each history
            now = regimes.at(year + 1)
            redraw = regimes.redrawn(year + 1)
            if redraw.any():                     # a new government: types drawn anew, beliefs restart
                fresh = rng.random((2, simulations)) >= now.trust[None, :]
                strategic = np.where(redraw[None, :], fresh, strategic)
                prior = np.log(np.maximum(now.trust, 1e-12) / np.maximum(1 - now.trust, 1e-12))
                belief = np.where(redraw[None, :], prior[None, :], belief)
            q, freelance, rho = now.q, now.freelance, now.rho
            deliberate = now.policy & strategic[:, None, :] & active[col]
            llr_seen, llr_quiet = now.llr_seen, now.llr_quiet
        open_ = active[col] & live[None] & in_force[None, None, :]          # (2, B, S)
        agency = ~deliberate & (rng.random(size, dtype=np.float32) < _per_history(freelance))
        violate = open_ & (deliberate | agency)
        caught = violate & (rng.random(size, dtype=np.float32) < _per_history(q))
        settled = caught & agency
        if any_settle:
            settled &= rng.random(size, dtype=np.float32) < settle_p[None, :, None]
        else:
            settled[:] = False
        accused = open_ & ~deliberate
        if any_unfounded:
            accused &= rng.random(size, dtype=np.float32) < unfounded[col]
            if any_settle:
                accused &= ~(rng.random(size, dtype=np.float32) < settle_p[None, :, None])
        else:
            accused[:] = False
        public = (caught & ~settled) | accused
        answered = public & heard                                            # rule 12: tolerated otherwise
        accused &= ~violate                                                  # unfounded: no breach at all
        loose = (violate | (retaliating & open_)).astype(np.float64)
        n_answered = np.count_nonzero(answered, axis=1)
        suspended = (swing @ (~live).astype(np.float64))[:, 0, :]            # (2, S)
        value = (paper[:, None] - suspended + (cost[:, None, :] @ loose)[:, 0, :]
                 - (gain[:, None, :] @ loose[::-1])[:, 0, :] - audience[:, None] * np.count_nonzero(public, axis=1))
        total += np.where(in_force[None, :], value, r[:, None])
        missed = violate & ~caught
        counts["caught"] += np.count_nonzero(caught, axis=1)
        counts["missed"] += np.count_nonzero(missed, axis=1)
        counts["settled"] += np.count_nonzero(settled, axis=1)
        counts["answered"] += n_answered
        counts["accused"] += np.count_nonzero(accused, axis=1)
        violated_by |= violate.any(axis=1)
        hit = answered.any(axis=0)                                           # (B, S)
        never_answered &= ~hit.any(axis=0)
        if informative:                                                      # Bayes on what each side sees
            belief += np.where(open_[::-1], np.where(public[::-1], llr_seen, llr_quiet), 0.0).sum(axis=1)
        story += _tell(year, deliberate, agency, violate, caught, settled, accused, retaliating, open_, heard)
        retaliating = np.zeros_like(retaliating)
        for s in range(2):                       # side s's answered breaches meet the other side's rule
            rule, mine = victim_rule[s], answered[s]
            if rule is ResponseRule.SUSPEND_BASKET:                          # the whole group of a hit basket
                live &= (onehot @ (onehot.T @ mine.astype(np.float64))) == 0
            elif rule is ResponseRule.TIT_FOR_TAT:                           # the victim withdraws next year
                retaliating[1 - s] = ((onehot @ (onehot.T @ mine.astype(np.float64))) > 0) & active[1 - s][:, None]
            else:
                in_force &= ~mine.any(axis=0)
        ended = in_force & (rng.random(simulations) < rho)               # rho: a number, or one per history
        revoked |= ended
        in_force &= ~ended
        intact_by_year.append(float(never_answered.mean()))
        caught_by_year.append(float(np.count_nonzero(caught) / simulations))
        missed_by_year.append(float(np.count_nonzero(missed) / simulations))
    yearly = total / years
    trust_after = 1 / (1 + np.exp(-belief))
    return ComplianceResult(
        parties=party_ids,
        mean=tuple(float(x) for x in yearly.mean(axis=1)),
        p5=tuple(float(x) for x in np.percentile(yearly, 5, axis=1)),
        p95=tuple(float(x) for x in np.percentile(yearly, 95, axis=1)),
        detected=tuple(float(x) for x in counts["caught"].mean(axis=1)),
        undetected=tuple(float(x) for x in counts["missed"].mean(axis=1)),
        survival=float(never_answered.mean()),
        years=years,
        simulations=simulations,
        settled=tuple(float(x) for x in counts["settled"].mean(axis=1)),
        intact_by_year=tuple(intact_by_year),
        caught_by_year=tuple(caught_by_year),
        missed_by_year=tuple(missed_by_year),
        story=tuple(story),
        told_status=tuple(status),
        honoured_by_other=tuple(float(x) for x in (~violated_by[::-1]).mean(axis=1)),
        answered=tuple(float(x) for x in counts["answered"].mean(axis=1)),
        accused=tuple(float(x) for x in counts["accused"].mean(axis=1)),
        trust_after=_mean_where(trust_after, strategic[::-1]),
        trust_after_honest=_mean_where(trust_after, ~strategic[::-1]),
        revoked=float(revoked.mean()),
        sem=tuple(float(x) for x in yearly.std(axis=1, ddof=1) / np.sqrt(simulations)),
        happened=() if regimes is None else tuple((plan.ids[i], float(regimes.came[i].mean()))  # type: ignore[union-attr]
                                                  for i in range(len(regimes.came))),
        year_events=() if regimes is None else tuple(e for e in regimes.told() if in_force_told[e[0] - 1]),
        histogram=tuple(tuple(int(c) for c in np.histogram(np.clip(yearly[s], 0.0, 1.0), bins=HISTOGRAM_BINS,
                                                           range=(0.0, 1.0))[0]) for s in range(2)),
    )


def _per_history(x: np.ndarray) -> np.ndarray:
    """A ``(2, B)`` term as ``(2, B, 1)``; a ``(2, B, S)`` term (one per history, rule 11) as it is."""
    return x if x.ndim == 3 else x[:, :, None]


@dataclass(frozen=True, slots=True, eq=False)
class _Now:
    """One year's terms in each history (arrays over histories last)."""

    q: np.ndarray           # (2, B, S)
    freelance: np.ndarray   # (2, B, S)
    policy: np.ndarray      # (2, B, S): what the strategic type breaches under these terms
    rho: np.ndarray         # (S,)
    trust: np.ndarray       # (S,)
    llr_seen: np.ndarray    # (2, B, S): as each side sees the other
    llr_quiet: np.ndarray   # (2, B, S)


class _Regimes:
    """The year events of a simulation (rule 11): which happened in each history (one draw each, made
    after the types), and the terms under each subset of them."""

    def __init__(self, plan: YearPlan, d: DealTerms, rng: np.random.Generator, simulations: int) -> None:
        self.plan = plan
        self.happened = rng.random((len(plan.ids), simulations)) < np.array(plan.chance)[:, None]   # (E, S)
        self.bits = (1 << np.arange(len(plan.ids), dtype=np.int64))[:, None]
        # what is reported and told: an event that changes nothing in a history did not come there (the end of a
        # new administration's review where no new administration came); the terms are the same either way
        self.came = self.happened.copy()
        for i, idle in enumerate(plan.idle):
            if idle:
                self.came[i] &= ~np.isin(self.code(plan.years[i]), list(idle))
        rows = []
        for terms in plan.terms:
            dm = deal_terms(terms, d.digits if d.digits is not None else np.zeros((1, 0), dtype=np.int64))
            policy = breaches(terms, dm)[0]
            q, accident = dm.q[0], dm.accident[0]
            strategic_p = np.where(policy, q, accident)
            rows.append((q, dm.freelance[0], policy, float(dm.revocation[0]), terms.trust,
                         np.log(_safe(accident[::-1]) / _safe(strategic_p[::-1])),
                         np.log(_safe(1 - accident[::-1]) / _safe(1 - strategic_p[::-1]))))
        self.q, self.freelance, self.policy = (np.stack([r[i] for r in rows]) for i in range(3))
        self.rho, self.trust = np.array([r[3] for r in rows]), np.array([r[4] for r in rows])
        self.llr_seen, self.llr_quiet = np.stack([r[5] for r in rows]), np.stack([r[6] for r in rows])
        self.informative = any(bool((r[5] != 0).any() or (r[6] != 0).any()) for r in rows)

    def code(self, year: int) -> np.ndarray:
        """``(S,)``: the subset (bit mask) of events that have happened by compliance year ``year``."""
        due = np.array([y <= year for y in self.plan.years])[:, None]
        return ((self.happened & due) * self.bits).sum(axis=0)

    def at(self, year: int) -> _Now:
        c = self.code(year)

        def gather(x: np.ndarray) -> np.ndarray:
            return np.moveaxis(x[c], 0, -1)
        return _Now(gather(self.q), gather(self.freelance), gather(self.policy), self.rho[c], self.trust[c],
                    gather(self.llr_seen), gather(self.llr_quiet))

    def redrawn(self, year: int) -> np.ndarray:
        """``(S,)``: histories in which a trust-changing event happens at the start of ``year``."""
        due = np.array([y == year and r for y, r in zip(self.plan.years, self.plan.redraw)])[:, None]
        return (self.happened & due).any(axis=0)

    def told(self) -> tuple[tuple[int, str, str], ...]:
        """The events that happened in the told history (the first): (year, event id, text), by year."""
        order = sorted((y, i) for i, y in enumerate(self.plan.years) if self.came[i, 0])
        return tuple((y, self.plan.ids[i], self.plan.texts[i]) for y, i in order)


def _mean_where(x: np.ndarray, mask: np.ndarray) -> tuple[float, ...]:
    """Per side, the mean of ``x`` over the histories where ``mask`` holds (nan when none does)."""
    return tuple(float(x[s][mask[s]].mean()) if mask[s].any() else float("nan") for s in range(len(x)))


def _safe(p: np.ndarray) -> np.ndarray:
    return np.clip(p, 1e-12, 1.0)


def _tell(year: int, deliberate: np.ndarray, agency: np.ndarray, violate: np.ndarray, caught: np.ndarray,
          settled: np.ndarray, accused: np.ndarray, retaliating: np.ndarray,
          open_: np.ndarray, heard: np.ndarray) -> list[tuple[int, int, int, str, str]]:
    """The first history's events of one year (fate ``tolerated``: seen, but answering would cost the
    victim more than tolerating, rule 12)."""
    out = []
    for side, basket in zip(*np.nonzero((violate | accused | (retaliating & open_))[:, :, 0])):
        if retaliating[side, basket, 0] and not violate[side, basket, 0]:
            out.append((year + 1, int(side), int(basket), "retaliation", "response"))
            continue
        cause = ("deliberate" if deliberate[side, basket, 0] else "freelancing" if agency[side, basket, 0]
                 else "accused")
        fate = ("settled" if settled[side, basket, 0] else
                ("answered" if heard[side, basket, 0] else "tolerated") if caught[side, basket, 0]
                or accused[side, basket, 0] else "unseen")
        if cause == "accused" and fate not in ("answered", "tolerated"):
            continue
        out.append((year + 1, int(side), int(basket), cause, fate))
    return out
