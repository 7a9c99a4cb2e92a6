"""Benchmark of the full analysis (utility matrix, frontier, Nash, KS, welfare, ZOPA).

Spaces of 15,625 (5^6), 1,000,000 (5^6 x 4^3) and 10,000,000 (10^7) outcomes
are enumerated; 5^20 (about 9.5 * 10^13) outcomes are analysed issue by
issue. With negmas installed (``pip install -e .[bench]``), its
``pareto_frontier`` and ``nash_points`` run on the same 15,625-outcome space
in the same process, and the results are compared exactly.

Usage: ``python benchmarks/bench_analytics.py [--json] [--repeat N]``. The
last line of ``--json`` output is one JSON object of figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.analytics.analysis import analyze
from game.model.problem import BargainingProblem

RESERVATION = 0.3  # above every party's minimum utility, where NegMAS and we agree on the Nash point


def random_problem(shape: tuple[int, ...], seed: int = 7) -> BargainingProblem:
    """Two parties, random weights (summing to 1) and option values in [0, 1]."""
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.ones(len(shape)), size=2).T  # (issues, parties)
    tables = tuple(rng.random((k, 2)) * weights[i] for i, k in enumerate(shape))
    return BargainingProblem(
        party_ids=("a", "b"), issues=tuple(f"i{i}" for i in range(len(shape))),
        values=tuple(tuple(f"v{v}" for v in range(k)) for k in shape), tables=tables,
        allowed=tuple(np.ones(k, dtype=bool) for k in shape), reservation=np.full(2, RESERVATION))


def best_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def negmas_comparison(problem: BargainingProblem, repeat: int) -> dict[str, object]:
    """NegMAS's frontier and Nash points on the same space, timed, and compared exactly."""
    try:
        from negmas import LinearAdditiveUtilityFunction, make_issue
        from negmas.preferences.ops import nash_points, pareto_frontier
    except ImportError:
        return {"negmas_seconds_15k": None, "ratio_vs_negmas": None, "identical": None,
                "negmas": "not installed (pip install -e .[bench])"}
    issues = [make_issue(list(v), name=n) for n, v in zip(problem.issues, problem.values)]
    ufuns = [LinearAdditiveUtilityFunction(
        values=[{v: float(t[j, p]) for j, v in enumerate(vals)} for t, vals in zip(problem.tables, problem.values)],
        weights=[1.0] * len(issues), issues=issues, reserved_value=float(problem.reservation[p]))
        for p in range(problem.n_parties)]
    result: dict[str, Any] = {}

    def run() -> None:  # NegMAS's fastest path: it enumerates the issues itself, in product order
        frontier, indices = pareto_frontier(ufuns, issues=issues)
        result["frontier"], result["indices"] = frontier, indices
        result["nash"] = nash_points(ufuns, frontier, issues=issues)

    seconds = best_time(run, repeat)
    ours = analyze(problem, "enumerate").solutions
    our_indices = set(problem.encode(ours.frontier_digits).tolist())
    their_nash = {int(result["indices"][i]) for _, i in result["nash"]}
    assert ours.nash is not None, "a random problem with a zone of agreement has a Nash point"
    our_nash = int(problem.encode(ours.nash.digits))
    identical = (our_indices == {int(i) for i in result["indices"]}
                 and our_nash in their_nash and len(their_nash) == 1)
    return {"negmas_seconds_15k": seconds, "identical": identical,
            "negmas_frontier_size": len(result["indices"]), "our_frontier_size": len(our_indices)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON object of figures")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timing repetitions, best kept (x5 for the 15,625-outcome space, NegMAS included)")
    args = parser.parse_args()
    spaces = {"15k": (5,) * 6, "1m": (5,) * 6 + (4,) * 3, "10m": (10,) * 7}
    figures: dict[str, Any] = {}
    for name, shape in spaces.items():
        problem = random_problem(shape)
        repeat = {"15k": 5 * args.repeat, "1m": args.repeat, "10m": max(1, args.repeat - 1)}[name]
        figures[f"seconds_{name}"] = best_time(partial(analyze, problem, "enumerate"), repeat)
        figures[f"n_outcomes_{name}"] = problem.size
        print(f"{problem.size:>12,} outcomes enumerated: {figures[f'seconds_{name}']:.3f} s", file=sys.stderr)
    figures["peak_mb_10m"] = peak_mb(lambda: analyze(random_problem(spaces["10m"]), "enumerate"))
    print(f"peak memory at 10m: {figures['peak_mb_10m']:.0f} MB", file=sys.stderr)
    huge = random_problem((5,) * 20)
    figures["seconds_5pow20"] = best_time(lambda: analyze(huge, "factored"), args.repeat)
    figures["n_outcomes_5pow20"] = huge.size
    figures["frontier_size_5pow20"] = len(analyze(huge, "factored").solutions.frontier_digits)
    print(f"{huge.size:,} outcomes issue by issue: {figures['seconds_5pow20']:.3f} s", file=sys.stderr)
    figures.update(negmas_comparison(random_problem(spaces["15k"]), 5 * args.repeat))
    if figures.get("negmas_seconds_15k"):
        figures["ratio_vs_negmas"] = figures["negmas_seconds_15k"] / figures["seconds_15k"]
        print(f"NegMAS on 15,625 outcomes: {figures['negmas_seconds_15k']:.3f} s "
              f"({figures['ratio_vs_negmas']:.0f}x slower), identical results: {figures['identical']}", file=sys.stderr)
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
