"""The seeds' claims, each an experiment with an ablation, and the report that runs them.

A claim names the two conditions a seed contrasts, the rule(s) said to produce the
difference, and a *neutralisation*: a value of that mechanism, different from the control
condition, under which the difference must disappear (an ablation equal to the control
would prove nothing). Its experiment (:mod:`game.research.bargaining_claims`,
:mod:`game.research.compliance_claims`) plays the same seeds under both conditions with one
persona for every delegation; :mod:`game.research.stats` turns the paired numbers into an
effect with a 95% bootstrap interval and the verdicts ``holds`` and
``vanishes_under_ablation``. docs/model.md specifies each claim in a table row.

A claim whose mechanism the model does not have yet carries ``pending``: its report says
``holds: false`` with that reason (never a tuned parameter), until the model produces it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.about import version
from game.research import bargaining_claims as bc
from game.research import compliance_claims as cc
from game.research.experiment import Library, Samples
from game.research.stats import (
    MIN_MEASURED,
    Estimate,
    appears,
    holds_directional,
    holds_null,
    paired_effect,
    vanishes,
)
from game.strategies.registry import DEFAULT, STRATEGIES
from game.strategies.runner import game_seeds

Measure = Callable[[Library, str, Sequence[int], bool], Samples]


@dataclass(frozen=True, slots=True)
class Claim:
    """One seed claim as an experiment (docs/model.md has the table of all of them).

    ``sign`` is the predicted sign of treatment − control (0: the claim predicts no effect,
    and its ablation is a reverse one that must make an effect of sign ``reverse_sign`` appear).
    ``no_deal`` says how a game without a deal counts in the statistic (the "no deal counts as" of
    docs/model.md's table); ``conditions`` (treatment vs control) and ``ablation`` (the neutralisation) say
    what the experiment contrasts, as docs/model.md's table does; the reports print all three beside the claim."""

    id: str
    statement: str
    seeds: tuple[tuple[str, str], ...]
    scenarios: tuple[str, ...]
    unit: str
    sign: int
    margin: float
    measure: Measure | None
    pending: str | None = None
    reverse_sign: int = 0
    no_deal: str = field(default="", kw_only=True)
    conditions: str = field(default="", kw_only=True)      # treatment vs control, in words
    ablation: str = field(default="", kw_only=True)        # the neutralisation under which the effect must vanish


CLAIMS: tuple[Claim, ...] = (
    Claim("a", "Track 1.5 incentives (concession weight, prestige, self-knowledge) lower what the experts' "
               "deal is worth to their own government.",
          (("003", "Terms made in a hypothetical are easier to concede"),
           ("003", "To be seen as master diplomats, the non-governmental delegation needs to get a deal")),
          (bc.TRAP,), "value to Washington's government (0-1)", -1, 0.02, bc.measure_a,
          no_deal="its government's reservation value",
          conditions="experts with their incentives (concession weight 0.4, prestige 0.15, misperception 0.15) vs the same experts with an official's (1, 0, 0)",
          ablation="prestige 0 and misperception 0 with the concession weight kept at 0.4: the walk-away point is the government's again"),
    Claim("b", "The official's reveal cost in non-binding talks (hardball is free) lowers what the experts' "
               "plan is worth to their government.",
          (("003", "playing a maximalist hardball game is free and easy"),
           ("003", "Lavrov has no incentive to moderate any of his country's terms")),
          (bc.TRAP,), "value to Washington's government (0-1)", -1, 0.02, bc.measure_b,
          no_deal="left out: only seeds where both conditions reach a plan count",
          conditions="the minister's reveal cost as in the file (2.33) vs 0",
          ablation='the same talks made binding: the reveal cost stays in the file but is not counted'),
    Claim("c", "A published Track 1.5 plan moves the later official outcome toward it (laundering).",
          (("003", "shifts the perception of the relative value of the concessions"),),
          (bc.TRAP,), "distance to the plan in the governments' values", -1, 0.02, bc.measure_c,
          no_deal="left out: only seeds with a plan and both official deals count",
          conditions="the file's anchoring (0.4) vs none",
          ablation='openings ignore the plan while the anchoring still moves the domestic thresholds'),
    Claim("d", "The best form differs between the 2019 and the 2020 proposals: a politically binding code "
               "of conduct in 2019, an executive agreement in 2020.",
          (("001", "a politically binding code of conduct might be the appropriate format"),
           ("000", "I don't think such a treaty would stand a chance")),
          ("code_of_conduct_2019", "narrow_deal_2020"), "share of games ending in a code of conduct", 1, 0.05,
          bc.measure_d, no_deal="not a code of conduct",
          conditions='code_of_conduct_2019 vs narrow_deal_2020',
          ablation="every form of both files given the executive agreement's credibility and revocation"),
    Claim("e1", "Consultation channels raise the share of pacts that stay intact.",
          (("004", "an agreement between the two countries to prevent incidents in cyberspace"),),
          ("narrow_deal_2020",), "share of histories intact", 1, 0.05, cc.measure_e1,
          no_deal="left out (per agreed deal)",
          conditions="the agreed rungs' consultation channels vs none",
          ablation='no agency freelances and nobody is accused of what it did not do: the channel has nothing to settle'),
    Claim("e2", "Verification adds little where attribution is weak.",
          (("001", "it would likely be impossible to verify such a treaty"),
           ("002", "how do you effectively monitor compliance at all?"),
           ("000", "the general difficulties of attribution")),
          ("ict_guarantees_2020",), "violations per pact-year", 0, 0.05, cc.measure_e2, reverse_sign=-1,
          no_deal="left out (per agreed deal)",
          conditions="weak-attribution baskets (attribution < 0.5) given their verification rung's detection vs the agreed rungs",
          ablation='reverse: attribution 1 on those baskets must make verification cut violations'),
    Claim("e3", "Freelancing agencies and false accusations break pacts that leaders keep.",
          (("001", "We should not assume that all actions taken by the other side are part of a tightly "
                   "coordinated strategy"),),
          ("narrow_deal_2020",), "share of histories intact", -1, 0.05, cc.measure_e3,
          no_deal="left out (per agreed deal)",
          conditions="freelancing, false accusations and misattribution at the file's rates vs none",
          ablation='every caught violation and every accusation settled in the channel'),
    Claim("f", "The 2017 sweeping offer mostly ends without entry into force, while the narrow 2020 deal "
               "(Saradzhyan's proposal, not history) mostly enters into force.",
          (("002", "turned it down"), ("000", "decision to reject Putin's offer both times")),
          ("ryabkov_2017", "narrow_deal_2020"), "chance of entry into force", -1, 0.05, bc.measure_f,
          no_deal="0 (no entry into force)",
          conditions='ryabkov_2017 vs narrow_deal_2020',
          ablation='full trust, every breach seen and attributed, in both files'),
    Claim("g", "Low trust shifts agreed packages toward verifiable rungs.",
          (("001", "they would not trust the other side to comply"),
           ("002", "the Russian record of honoring such pacts is a poor one")),
          ("narrow_deal_2020",), "share of baskets at the verification rung", 1, 0.05, bc.measure_g,
          no_deal="left out (per agreed deal)",
          conditions="trust 0.2 (the file's) vs 0.8",
          ablation='every breach seen and attributed, in both conditions'),
)


def _verdict(claim: Claim, effect: Estimate, ablation: Estimate) -> tuple[bool | None, bool | None]:
    """``holds`` and ``vanishes_under_ablation``; None (no verdict) where the estimate a verdict reads has
    fewer than :data:`MIN_MEASURED` seeds to measure on (none: "not measured"; some: "too few measured
    games"): ``holds`` reads the effect, ``vanishes`` the effect and the ablation."""
    if claim.sign == 0:
        holds, gone = holds_null(effect, claim.margin), appears(ablation, claim.reverse_sign, claim.margin)
    else:
        holds, gone = holds_directional(effect, claim.sign, claim.margin), vanishes(effect, ablation)
    enough = effect.n >= MIN_MEASURED
    return (holds if enough else None), (gone if enough and ablation.n >= MIN_MEASURED else None)


def too_few(n: int, where: str = "") -> str:
    """The reason of a verdict withheld because its estimate has 1 to :data:`MIN_MEASURED` − 1 seeds."""
    return (f"too few measured games (n={n}){' ' + where if where else ''}: a verdict needs at least "
            f"{MIN_MEASURED} seeds where both conditions give the statistic")


def earned(holds: object, gone: object) -> bool | None:
    """Whether a claim is earned for a persona (it holds *and* vanishes under its ablation): False as soon
    as either verdict is false, None (not measured) when neither is false but one is not measured."""
    if holds is False or gone is False:
        return False
    if holds is None or gone is None:
        return None
    return bool(holds and gone)


def run_claim(claim: Claim, library: Library, persona: str, seeds: Sequence[int]) -> dict[str, object]:
    """One claim for one persona, one game per seed of ``seeds`` in each condition: effect, ablation
    effect, verdicts, deal rates."""
    missing = [s for s in claim.scenarios if library.get(s) is None]
    if missing:
        return {"persona": persona, "effect": None, "ablation_effect": None, "holds": None,
                "vanishes_under_ablation": None, "no_deal_in_a_condition": None, "per_seed": None,
                "reason": "the folder has no valid scenario " + "; ".join(f"{m!r} ({library.problem(m)})"
                                                                         for m in missing)}
    if claim.measure is None:
        return {"persona": persona, "effect": None, "ablation_effect": None, "holds": False,
                "vanishes_under_ablation": False, "no_deal_in_a_condition": None, "per_seed": None,
                "reason": claim.pending}
    measured = claim.measure(library, persona, seeds, False)
    ablated = claim.measure(library, persona, seeds, True)
    effect = paired_effect(measured.treatment, measured.control, claim.unit)
    ablation = paired_effect(ablated.treatment, ablated.control, claim.unit)
    holds, gone = _verdict(claim, effect, ablation)
    out: dict[str, object] = {
        "persona": persona, "effect": effect.as_json(), "ablation_effect": ablation.as_json(),
        "holds": holds if claim.pending is None or holds is None else False, "vanishes_under_ablation": gone,
        "deal_rates": {k: round(v, 4) for k, v in measured.deal_rates.items()},
        "ablation_deal_rates": {k: round(v, 4) for k, v in ablated.deal_rates.items()},
        "no_deal_in_a_condition": min(measured.deal_rates.values(), default=1.0) == 0.0,
        "per_seed": per_seed(seeds, measured, ablated), "reason": None,
    }
    if claim.pending is not None:
        out["reason"] = claim.pending
        out["effect_beyond_margin"] = holds
    elif not holds:
        out["reason"] = _why_not(claim, effect, measured.deal_rates)
    elif gone is None:
        out["reason"] = (_not_measured(ablated.deal_rates, "under its ablation") if ablation.n == 0
                         else too_few(ablation.n, "under its ablation"))
    elif not gone and claim.sign == 0:
        out["reason"] = ("its reverse ablation does not make the effect appear: the effect is small for another "
                         "reason than the one the claim names")
    elif not gone:
        out["reason"] = "the effect survives the ablation: something other than the named mechanism produces it"
    return out


def per_seed(seeds: Sequence[int], measured: Samples, ablated: Samples) -> dict[str, list[object]]:
    """The paired values the estimates are computed from, one per seed of ``seeds`` (in order): ``treatment``
    and ``control`` as measured, ``ablation_treatment`` and ``ablation_control`` under the ablation, each null
    where the statistic is undefined for that seed (a NaN). ``effect`` is the mean of ``treatment − control``
    over the seeds where both are numbers, and its interval the bootstrap of :func:`paired_effect` (fixed
    generator), so both can be recomputed from these lists; likewise ``ablation_effect``."""
    def numbers(values: Iterable[float]) -> list[object]:
        return [None if v != v else float(v) for v in values]
    return {"seeds": [int(s) for s in seeds], "treatment": numbers(measured.treatment),
            "control": numbers(measured.control), "ablation_treatment": numbers(ablated.treatment),
            "ablation_control": numbers(ablated.control)}


def _not_measured(deal_rates: dict[str, float], where: str = "") -> str:
    """The reason of an estimate with no seed to measure on, in the one wording every unmeasured case uses."""
    empty = [name for name, rate in deal_rates.items() if rate == 0.0]
    why = f"no deal in the {' or the '.join(empty)} condition" if empty else "no seed where both conditions give it"
    return f"not measured{' ' + where if where else ''}: {why}, so there is nothing to compare"


def _why_not(claim: Claim, effect: Estimate, deal_rates: dict[str, float]) -> str:
    """Why a claim does not hold for one persona, in words: no seed to measure on, an effect of the other
    sign, one within the margin, or one whose interval includes 0."""
    if effect.n == 0:
        return _not_measured(deal_rates)
    if effect.n < MIN_MEASURED:
        return too_few(effect.n)
    if claim.sign == 0:
        return f"the effect is beyond the margin of {claim.margin} where the claim predicts none"
    predicted = "a decrease" if claim.sign < 0 else "an increase"
    if claim.sign * effect.value < 0:
        return f"the effect has the other sign: the claim predicts {predicted}"
    if claim.sign * effect.value <= claim.margin:
        return f"the effect is within the margin of {claim.margin}"
    return "the effect's 95% interval includes 0"


def claim_seeds(games: int, master: int | None = None) -> list[int]:
    """The seeds a report plays, one game per seed in each condition: ``0`` to ``games - 1`` without a
    master seed (the figures of docs/model.md), else the ``games`` seeds ``simulate --seed master
    --games games`` gives its games (:func:`game.strategies.runner.game_seeds`)."""
    return list(range(games)) if master is None else game_seeds(master, games)


def describe_seeds(games: int, master: int | None) -> str:
    """The report's ``seeds`` field: which seeds were played, in words."""
    if master is None:
        return f"0-{games - 1}"
    return f"the {games} seeds drawn from master seed {master} (as simulate --seed {master} --games {games})"


def report(folder: Path, games: int, personas: Sequence[str] | None = None,
           responses: str | None = None, only: Sequence[str] | None = None,
           master_seed: int | None = None, progress: Callable[[str], None] | None = None) -> dict[str, object]:
    """Every claim (or those whose ids are in ``only``), with the default persona's result at the top
    level and every persona's under ``personas``. ``holds_for`` lists the personas for which the claim
    holds *and* vanishes under its ablation: those for which the model earns it. ``responses`` sets
    rule 12 of After signing in every file ("credible" or "automatic"; None: as each file says).
    ``games`` seeds per condition, chosen by :func:`claim_seeds` from ``master_seed``. ``progress`` is told
    each claim and persona before it is measured. Ctrl-C stops the run and returns what was measured
    (``interrupted`` true): the whole claims, and the claim it stopped with the personas finished (none if
    the main persona was not)."""
    library = Library(folder, responses)
    seeds = claim_seeds(games, master_seed)
    names = list(personas) if personas is not None else [DEFAULT, *sorted(n for n in STRATEGIES if n != DEFAULT)]
    chosen = [c for c in CLAIMS if only is None or c.id in only]
    claims: list[dict[str, object]] = []
    interrupted = False
    for number, claim in enumerate(chosen, 1):
        runs: dict[str, dict[str, object]] = {}
        try:
            for index, name in enumerate(names, 1):
                if progress is not None:
                    progress(f"claim ({claim.id}) {number}/{len(chosen)}, persona {name} {index}/{len(names)}")
                runs[name] = run_claim(claim, library, name, seeds)
        except KeyboardInterrupt:
            interrupted = True
        if runs:
            claims.append(_claim_entry(claim, runs, names[0]))
        if interrupted:
            break
    used = sorted({sid for c in chosen for sid in c.scenarios})
    hashes = {sid: hashlib.sha256((folder / f"{sid}.yaml").read_bytes()).hexdigest()
              for sid in used if library.get(sid) is not None}
    return {"version": version(), "scenarios": str(folder), "scenario_sha256": hashes, "games": games,
            "master_seed": master_seed, "seeds": describe_seeds(games, master_seed),
            "responses": responses or "as each file says", "interrupted": interrupted,
            "scenario_problems": {sid: problem for sid in used if (problem := library.problem(sid)) is not None},
            "claims": claims}


def _claim_entry(claim: Claim, runs: dict[str, dict[str, object]], main: str) -> dict[str, object]:
    """One claim of the report: its definition, the main persona's result, and every other persona's."""
    return {
        "id": claim.id, "statement": claim.statement,
        "seeds": [{"id": seed, "quote": quote} for seed, quote in claim.seeds],
        "scenarios": list(claim.scenarios), "conditions": claim.conditions, "ablation": claim.ablation,
        "margin": claim.margin, "predicts": {1: "increase", -1: "decrease", 0: "no effect"}[claim.sign],
        "no_deal_counts_as": claim.no_deal,
        **runs[main],
        "holds_for": [name for name, run in runs.items() if earned(run["holds"], run["vanishes_under_ablation"])],
        "personas": {name: run for name, run in runs.items() if name != main},
    }
