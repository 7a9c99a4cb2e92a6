"""research claims, research-user trial: --claim selects claims, progress is reported, Ctrl-C keeps what was
measured, and each claim says its conditions and ablation."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from game.cli.app import main
from game.research import claims as claims_module
from game.research.claims import CLAIMS, report
from game.scenario.loader import SCENARIO_DIR
from tests.conftest import interrupt_on_call


def test_claim_selects_claims_and_an_unknown_one_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["research", "claims", "--claim", "d", "--claim", "e1", "--persona", "modeller", "--games", "2",
                 "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data["claims"]] == ["d", "e1"] and data["interrupted"] is False
    for wrong in ("e4", "zz"):          # exit 2, as every argument error; the list of claims said once
        with pytest.raises(SystemExit) as exit_:
            main(["research", "claims", "--claim", wrong, "--games", "2"])
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        assert f"--claim {wrong!r}: unknown claim" in err and "Traceback" not in err
        assert err.count("a, b, c, d, e1, e2, e3, f, g") == 1


def test_each_claim_says_its_conditions_and_ablation(capsys: pytest.CaptureFixture[str]) -> None:
    assert all(c.conditions and c.ablation for c in CLAIMS)
    assert main(["research", "claims", "--claim", "d", "--persona", "modeller", "--games", "2", "--json"]) == 0
    (claim,) = json.loads(capsys.readouterr().out)["claims"]
    assert claim["conditions"] == "code_of_conduct_2019 vs narrow_deal_2020" and "credibility" in claim["ablation"]
    assert main(["research", "claims", "--claim", "d", "--persona", "modeller", "--games", "2"]) == 0
    assert "    conditions: code_of_conduct_2019 vs narrow_deal_2020; ablation: every form" in capsys.readouterr().out


def test_progress_names_each_claim_and_persona() -> None:
    said: list[str] = []
    report(SCENARIO_DIR, 2, ["modeller", "linear"], only=["d"], progress=said.append)
    assert said == ["claim (d) 1/1, persona modeller 1/2", "claim (d) 1/1, persona linear 2/2"]


def test_ctrl_c_keeps_what_was_measured(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    """Ctrl-C threw the whole run away; now the claims measured are printed and written, marked interrupted."""
    interrupt_on_call(monkeypatch, claims_module, "run_claim", 4)
    out = tmp_path / "claims.csv"
    assert main(["research", "claims", "--claim", "d", "--claim", "e1", "--persona", "modeller", "--persona",
                 "linear", "--games", "2", "--json", "--csv", str(out)]) == 130
    captured = capsys.readouterr()
    data: dict[str, Any] = json.loads(captured.out)
    assert data["interrupted"] is True and "interrupted" in captured.err
    (d, e1) = data["claims"]
    assert d["id"] == "d" and list(d["personas"]) == ["linear"]
    assert e1["id"] == "e1" and e1["persona"] == "modeller" and e1["personas"] == {}   # the claim it stopped in
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 3 and {r["interrupted"] for r in rows} == {"true"}
