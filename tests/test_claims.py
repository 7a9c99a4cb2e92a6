"""The seeds' claims as experiments (docs/model.md, "The seeds' claims"): each must hold with the
default persona AND vanish when its mechanism is neutralised. Claims the model does not produce
are expected failures with the reason (docs/model.md says why); strict, so that a claim that
starts to hold fails its marker and is moved to the holding list on purpose.

How long the claims take is printed (-s shows it); the budget is 10 minutes on 2 cores.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from game.cli.app import main
from game.research import claims as claims_module
from game.research.stats import (
    Estimate,
    appears,
    holds_directional,
    holds_null,
    paired_effect,
    vanishes,
)
from game.scenario.loader import SCENARIO_DIR
from game.strategies.registry import DEFAULT, STRATEGIES

GAMES = 40
DETERRED = ("with automatic responses every basket of these files is linked to the whole package and an answered "
            "breach suspends or ends it, so a strategic Moscow breaches nothing by policy and trust and detection change "
            "nothing; with credible responses (rule 12) the narrow deal's package response is not credible and its "
            "talks end without a deal (docs/model.md)")
NOT_YET = {
    "c": "the published plan moves the trap's official outcome away from it (+0.019 with the modeller): "
         "Washington's value moves toward the plan's (0.826 -> 0.688, the plan 0.638) but Moscow's moves away "
         "too (0.738 -> 0.611, the plan 0.868), as an executive agreement without two baskets replaces a joint "
         "statement with all of them (docs/model.md)",
    "e2": "verification adds nothing where attribution is weak (the null effect holds), but not because of "
          "attribution: lifting it and the detection cap does not make verification matter, since at the deals "
          "the AIs reach nobody breaches by policy (docs/model.md)",
    "f": DETERRED,
    "g": DETERRED,
}


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, object]]:
    start = time.perf_counter()
    report = claims_module.report(SCENARIO_DIR, GAMES, [DEFAULT])
    print(f"\nclaims with {DEFAULT}, {GAMES} games per condition: {time.perf_counter() - start:.1f} s")
    claims = report["claims"]
    assert isinstance(claims, list)
    return {c["id"]: c for c in claims}


def test_every_claim_of_the_issue_is_reported(measured: dict[str, dict[str, object]]) -> None:
    assert sorted(measured) == ["a", "b", "c", "d", "e1", "e2", "e3", "f", "g"]
    for claim in measured.values():
        assert claim["persona"] == DEFAULT and claim["seeds"] and claim["statement"]
        seeds = claim["seeds"]
        assert isinstance(seeds, list)
        assert all(len(s["id"]) == 3 and s["quote"] for s in seeds)
        if claim["holds"] is not True:
            assert claim.get("reason"), claim["id"]      # a claim that does not hold says why


@pytest.mark.parametrize("claim_id", ["a", "b", "c", "d", "e1", "e2", "e3", "f", "g"])
def test_claim_holds_and_vanishes_under_its_ablation(measured: dict[str, dict[str, object]], claim_id: str,
                                                     request: pytest.FixtureRequest) -> None:
    if claim_id in NOT_YET:
        request.applymarker(pytest.mark.xfail(reason=NOT_YET[claim_id], strict=True))
    claim = measured[claim_id]
    assert claim["holds"] is True, claim
    assert claim["vanishes_under_ablation"] is True, claim


def test_ablations_are_not_the_control(measured: dict[str, dict[str, object]]) -> None:
    """A neutralisation equal to the control would make 'vanishes' vacuous. Where the effect holds,
    the ablated condition still differs from the control in its parameters, and the effect is
    clearly non-zero, so 'vanishes' is a finding: the claim's deal rates are reported beside."""
    for claim_id in ("a", "b", "e1", "e3"):
        claim = measured[claim_id]
        effect, deal_rates = claim["effect"], claim["deal_rates"]
        assert isinstance(effect, dict) and isinstance(deal_rates, dict)
        assert abs(effect["value"]) > claim["margin"]
        assert set(deal_rates) == {"treatment", "control"}


def test_claims_report_every_persona_and_flag_those_without_deals(tmp_path: Path) -> None:
    report = claims_module.report(SCENARIO_DIR, 3, None)
    claims = report["claims"]
    assert isinstance(claims, list)
    first = claims[0]
    assert first["persona"] == DEFAULT
    assert set(first["personas"]) == set(STRATEGIES) - {DEFAULT}
    # boulware against the trap's minister reaches no deal when the experts have official incentives
    boulware = first["personas"]["boulware"]
    assert boulware["deal_rates"]["control"] == 0.0 and boulware["no_deal_in_a_condition"] is True
    assert all(name in STRATEGIES for name in first["holds_for"])


