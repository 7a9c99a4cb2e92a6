"""Benchmark of the negotiation engine, the AI and the compliance Monte Carlo.

* ``negotiations_per_s``: AI-vs-AI negotiations to agreement or deadline
  (Boulware vs conceder, a deadline of 100 rounds, chance moves included;
  entry into force and compliance are measured separately below) on a
  15,625-outcome domain (6 issues x 5 values), run as ``simulate`` runs them:
  the sorted tables are memoised by their content, and this domain has no
  perception noise, so its games share them, as NegMAS's games share the
  utility functions built before its timing starts.
  ``negotiations_per_s_cold`` clears the memo before every game, so each
  builds its own tables (what every game costs when delegations misperceive
  their values, which gives each game different tables). The expected values
  of the outcomes depend on the scenario alone, not on perception, so games
  share them; ``valuation_ms`` is what building them once costs.
* with negmas installed: ``BoulwareTBNegotiator`` vs ``ConcederTBNegotiator``
  on the same utilities with ``n_steps=100``, in the same run, in interleaved
  slices, and both ratios (``ratio_vs_negmas``, ``ratio_vs_negmas_cold``).
* ``pact_years_per_s``: simulated pact-years (histories x years) per second
  of the compliance Monte Carlo on that domain's compromise deal, with every
  rule after signing switched on (see :func:`synthetic`).
* ``move_ms_median``: median time of one AI move (Boulware and the
  opponent-modelling AI) on a 1,000,000-outcome scenario.
* ``size12x6_outcomes``, ``size12x6_move_ms_median``, ``size12x6_peak_rss_mb``: a scenario of
  12 baskets of 6 options and 2 forms (4,353,564,672 packages, far beyond the exact tables of
  :mod:`game.model.limits`), written to a temporary file by ``tests/scenario_gen.py``: the median
  AI move as above (its tables searched, not enumerated), and the peak resident memory of a fresh
  interpreter running ``simulate FILE --games 1`` (its ``VmHWM``: a child's ``ru_maxrss`` would count
  the benchmark's own pages, copied at the fork).
* ``ryabkov_peak_rss_mb``: the peak resident memory, measured the same way, of ``simulate
  scenarios/ryabkov_2017.yaml --games 20`` (786,432 outcomes; its talk events give games new
  tables): the memos bound what games share, so this must not grow with the number of games (it
  was 2.9 GB at 20 games and 3.1 GB at 40 while a reference cycle kept each valuation's grid sums
  alive until the cyclic collector ran; 1.5 GB at both once it was broken; 0.8 GB since the grid is valued
  one option of the first basket at a time above 262,144 outcomes, not 2,097,152).

Usage: ``python benchmarks/bench_negotiation.py [--json] [--seconds S]``; the
last line of ``--json`` output is one JSON object of figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.engine import tables as tables_module
from game.engine.chance import sample
from game.engine.compliance import simulate_compliance
from game.engine.rules import apply, new_game
from game.engine.state import Stage
from game.engine.valuation import value_all
from game.model import scenario as m
from game.model.utility import bargaining_problem
from game.strategies.registry import make
from game.scenario.loader import load_scenario
from game.strategies.runner import play
from tests.scenario_gen import sized_scenario

ROOT = Path(__file__).resolve().parents[1]


def synthetic(shape: tuple[int, ...], seed: int = 3, rounds: int = 100) -> m.Scenario:
    """Two official delegations with random weights and values; the last issue is the (single) form axis.

    Every rule after signing is switched on: each rung's rise over the first is a gain and its fall a
    cost (so both sides have commitments worth breaching), detection 0.6, false accusations 0.02 and
    misattribution 0.01 per basket, revocation 0.1 and credibility 0.5, audience cost 0.05,
    freelancing 0.1, trust 0.5, the whole package linked, suspend_basket, 10 years."""
    rng = np.random.default_rng(seed)
    baskets = tuple(m.Basket(f"b{i}", f"Basket {i}", "", tuple(m.Option(f"o{j}", f"Option {j}", "", 0.6)
                                                                for j in range(k)), 1.0,
                             false_accusation=0.02, misattribution=0.01) for i, k in enumerate(shape))
    forms = (m.AgreementForm("letters", "Letters", "", 0.5,
                             m.frozen_map({"a": m.EntryRule(0.8, 2.0), "b": m.EntryRule(0.8, 2.0)}), 0.1),)
    parties = []
    for pid in ("a", "b"):
        weights = rng.dirichlet(np.ones(len(shape)))
        values = {b.id: {o.id: float(v) for o, v in zip(b.options, rng.random(len(b.options)))} for b in baskets}
        gains = {b: {o: max(0.0, v - row[next(iter(row))]) for o, v in row.items()} for b, row in values.items()}
        costs = {b: {o: max(0.0, row[next(iter(row))] - v) for o, v in row.items()} for b, row in values.items()}
        frozen = {name: m.frozen_map({b: m.frozen_map(row) for b, row in table.items()})
                  for name, table in (("values", values), ("gains", gains), ("costs", costs))}
        parties.append(m.Party(pid, pid.upper(), pid, m.Delegation.OFFICIAL,
                               m.frozen_map({b.id: float(w) for b, w in zip(baskets, weights)}), frozen["values"],
                               0.0, m.frozen_map({"letters": 1.0}), 0.2, m.frozen_map({}), m.Incentives(), 0.5,
                               m.ComplianceParams(0.1, 0.05), gains=frozen["gains"], costs=frozen["costs"]))
    return m.Scenario(2, "bench", "Benchmark", 2026, "", "introductory", (), baskets, forms, tuple(parties),
                      m.Protocol(rounds, 1.0, "a", True, False), (), (),
                      m.CompliancePlan(10, m.ResponseRule.SUSPEND_BASKET, trust=0.5))


def our_games(scenario: m.Scenario, seconds: float, cold: bool, first_seed: int = 0) -> tuple[int, float]:
    """(games, elapsed seconds) of Boulware vs conceder for at least ``seconds``; with ``cold``
    every game builds its own tables (the memo is cleared before each)."""
    games, start, seed = 0, time.perf_counter(), first_seed
    while time.perf_counter() - start < seconds:
        if cold:
            tables_module._CACHE.clear()
        play(scenario, seed, {"a": make("boulware"), "b": make("conceder")}, bargaining_only=True)
        games, seed = games + 1, seed + 1
    return games, time.perf_counter() - start


def negmas_runner(scenario: m.Scenario) -> Callable[[float], tuple[int, float]] | None:
    """A function running NegMAS's BoulwareTB vs ConcederTB for at least ``seconds`` (None without negmas).

    The utility functions are built once, outside the timing, as a NegMAS user would."""
    try:
        from negmas import LinearAdditiveUtilityFunction, SAOMechanism, make_issue
        from negmas.sao import BoulwareTBNegotiator, ConcederTBNegotiator
    except ImportError:
        return None
    warnings.filterwarnings("ignore")
    problem = bargaining_problem(scenario)
    issues = [make_issue(list(v), name=n) for n, v in zip(problem.issues, problem.values)]
    ufuns = [LinearAdditiveUtilityFunction(
        values=[{v: float(t[j, p]) for j, v in enumerate(vals)} for t, vals in zip(problem.tables, problem.values)],
        weights=[1.0] * len(issues), issues=issues, reserved_value=0.2) for p in range(2)]

    def run(seconds: float) -> tuple[int, float]:
        games, start = 0, time.perf_counter()
        while games == 0 or time.perf_counter() - start < seconds:
            mechanism = SAOMechanism(issues=issues, n_steps=100)
            mechanism.add(BoulwareTBNegotiator(), ufun=ufuns[0])
            mechanism.add(ConcederTBNegotiator(), ufun=ufuns[1])
            mechanism.run()
            games += 1
        return games, time.perf_counter() - start
    return run


def throughput(scenario: m.Scenario, seconds: float) -> dict[str, float | None]:
    """Negotiations per second, ours (cold and warm) and NegMAS's, measured in interleaved
    slices so that both see the same machine: this shared machine's speed drifts by a third
    within a minute, which would otherwise decide the ratio."""
    theirs = negmas_runner(scenario)
    slices = 6
    totals = {"cold": [0, 0.0], "warm": [0, 0.0], "negmas": [0, 0.0]}
    seed = 0
    for _ in range(slices):
        for kind in ("cold", "warm"):
            games, elapsed = our_games(scenario, seconds / slices, cold=kind == "cold", first_seed=seed)
            seed += games
            totals[kind][0] += games
            totals[kind][1] += elapsed
        if theirs is not None:
            games, elapsed = theirs(seconds / slices)
            totals["negmas"][0] += games
            totals["negmas"][1] += elapsed
    rate = {kind: (g / t if t else None) for kind, (g, t) in totals.items()}
    negmas = rate["negmas"]
    return {"negotiations_per_s": rate["warm"], "negotiations_per_s_cold": rate["cold"],
            "negmas_negotiations_per_s": negmas,
            "ratio_vs_negmas": rate["warm"] / negmas if negmas else None,  # type: ignore[operator]
            "ratio_vs_negmas_cold": rate["cold"] / negmas if negmas else None}  # type: ignore[operator]


def pact_years_per_s(scenario: m.Scenario) -> float:
    outcome = (2,) * len(scenario.baskets) + (0,)
    simulations = 20_000
    start = time.perf_counter()
    result = simulate_compliance(scenario, ("a", "b"), outcome, np.random.default_rng(0), simulations=simulations)
    return simulations * result.years / (time.perf_counter() - start)


def valuation_ms(scenario: m.Scenario) -> float:
    """Median of 5 builds of the expected values of every outcome (shared by every game of the scenario)."""
    problem = bargaining_problem(scenario)
    parties = (scenario.parties[0], scenario.parties[1])
    times = []
    for _ in range(5):
        start = time.perf_counter()
        value_all(scenario, parties, problem.shape, problem.allowed_mask())
        times.append(time.perf_counter() - start)
    return float(np.median(times) * 1000)


def move_ms_median(scenario: m.Scenario) -> float:
    times = []
    for name in ("boulware", "modeller"):
        rng = np.random.default_rng(1)
        ais = {"a": make(name), "b": make(name)}
        state = new_game(scenario)
        while state.stage is not Stage.OVER:
            if state.is_chance:
                state = apply(state, sample(state, rng))
                continue
            party = state.to_move
            assert party is not None                   # not a chance node, not over: a delegation moves
            start = time.perf_counter()
            action = ais[party].act(state, party, rng)
            times.append(time.perf_counter() - start)
            state = apply(state, action)
    return float(np.median(times) * 1000)


def size12x6() -> dict[str, float]:
    """The 12 x 6 figures (see the module docstring)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "size12x6.yaml"
        path.write_text(sized_scenario(12, 6, rounds=20), encoding="utf-8")
        scenario = load_scenario(path)
        figures: dict[str, float] = {"size12x6_outcomes": bargaining_problem(scenario).size,
                                     "size12x6_move_ms_median": move_ms_median(scenario)}
        figures["size12x6_peak_rss_mb"] = simulate_peak_rss_mb(path, 1)
    return figures


