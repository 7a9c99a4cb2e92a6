"""The outcome space and the principal-utility formula, including corner cases."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.model.problem import BargainingProblem
from game.model.scenario import Party, frozen_map
from game.model.utility import FORM_ISSUE, bargaining_problem
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS

NARROW = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")


def by_hand(party: Party, outcome: dict[str, str]) -> float:
    """U_p(o) = (1 - omega) * sum_b (w_b / W) v_b(o_b) + omega * m(o_form), written out."""
    total = sum(party.weights.values())
    baskets = sum(party.weights[b] / total * party.values[b][o] for b, o in outcome.items() if b != FORM_ISSUE)
    return (1 - party.form_weight) * baskets + party.form_weight * party.form_values[outcome[FORM_ISSUE]]


def test_matrix_matches_the_formula_for_every_outcome() -> None:
    problem = bargaining_problem(NARROW)
    u = problem.utility_matrix()
    rng = np.random.default_rng(0)
    for index in rng.integers(0, problem.size, size=200):
        outcome = problem.describe(problem.decode(int(index)))
        assert u[index] == pytest.approx([by_hand(p, outcome) for p in NARROW.parties], abs=1e-12)
    assert u.min() >= 0 and u.max() <= 1


def test_decode_and_encode_are_inverse() -> None:
    problem = bargaining_problem(NARROW)
    indices = np.arange(0, problem.size, 97)
    assert np.array_equal(problem.encode(problem.decode(indices)), indices)
    assert problem.decode(0).tolist() == [0] * len(problem.issues)
    assert problem.decode(problem.size - 1).tolist() == [k - 1 for k in problem.shape]


def test_red_lines_of_every_party_mask_outcomes() -> None:
    problem = bargaining_problem(NARROW)
    mask = problem.allowed_mask()
    digits = problem.decode(np.arange(problem.size))
    hl = problem.issues.index("hack_and_leak")
    verify = NARROW.basket("hack_and_leak").option_index("pledge_verify")
    assert not mask[digits[:, hl] == verify].any()        # Moscow's red line
    ch = problem.issues.index("channels")
    assert not mask[digits[:, ch] == NARROW.basket("channels").option_index("pledge_verify")].any()  # Washington's
    # red lines on four baskets (one rung each); critical infrastructure and financing are free; 4 forms
    assert mask.sum() == 4 * 4 * 5 * 4 * 5 * 4 * 4


def test_form_weight_one_means_only_the_form_counts() -> None:
    us = dataclasses.replace(NARROW.party("us"), form_weight=1.0)
    problem = bargaining_problem(NARROW, [us, NARROW.party("ru")])
    u = problem.utility_matrix()[:, 0]
    assert set(np.round(u, 12)) == set(us.form_values.values())


def test_weights_need_not_sum_to_one() -> None:
    us = NARROW.party("us")
    doubled = dataclasses.replace(us, weights=frozen_map({k: 2 * v for k, v in us.weights.items()}))
    a = bargaining_problem(NARROW, [us, NARROW.party("ru")]).utility_matrix()
    b = bargaining_problem(NARROW, [doubled, NARROW.party("ru")]).utility_matrix()
    assert np.allclose(a, b)


def test_table_parties_follow_the_last_phase() -> None:
    trap = load_scenario(SCENARIOS / "track15_trap.yaml")
    assert [p.id for p in trap.table_parties()] == ["us", "ru"]
    assert [p.id for p in trap.table_parties("track15")] == ["us_experts", "ru"]
    with pytest.raises(KeyError):
        trap.table_parties("nope")


def test_problem_rejects_inconsistent_shapes() -> None:
    with pytest.raises(ValueError, match="shape"):
        BargainingProblem(("a", "b"), ("i",), (("x", "y"),), (np.zeros((3, 2)),), (np.ones(2, bool),), np.zeros(2))
    with pytest.raises(ValueError, match="reservation"):
        BargainingProblem(("a", "b"), ("i",), (("x",),), (np.zeros((1, 2)),), (np.ones(1, bool),), np.zeros(3))


def test_huge_space_size_is_exact() -> None:
    n = 20
    problem = BargainingProblem(("a", "b"), tuple(f"i{j}" for j in range(n)), (("x", "y", "z", "v", "w"),) * n,
                                tuple(np.zeros((5, 2)) for _ in range(n)), tuple(np.ones(5, bool) for _ in range(n)),
                                np.zeros(2))
    assert problem.size == 5 ** 20


def test_single_outcome_index_round_trip_matches_numpy() -> None:
    problem = bargaining_problem(NARROW)
    for index in (0, 1, 4, 77, 31_249, problem.size - 1):
        digits = problem.outcome_at(index)
        assert digits == tuple(int(x) for x in problem.decode(index))
        assert problem.index_of(digits) == index