def test_research_claims_command_prints_one_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["research", "claims", "--games", "2", "--persona", "modeller", "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    report = json.loads(out[-1])
    assert report["games"] == 2 and report["scenarios"] == str(SCENARIO_DIR)
    claim = report["claims"][0]
    for key in ("id", "statement", "seeds", "persona", "effect", "ablation_effect", "holds", "vanishes_under_ablation"):
        assert key in claim
    assert set(claim["effect"]) == {"value", "ci95", "unit", "n"}


def test_a_folder_without_the_scenarios_reports_null_with_a_reason(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "narrow_deal_2020.yaml").write_text((SCENARIO_DIR / "narrow_deal_2020.yaml").read_text())
    assert main(["research", "claims", "--scenarios", str(tmp_path), "--games", "2", "--persona", "modeller",
                 "--json"]) == 1                                         # claims not measured: exit 1, after the report
    claims = {c["id"]: c for c in json.loads(capsys.readouterr().out)["claims"]}
    assert claims["a"]["holds"] is None and "track15_trap" in claims["a"]["reason"]
    assert claims["e1"]["effect"]["n"] == 2                              # narrow_deal_2020 is there (measured;
    assert "too few measured games (n=2)" in claims["e1"]["reason"]      # 2 seeds are too few for a verdict)


def test_a_broken_scenario_file_is_reported_with_the_loaders_message_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Researcher trial: 'rounds: banana' in narrow_deal_2020.yaml gave exit 0 and only 'the folder has no valid
    scenario', without the loader's file:line:col message."""
    monkeypatch.setattr(claims_module, "CLAIMS", tuple(c for c in claims_module.CLAIMS if c.id in ("e1", "e2")))
    for sid in ("narrow_deal_2020", "ict_guarantees_2020"):
        (tmp_path / f"{sid}.yaml").write_text((SCENARIO_DIR / f"{sid}.yaml").read_text())
    broken = tmp_path / "narrow_deal_2020.yaml"
    lines = broken.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("rounds:"))
    lines[at] = lines[at].split("rounds:")[0] + "rounds: banana"
    broken.write_text("\n".join(lines) + "\n")
    assert main(["research", "claims", "--scenarios", str(tmp_path), "--games", "2", "--persona", "modeller"]) == 1
    captured = capsys.readouterr()
    located = f"{broken}:{at + 1}:"
    e1 = captured.out[captured.out.index("(e1)"):captured.out.index("(e2)")]
    assert located in e1 and "banana" in e1                             # the report says why, where
    assert "(e2)" in captured.out and located in captured.err and "Traceback" not in captured.err


def test_research_claims_help_says_files_are_found_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["research", "claims", "--help"])
    assert "<id>.yaml" in capsys.readouterr().out


def test_a_folder_with_none_of_the_scenarios_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Researcher trial: an empty folder gave exit 0 and every claim 'not measured'."""
    assert main(["research", "claims", "--scenarios", str(tmp_path), "--games", "2", "--persona", "modeller"]) == 1
    assert "none of the scenarios the claims need" in capsys.readouterr().err


def test_the_text_report_gives_deal_rates_other_personas_and_the_real_reason(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Researcher trial: a claim without deals, or with an effect of the other sign, was explained as 'does not
    produce the effect beyond its margin', and the deal rates and other personas were only in --json."""
    assert main(["research", "claims", "--games", "2", "--persona", "modeller", "--persona", "boulware",
                 "--responses", "credible"]) == 0
    text = capsys.readouterr().out
    e1 = text[text.index("(e1)"):text.index("(e2)")]
    assert "deals: 0% of treatment games, 0% of control" in e1
    assert "not measured: no deal in the treatment or the control condition" in e1
    assert "other personas: boulware" in e1
    f = text[text.index("(f)"):text.index("(g)")]
    assert "too few measured games (n=2)" in f                 # 2 seeds: no verdict (MIN_MEASURED)


def test_the_json_report_can_be_traced_to_its_inputs(capsys: pytest.CaptureFixture[str]) -> None:
    import hashlib
    from game.about import version
    assert main(["research", "claims", "--games", "2", "--persona", "modeller", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == version() and report["seeds"] == "0-1"
    for sid, digest in report["scenario_sha256"].items():
        assert hashlib.sha256((SCENARIO_DIR / f"{sid}.yaml").read_bytes()).hexdigest() == digest
    assert set(report["scenario_sha256"]) == {s for c in report["claims"] for s in c["scenarios"]}


def test_research_claims_refuses_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    """Argument errors exit 2, as argparse's own and simulate's do (research trial: --games 1 exited 1)."""
    for argv in (["--games", "1"], ["--persona", "nobody"]):
        with pytest.raises(SystemExit) as exit_:
            main(["research", "claims", *argv])
        assert exit_.value.code == 2
    assert "expected one of" in capsys.readouterr().err


def test_research_claims_games_has_simulates_upper_limit(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Research-user trial: --games 1000000000 ended in a MemoryError reported as an internal error."""
    from game.cli.simulate_cmd import MAX_GAMES

    def no_report(*args: object, **kwargs: object) -> None:
        raise AssertionError("the report ran before --games was checked")
    monkeypatch.setattr(claims_module, "report", no_report)
    with pytest.raises(SystemExit) as info:
        main(["research", "claims", "--games", "1000000000", "--persona", "modeller"])
    err = capsys.readouterr().err
    assert info.value.code == 2 and f"--games: at most {MAX_GAMES:,} seeds per condition" in err
    assert "1,000,000,000" in err and "Traceback" not in err and "internal error" not in err


# ---------------------------------------------------------------- the statistics, against brute force
def test_paired_effect_drops_undefined_seeds_and_brackets_the_mean() -> None:
    t = np.array([1.0, 2.0, np.nan, 4.0, 3.0])
    c = np.array([0.5, 1.0, 1.0, np.nan, 1.0])
    e = paired_effect(t, c, "u")
    assert e.n == 3 and e.value == pytest.approx(np.mean([0.5, 1.0, 2.0]))
    assert e.lo <= e.value <= e.hi and e.lo >= 0.5 and e.hi <= 2.0


def test_verdicts() -> None:
    big = Estimate(-0.1, -0.15, -0.05, "u", 40)
    zero = Estimate(0.0, -0.01, 0.01, "u", 40)
    assert holds_directional(big, -1, 0.02) and not holds_directional(big, 1, 0.02)
    assert not holds_directional(Estimate(-0.1, -0.2, 0.01, "u", 40), -1, 0.02)    # interval includes 0
    assert vanishes(big, zero) and not vanishes(big, big)
    assert not vanishes(zero, zero)                                                 # nothing was there to vanish
    assert not vanishes(big, Estimate(-0.02, -0.03, -0.01, "u", 40))              # small but clearly not 0
    assert holds_null(zero, 0.05) and not holds_null(big, 0.05)
    assert appears(big, -1, 0.05) and not appears(big, 1, 0.05) and not appears(zero, -1, 0.05)


@pytest.fixture(scope="module")
def bundled_d(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Claim (d) on the shipped files except 2019, whose commitments are traded as one package again
    (its ``linked_to`` lines removed: the schema's default)."""
    folder = tmp_path_factory.mktemp("bundled")
    for path in SCENARIO_DIR.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.stem == "code_of_conduct_2019":
            text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("linked_to:")) + "\n"
        (folder / path.name).write_text(text, encoding="utf-8")
    report = claims_module.report(folder, GAMES, [DEFAULT], only=["d"])
    claims = report["claims"]
    assert isinstance(claims, list)
    return claims[0]


def test_the_code_of_conduct_claim_rests_on_parallel_lanes(bundled_d: dict[str, object],
                                                           measured: dict[str, dict[str, object]]) -> None:
    """Claim (d) as shipped holds because 2019's commitments are answered one by one (Charap and Timofeev's
    "parallel lanes", docs/calibration.md "Linkage"). Nobody breaches by policy either way; what differs is
    how long a pact lives: an answered accusation (an accident, a freelancer, a false or misattributed one)
    suspends one lane, not the pact, so a pact lasts and the code's lower chance of being dropped pays.
    Traded as one package, the first answered accusation suspends everything, durability buys little, and
    the code is not chosen: the claim goes (an ablation of the linkage, beside the claim's own of the
    forms)."""
    assert measured["d"]["holds"] is True and measured["d"]["vanishes_under_ablation"] is True, measured["d"]
    assert bundled_d["id"] == "d"
    assert bundled_d["holds"] is not True, bundled_d
