"""The seeds' claims (issue #3, item 9), measured over many seeded games on the shipped scenarios.

The numbers behind each test are in docs/model.md (``python -m game.research.claims``).
"""

from __future__ import annotations

import pytest

from game.research import claims


@pytest.fixture(scope="module")
def measured() -> dict[str, object]:
    return {"a": claims.claim_a(), "b": claims.claim_b(), "c": claims.claim_c(), "d": claims.claim_d(),
            "e": claims.claim_e(), "f": claims.claim_f()}


def test_a_track15_trap_costs_the_experts_government(measured: dict) -> None:
    a = measured["a"]
    assert a["experts_deal_rate"] > 0.5                          # the experts do come home with deals...
    assert a["experts_mean"] < a["official_mean"] - 0.05          # ...worth clearly less to Washington


def test_b_official_concedes_less_in_non_binding_talks(measured: dict) -> None:
    b = measured["b"]
    binding, loose = b["binding"], b["non_binding"]
    assert all(nb >= bi - 1e-9 for nb, bi in zip(loose, binding))  # never concedes more...
    assert loose[-1] > binding[-1] + 0.02                          # ...and clearly less by the deadline


def test_c_published_plan_pulls_official_outcome_toward_it(measured: dict) -> None:
    c = measured["c"]
    assert c["anchored_games"] >= 20 and c["unanchored_games"] >= 20
    assert c["anchored_distance_to_plan"] < c["unanchored_distance_to_plan"] - 0.03
    assert c["plan_us_value"] < c["anchored_us_value"] < c["unanchored_us_value"]   # Washington pays for the plan


def test_d_treaties_enter_into_force_least_often(measured: dict) -> None:
    checked = 0
    for scenario, odds in measured["d"].items():
        if "treaty" not in odds:
            continue
        for other in ("executive_agreement", "exchange_of_letters", "joint_statement"):
            if other in odds:
                assert odds["treaty"] < odds[other], (scenario, other)
                checked += 1
    assert checked >= 9


def test_e_freelancing_lowers_survival_and_detection_deters_cheating(measured: dict) -> None:
    """What the files show: a higher freelancing rate always lowers survival. Verification-level
    detection never adds deliberate cheating and removes some where the cheater has a stake; its net
    effect on survival is mixed (up in narrow_deal_2020 and ryabkov_2017, down in ict_guarantees_2020,
    whose tit-for-tat response turns extra detections into retaliation), because detecting more also
    triggers more responses, and most deliberate cheating in these calibrations comes from a side that
    does not value the commitment at all, which no detection deters."""
    e = measured["e"]
    positive = [name for name, row in e.items() if row["survival"] > 0]
    assert len(positive) >= 3
    for name, row in e.items():
        assert row["survival_freelancing_x2"] <= row["survival"]
        if name in positive:
            assert row["survival_freelancing_x2"] < row["survival"] - 0.05, name
        assert row["deliberate_violations_verified"] <= row["deliberate_violations"], name
    assert any(row["deliberate_violations_verified"] < row["deliberate_violations"] for row in e.values())
    assert e["narrow_deal_2020"]["survival_verified"] > e["narrow_deal_2020"]["survival"]


def test_f_zones_of_agreement(measured: dict) -> None:
    """What the files show (docs/calibration.md): the narrow agenda has a zone of agreement; the sweeping
    2017 agenda keeps one on paper too, but its red lines bind (the unconstrained Nash deal crosses one)
    and Moscow's Nash gain over its reservation value is far smaller than in the narrow deal."""
    narrow, sweeping = measured["f"]["narrow_deal_2020"], measured["f"]["ryabkov_2017"]
    assert narrow["zopa"] and not narrow["unconstrained_nash_crosses_red_line"]
    assert sweeping["zopa"] and sweeping["unconstrained_nash_crosses_red_line"]
    gain = lambda row: row["nash"][1] - row["reservation"][1]
    assert gain(sweeping) < gain(narrow) - 0.2