def simulate_peak_rss_mb(path: Path, games: int) -> float:
    """Peak resident memory (MB) of a fresh interpreter running ``simulate PATH --games GAMES``: its
    ``VmHWM`` where /proc has it, else the children's ``ru_maxrss`` (which counts pages copied at the fork)."""
    done = subprocess.run([sys.executable, "-c", PEAK, str(path), str(games)], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"simulate of {path.name} failed: {done.stderr}")
    peak = done.stderr.split("VmHWM")[-1].split()
    return (int(peak[0]) / 1024 if peak and peak[0].isdigit()
            else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


PEAK = """
import os, sys
from game.cli.app import main
code = main(["simulate", sys.argv[1], "--games", sys.argv[2]])
if os.path.exists("/proc/self/status"):   # VmHWM starts afresh at exec; a child's ru_maxrss counts its parent's pages
    print("VmHWM", open("/proc/self/status").read().split("VmHWM:")[1].split()[0], file=sys.stderr)
sys.exit(code)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON object of figures")
    parser.add_argument("--seconds", type=float, default=5.0,
                        help="time spent on each of the three throughput figures (in six interleaved slices)")
    args = parser.parse_args()
    domain = synthetic((5,) * 6)
    figures: dict[str, object] = {"n_outcomes": bargaining_problem(domain).size}
    figures.update(throughput(domain, args.seconds))
    print(f"{figures['negotiations_per_s']:.0f} negotiations/s sharing tables as simulate does, "
          f"{figures['negotiations_per_s_cold']:.0f}/s building them per game", file=sys.stderr)
    if figures["negmas_negotiations_per_s"]:
        print(f"NegMAS: {figures['negmas_negotiations_per_s']:.1f} negotiations/s; ratio "
              f"{figures['ratio_vs_negmas']:.0f}x ({figures['ratio_vs_negmas_cold']:.0f}x building tables per game)",
              file=sys.stderr)
    figures["valuation_ms"] = valuation_ms(domain)
    print(f"expected values of all {figures['n_outcomes']:,} outcomes (once per scenario content): "
          f"{figures['valuation_ms']:.1f} ms", file=sys.stderr)
    figures["pact_years_per_s"] = pact_years_per_s(domain)
    print(f"{figures['pact_years_per_s']:,.0f} simulated pact-years/s", file=sys.stderr)
    big = synthetic((5,) * 6 + (4, 4, 4), rounds=20)
    figures["move_outcomes"] = bargaining_problem(big).size
    figures["move_ms_median"] = move_ms_median(big)
    print(f"median AI move on {figures['move_outcomes']:,} outcomes: {figures['move_ms_median']:.2f} ms", file=sys.stderr)
    figures.update(size12x6())
    print(f"12 x 6 ({figures['size12x6_outcomes']:,} outcomes): median AI move "
          f"{figures['size12x6_move_ms_median']:.2f} ms, peak memory of simulate --games 1 "
          f"{figures['size12x6_peak_rss_mb']:.0f} MB", file=sys.stderr)
    figures["ryabkov_peak_rss_mb"] = simulate_peak_rss_mb(ROOT / "scenarios" / "ryabkov_2017.yaml", 20)
    print(f"peak memory of simulate ryabkov_2017 --games 20: {figures['ryabkov_peak_rss_mb']:.0f} MB", file=sys.stderr)
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
