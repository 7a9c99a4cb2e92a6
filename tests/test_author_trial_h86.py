"""Author trial h86: the findings an author met while writing a scenario, each fixed and held here."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.scenario.loader import load_scenario
from tests.conftest import FIXTURES

SCHEMA1 = (FIXTURES / "schema1_minimal.yaml").read_text(encoding="utf-8")


def problems_of(tmp_path: Path, text: str) -> list[str]:
    """Every problem of ``text`` as a file ``x.yaml``, as ``validate`` prints it."""
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return [str(p).replace(str(path), "x.yaml") for p in info.value.problems]


def line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


YEAR_EVENTS = """\
  - id: thaw
    text: Trust returns.
    probability: 0.5
    year: 2
    effects:
      - {parameter: compliance.trust, multiply: 0.5}
      - {parameter: forms.executive_agreement.revocation, set: 0.4}
"""


def test_schema_1_refuses_effects_on_schema_2_parameters(tmp_path: Path) -> None:
    """A schema-1 file has full trust, no revocation and no audience cost: an effect may not change them,
    and is refused at its line as the key itself is."""
    text = SCHEMA1.replace("\n# ---------------------------------------------------------------- after a deal",
                           YEAR_EVENTS + "\n# ---------------------------------------------------------------- after")
    text = text.replace("      - {parameter: us.reservation, add: 0.05}",
                        "      - {parameter: ru.compliance.audience_cost, add: 0.05}")
    problems = problems_of(tmp_path, text)
    assert f"x.yaml:{line_of(text, 'ru.compliance.audience_cost')}:" in problems[0]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "events[leak].effects[0].parameter: ru.compliance.audience_cost needs schema_version 2 (this file says 1)",
        "events[thaw].effects[0].parameter: compliance.trust needs schema_version 2 (this file says 1)",
        "events[thaw].effects[1].parameter: forms.executive_agreement.revocation needs schema_version 2 "
        "(this file says 1)"]
    assert [int(p.split(":")[1]) for p in problems[1:]] == [line_of(text, "compliance.trust"),
                                                          line_of(text, "forms.executive_agreement.revocation")]
    load_scenario_v2 = text.replace("schema_version: 1", "schema_version: 2")
    assert "audience_cost" not in " ".join(problems_of(tmp_path, load_scenario_v2))
