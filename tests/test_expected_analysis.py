"""analyze --expected: the frontier, the deals and the zone of the values the game bargains on (rule 7),
checked against the row-by-row valuation (researcher trial: the docs quoted counts at expected value that
no command produced)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.analytics.pareto import pareto_mask
from game.cli.app import main
from game.engine.expected_analysis import analyze_expected
from game.engine.valuation import value_deals
from game.model.utility import bargaining_problem
from game.scenario.loader import load_scenario
from tests.conftest import SCENARIOS


def test_the_expected_analysis_is_the_row_by_row_valuations() -> None:
    s = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    parties = (s.party("us"), s.party("ru"))
    result = analyze_expected(s, parties)
    problem = bargaining_problem(s, parties)
    digits = problem.decode(np.arange(problem.size))
    allowed = problem.allowed_mask()
    rows = value_deals(s, parties, digits, allowed)                      # brute force, row by row
    v = rows.value
    ok = np.flatnonzero(allowed)
    assert result.zone == int(((v[ok] > problem.reservation).all(axis=1)).sum())
    inside = ok[(v[ok] > problem.reservation).all(axis=1)]
    assert result.best_entry == pytest.approx(rows.entry[ok].max(), abs=1e-12)
    assert result.best_entry_in_zone == pytest.approx(rows.entry[inside].max(), abs=1e-12)
    sol = result.analysis.solutions
    assert sol.nash is not None
    gains = np.where((v[ok] > problem.reservation).all(axis=1), np.prod(v[ok] - problem.reservation, axis=1), -1)
    assert np.isclose(np.prod(np.asarray(sol.nash.utilities) - problem.reservation), gains.max())
    front = ok[pareto_mask(v[ok])]
    assert len(sol.frontier_digits) <= len(front)
    paper = problem.utility_matrix()
    assert not np.allclose(v[ok], paper[ok])                            # it is not the analysis on paper


def test_analyze_expected_prints_and_refuses_what_it_cannot(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "narrow_deal_2020", "--expected", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["values"] == "expected" and data["zone_packages"] > 0 and data["method"] == "expected"
    assert 0 < data["max_entry"]["zone"] <= data["max_entry"]["any"] <= 1
    assert main(["analyze", "narrow_deal_2020", "--expected"]) == 0
    out = capsys.readouterr().out
    assert "Packages that beat no deal for both at expected value" in out
    assert f"Highest chance of entry into force (both capitals' votes): {data['max_entry']['any']:.3f}" in out
    assert main(["analyze", "--genius", str(SCENARIOS / "x.xml"), "a.xml", "b.xml", "--expected"]) == 1
    assert "a GENIUS domain has no entry into force" in capsys.readouterr().err


KS_2020 = ("hack_and_leak=pledge_consult,election_infrastructure=pledge_consult,critical_infrastructure=pledge_verify,"
           "state_media=pledge_consult,political_financing=pledge_consult,channels=pledge_consult,form=joint_statement")


def test_a_deal_is_judged_at_expected_value_against_the_expected_frontier(capsys: pytest.CaptureFixture[str]) -> None:
    """Research-user trial: ``--expected --deal`` printed the deal's paper values (us 0.910, ru 0.813) and
    measured them against the expected-value frontier (distance 0.605) of the expected-value KS deal
    itself; and ``--json --expected --deal`` had no ``deal`` key. The deal is valued as the frontier is."""
    assert main(["analyze", "narrow_deal_2020", "--expected", "--json", "--deal", KS_2020]) == 0
    data = json.loads(capsys.readouterr().out)
    deal, ks = data["deal"], data["kalai_smorodinsky"]
    assert deal["outcome"] == ks["outcome"]                             # the trial's deal is the KS deal at V
    assert deal["utilities"] == ks["utilities"] and deal["distance_to_frontier"] == 0.0
    worth = ", ".join(f"{pid} {u:.3f}" for pid, u in zip(data["parties"], ks["utilities"]))
    assert main(["analyze", "narrow_deal_2020", "--expected", "--deal", KS_2020]) == 0
    out = capsys.readouterr().out
    assert f"Your deal ({worth}, at expected value):" in out and "Distance to the Pareto frontier: 0.000" in out
    assert main(["analyze", "narrow_deal_2020", "--deal", KS_2020]) == 0   # without --expected: on paper
    assert "Your deal (us 0.910, ru 0.813, on paper):" in capsys.readouterr().out


def test_expected_is_refused_at_a_non_binding_table(capsys: pytest.CaptureFixture[str]) -> None:
    """Research-user trial: ``--phase track15 --expected`` valued the non-binding Track 1.5 table at expected
    value, against rule 14 (a non-binding table is valued on paper). It is refused with the reason, and the
    analysis on paper of that table says its values are the ones it bargains on."""
    assert main(["analyze", "track15_trap", "--phase", "track15", "--expected"]) == 1
    err = capsys.readouterr().err
    assert "phase 'track15' is non-binding" in err and "rule 14" in err and "leave out --expected" in err
    assert main(["analyze", "track15_trap", "--phase", "track15"]) == 0
    assert "the values this non-binding table bargains on" in capsys.readouterr().out
    assert main(["analyze", "track15_trap", "--expected", "--json"]) == 0     # the binding table: as before
    assert json.loads(capsys.readouterr().out)["values"] == "expected"
    assert main(["analyze", "track15_trap"]) == 0
    assert "the game and 'simulate' value deals at what they are expected" in capsys.readouterr().out


def test_with_every_package_across_a_red_line_no_chance_of_entry_is_given() -> None:
    """Researcher trial: a file whose red lines rule out every option of a basket gave max_entry 0.0 'of any
    package crossing no red line', though there is none: it is None (JSON null), as the zone's is."""
    import dataclasses
    s = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    basket = s.baskets[0]
    ru = s.party("ru")
    blocked = dataclasses.replace(ru, red_lines={**ru.red_lines, basket.id: tuple(o.id for o in basket.options)})
    s = dataclasses.replace(s, parties=tuple(blocked if p.id == "ru" else p for p in s.parties))
    result = analyze_expected(s, (s.party("us"), s.party("ru")))
    assert result.zone == 0 and result.best_entry is None and result.best_entry_in_zone is None
