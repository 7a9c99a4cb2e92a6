"""Play at any size (issue 17, item 7): above the exact tables the AI bargains over candidates searched
basket by basket on the value on paper and ranked by the full expected value, and the engine values any
other package on demand. The tests lower the threshold for themselves only (``monkeypatch``), so a small
scenario takes the large-space path and the suite stays fast."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TypeAlias

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.analytics.cloud import package_cloud
from game.cli.render import debrief
from game.engine.actions import Action
from game.engine.result import game_result
from game.engine.search import basket_frontier, frontier_2d, with_forms
from game.engine.state import Stage, State
from game.engine.searched import SearchedTable
from game.engine.tables import Tables, build_tables
from game.engine.valuation import value_deal
from game.model import limits
from game.model.scenario import Scenario
from game.model.utility import bargaining_problem
from game.scenario.loader import load_scenario
from game.session.views import expected_nash
from game.strategies.registry import STRATEGIES, make
from game.strategies.runner import play
from tests.conftest import SCENARIOS
from tests.scenario_gen import sized_scenario


@pytest.fixture
def sized(tmp_path: Path) -> Scenario:
    """6 baskets of 4 options, 2 forms (8,192 packages), loaded."""
    path = tmp_path / "sized.yaml"
    path.write_text(sized_scenario(6, 4, seed=3), encoding="utf-8")
    return load_scenario(path)


@pytest.fixture
def searched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every table above 1,000 packages takes the large-space path, in this test only."""
    monkeypatch.setattr(limits, "EXACT_TABLE_OUTCOMES", 1_000)


@pytest.mark.parametrize("persona", sorted(STRATEGIES))
def test_a_scenario_above_the_exact_tables_plays_to_the_end(sized: Scenario, searched: None, persona: str) -> None:
    seen: list[Tables | None] = []
    state = play(sized, 1, {"a": make(persona), "b": make("modeller")},
                 observe=lambda before, action, after: seen.append(before.tables))
    assert state.stage is Stage.OVER
    assert any(t is not None and t.searched for t in seen)
    result = game_result(state)
    if result.agreement is not None:
        exact = value_deal(sized, (sized.party("a"), sized.party("b")), result.agreement)
        by_party = {p.party: p for p in result.principals}
        assert by_party["a"].expected == pytest.approx(exact.value[0], abs=1e-12)
        assert by_party["b"].expected == pytest.approx(exact.value[1], abs=1e-12)
    assert "Distance of your deal to the Pareto frontier" in debrief(state, result, "a") or result.agreement is None
    assert expected_nash(state) is not None


def test_searched_values_are_the_exact_tables_values(sized: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    """Asked about any package, the on-demand valuation gives what the exact tables hold (noise included)."""
    rng = np.random.default_rng(5)
    noise = {"a": tuple(rng.normal(0, 0.1, 24).tolist())}
    exact = build_tables(sized, ("a", "b"), noise)
    monkeypatch.setattr(limits, "EXACT_TABLE_OUTCOMES", 1_000)
    lazy = build_tables(sized, ("a", "b"), noise)
    assert lazy.searched and not exact.searched
    picks = rng.choice(exact.problem.size, 300, replace=False)
    for pid in ("a", "b"):
        e, s = exact.of(pid), lazy.of(pid)
        for name in ("true_u", "perceived", "expected", "in_force", "entry", "paper_seen"):
            np.testing.assert_allclose(getattr(s, name)[picks], getattr(e, name)[picks], atol=1e-9, err_msg=name)
            assert getattr(s, name)[int(picks[0])] == pytest.approx(float(getattr(e, name)[picks[0]]), abs=1e-9)
        assert np.array_equal(s.ok[picks], e.ok[picks])
        # the candidates are ranked by perceived value, best first, and are the searched frontier, not everything
        assert np.all(np.diff(-s.sorted_neg) <= 0) and len(s.order) < exact.problem.size
        np.testing.assert_allclose(-s.sorted_neg, e.perceived[s.order], atol=1e-9)
        assert s.best <= e.best + 1e-12


def test_locks_are_searched_again(sized: Scenario, searched: None) -> None:
    tables = build_tables(sized, ("a", "b"), {})
    locks = (2, -1, -1, 0, -1, -1, 1)
    table = tables.of("a")
    assert isinstance(table, SearchedTable)
    order, _ = table.candidates(locks)
    digits = tables.problem.decode(order)
    assert len(order) and np.all(digits[:, 0] == 2) and np.all(digits[:, 3] == 0) and np.all(digits[:, 6] == 1)


# --------------------------------------------------------------------------- the search against brute force
options = st.integers(min_value=1, max_value=4)

# per basket my values and theirs on paper and the allowed options; the number of forms; slope, weight, bias
AdditiveSpace: TypeAlias = tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray], int,
                                 tuple[float, float, float]]


