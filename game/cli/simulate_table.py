"""simulate's text summary: one row of means per pairing of AIs, with a row of standard deviations and one
of 95% intervals under it, and a legend saying what each column is (docs/playing.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.model.scenario import Scenario

RATE = len("100-100%") + 1
"""The width of a share-of-games column (deals, force): its widest text, an interval ``100-100%``, and a
space before it, so that two intervals side by side never run together."""


def table(summary: list[dict[str, Any]], scenario: Scenario) -> str:
    """The summary as a table, with a legend: which delegations each AI column plays, and what each figure is.
    Under each pairing's row of means, a row of their standard deviations (``sd``) and one of their 95%
    intervals (``95%``: a mean's as ± its half-width, a rate's, which is not symmetric, as ``lo-hi``), in the
    same columns; ``-`` where undefined (fewer than 2 games, or deals measured)."""
    from game.cli.simulate_cmd import sides
    from game.session.names import principal_name
    principals = sorted({p.principal for p in scenario.parties})
    side_a, side_b = sides(scenario)
    seats = [", ".join(scenario.party(pid).name for pid in side) for side in (side_a, side_b)]
    head = f"{'A':<16}{'B':<16}{'deals':>{RATE}}{'force':>{RATE}}" + "".join(f"{p[:14] + ' p/e/k':>24}" for p in principals) + f"{'dist':>7}{'distV':>7}{'intact':>7}"
    lines = [f"{scenario.title}: payoff on paper / expected before the votes / yearly value as kept",
             f"A: the AI of {seats[0]}; B: the AI of {seats[1]}",
             "deals: share of games ending in a deal; force: share of games whose deal entered into force (no deal "
             "counts 0)",
             f"p/e/k per government ({', '.join(f'{p} = {principal_name(p, article=True)}' for p in principals)}): "
             "on paper / expected before the votes / yearly value as kept; dist: mean distance of the deals to the "
             "Pareto frontier on paper (the governments' additive values, at the last table as each game left it: agreed "
             "scope and events of the talks counted, as the debrief); distV: the same at expected value, the "
             "values the AIs bargain on (analyze --expected; - where the table has none); intact: mean share of compliance histories in which the pact was never answered "
             "(a game without a deal, or whose deal never entered into force, counts 0)",
             "sd: the standard deviation over the pairing's games; 95%: the 95% interval of each mean, the mean ± "
             "this (Student's t, t × sd/√n), of the two rates lo-hi (Wilson's score "
             "interval); -: fewer than 2 games (for dist, deals) to measure",
             head]
    keys = [f"{p}_{k}" for p in principals for k in ("paper", "expected", "yearly_value")]
    shown = ["agreement_rate", "in_force_rate", *keys, "mean_distance_to_frontier", "mean_distance_to_expected_frontier",
             "intact"]
    for e in summary:
        rows = {"": {k: e[k] for k in shown}, "  sd": {k: e[f"{k}_sd"] for k in shown},
                "  95%": {k: _half(e[f"{k}_ci95"]) for k in shown}}
        for label, v in rows.items():
            sign = "±" if label == "  95%" else ""
            first = f"{e['a']:<16}{e['b']:<16}" if not label else f"{label:<32}"
            rate = "".join(_rate(e, v, key, sign) for key in ("agreement_rate", "in_force_rate"))
            cells = "".join("-".rjust(8) if v[k] is None else f"{sign}{v[k]:.3f}".rjust(8) for k in keys)
            dist = "".join("-".rjust(7) if v[k] is None else f"{sign}{v[k]:.3f}".rjust(7)
                           for k in ("mean_distance_to_frontier", "mean_distance_to_expected_frontier"))
            intact = "-" if v["intact"] is None else f"{sign}{v['intact']:.2f}"
            lines.append(f"{first}{rate}{cells}{dist}{intact:>7}")
    return "\n".join(lines)


def _rate(e: dict[str, Any], v: dict[str, Any], key: str, sign: str) -> str:
    """A share of games' cell, :data:`RATE` wide: the mean, its sd, or its interval ``lo-hi`` (a rate's is not
    symmetric)."""
    if v[key] is None:
        return "-".rjust(RATE)
    if sign:
        lo, hi = e[f"{key}_ci95"]
        return f"{lo:.0%}-{hi:.0%}".replace("%-", "-").rjust(RATE)
    return f"{v[key]:.0%}".rjust(RATE)


def _half(interval: list[float | None]) -> float | None:
    """The half-width of a 95% interval ``[lo, hi]`` (None where it is undefined)."""
    lo, hi = interval
    return None if lo is None or hi is None else (hi - lo) / 2
