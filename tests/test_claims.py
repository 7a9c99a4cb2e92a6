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


def test_e_verification_raises_survival_and_freelancing_lowers_it(measured: dict) -> None:
    """(e) On every frontier deal where neither side cheats by policy, the verification rung's machinery
    (its detection and its consultation channel) makes the pact more likely to survive; doubling the
    freelancing rate makes it less likely wherever it can survive at all. Where a side cheats by policy
    on a basket whose commitment it does not value (ict_guarantees_2020's Nash deal: Moscow on covert
    social media), no detection deters it, and verification only exposes it; the test states that too."""
    e = measured["e"]
    assert sum(row["policy_free_deals"] for row in e.values()) >= 20
    for name, row in e.items():
        assert row["verification_lowers"] == 0, name
        assert row["verification_raises"] == row["policy_free_deals"], name
        assert row["deliberate_violations_verified"] <= row["deliberate_violations"], name
        assert row["survival_freelancing_x2"] <= row["survival"], name
        if row["survival"] > 0:
            assert row["survival_freelancing_x2"] < row["survival"] - 0.05, name
        if row["nash_policy_cheating"] == 0 and row["survival"] > 0:
            assert row["survival_verified"] > row["survival"], name
    assert e["ict_guarantees_2020"]["nash_policy_cheating"] > 0


def test_f_zones_of_agreement(measured: dict) -> None:
    """What the files show (docs/calibration.md): the narrow agenda has a zone of agreement; the sweeping
    2017 agenda keeps one on paper too, but its red lines bind (the unconstrained Nash deal crosses one)
    and Moscow's Nash gain over its reservation value is far smaller than in the narrow deal."""
    narrow, sweeping = measured["f"]["narrow_deal_2020"], measured["f"]["ryabkov_2017"]
    assert narrow["zopa"] and not narrow["unconstrained_nash_crosses_red_line"]
    assert sweeping["zopa"] and sweeping["unconstrained_nash_crosses_red_line"]
    gain = lambda row: row["nash"][1] - row["reservation"][1]
    assert gain(sweeping) < gain(narrow) - 0.2