@st.composite
def additive_spaces(draw: st.DrawFn) -> AdditiveSpace:
    """Per basket, two value columns on a coarse grid (ties are common) and an allowed mask."""
    sizes = draw(st.lists(options, min_size=1, max_size=5))
    grid = st.integers(min_value=0, max_value=6)
    mine = [np.array(draw(st.lists(grid, min_size=k, max_size=k)), dtype=float) / 6 for k in sizes]
    theirs = [np.array(draw(st.lists(grid, min_size=k, max_size=k)), dtype=float) / 6 for k in sizes]
    allowed = [np.array(draw(st.lists(st.booleans(), min_size=k, max_size=k)), dtype=bool) | (np.arange(k) == 0)
               for k in sizes]
    forms = draw(st.integers(min_value=1, max_value=3))
    shape = draw(st.tuples(st.floats(0.1, 3), st.floats(0.0, 3), st.floats(-2, 2)))
    return mine, theirs, allowed, forms, shape


@given(additive_spaces())
@settings(max_examples=150, deadline=None)
def test_the_best_candidate_is_the_best_deal_where_the_additive_part_decides(space: AdditiveSpace) -> None:
    """When the full value rises with both sides' values on paper (form by form: here a logistic chance of entry
    of both values times a value that rises with one's own, as the model's V does), the best candidate is the
    best package of the whole space."""
    mine, theirs, allowed, forms, (slope, weight, bias) = space

    def value(m: np.ndarray, t: np.ndarray, form: np.ndarray) -> np.ndarray:
        entry = 1 / (1 + np.exp(-(slope * (m + t) + bias - 0.3 * form)))
        return entry * (m + weight * t + 0.1 * form) + (1 - entry) * 0.2 * np.minimum(m, t)

    digits = with_forms(basket_frontier(mine, theirs, allowed), list(range(forms)))
    def sums(d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        m = sum(mine[b][d[:, b]] for b in range(len(mine)))
        t = sum(theirs[b][d[:, b]] for b in range(len(mine)))
        return np.asarray(m, dtype=float), np.asarray(t, dtype=float)
    m, t = sums(digits)
    best_candidate = float(np.max(value(m, t, digits[:, -1])))
    every = np.array(list(itertools.product(*[np.flatnonzero(a) for a in allowed], range(forms))), dtype=np.int64)
    m_all, t_all = sums(every)
    assert best_candidate == pytest.approx(float(np.max(value(m_all, t_all, every[:, -1]))), abs=1e-12)
    # and every candidate is on the exact frontier of its form (the search loses no frontier point, adds none)
    front = frontier_2d(np.stack([m_all, t_all], axis=1))
    assert {(round(x, 9), round(y, 9)) for x, y in zip(m, t)} == {
        (round(m_all[i], 9), round(t_all[i], 9)) for i in front}


def test_the_cloud_is_a_sample_of_the_same_packages_without_enumerating() -> None:
    narrow = bargaining_problem(load_scenario(SCENARIOS / "narrow_deal_2020.yaml"))
    full = narrow.utility_matrix()
    sample = np.random.default_rng(0).choice(len(full), 6000, replace=False)
    assert np.array_equal(package_cloud(narrow, 6000), full[sample])      # the chart is as it was


def test_a_12_by_6_space_gets_a_cloud_and_candidates_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(sized_scenario(12, 6), encoding="utf-8")
    scenario = load_scenario(path)
    problem = bargaining_problem(scenario)
    assert problem.size == 6 ** 12 * 2
    assert package_cloud(problem, 500).shape == (500, 2)
    tables = build_tables(scenario, ("a", "b"), {})
    assert tables.searched and 0 < len(tables.of("a").order) < 100_000


@given(st.integers(0, 10_000), st.sampled_from([(3, 3), (4, 3), (5, 2), (2, 5)]))
@settings(max_examples=15, deadline=None)
def test_the_best_candidate_of_a_scenario_is_its_exact_tables_best(seed: int, size: tuple[int, int]) -> None:
    """Generated scenarios have no gains, costs or sensitive veto players, so each side's expected value
    rises with the values on paper form by form: the additive part decides, and the search's best package
    is worth exactly the best of the exact tables."""
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_text(sized_scenario(*size, seed=seed), encoding="utf-8")
        scenario = load_scenario(path)
    exact = build_tables(scenario, ("a", "b"), {})
    original = limits.EXACT_TABLE_OUTCOMES
    limits.EXACT_TABLE_OUTCOMES = 1
    try:
        lazy = build_tables(scenario, ("a", "b"), {})
    finally:
        limits.EXACT_TABLE_OUTCOMES = original
    assert lazy.searched
    for pid in ("a", "b"):
        assert lazy.of(pid).best == pytest.approx(exact.of(pid).best, abs=1e-12)


def test_the_game_window_debrief_draws_a_searched_game(sized: Scenario, searched: None) -> None:
    """The debrief chart of a game played by search: a sampled cloud, the factored frontier, the offer trace."""
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.session.diagnosis import offer_trace
    from game.ui.chart import debrief_figure, offer_trace_figure
    from game.ui.theme import PALETTES
    moments: list[tuple[State, Action, State]] = []
    state = play(sized, 2, {"a": make("modeller"), "b": make("boulware")},
                 observe=lambda before, action, after: moments.append((before, action, after)))
    result = game_result(state)
    figure = debrief_figure(state, result, "a", PALETTES["standard"], (900, 500))
    labels = figure.axes[0].get_legend_handles_labels()[1]
    assert labels[0] == "packages (a random 6,000 of 8,192)" and "Pareto frontier" in labels
    offer_trace_figure(state, offer_trace(moments), "a", PALETTES["standard"], (900, 500))
