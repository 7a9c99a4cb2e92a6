"""lint's checks of a definitions phase (game.authoring.scope_lint): a scope whose outcome leaves the
binding talks no deal to strike, and a definitions table that can never agree (newcomer trial, item 1)."""

from __future__ import annotations

from pathlib import Path

from game.authoring.lint import lint_file
from tests.conftest import SCENARIOS
from tests.test_lint_checks import edit
from tests.test_loader_messages import where

DEFS = (SCENARIOS / "narrow_deal_2020_definitions.yaml").read_text(encoding="utf-8")
US_MEDIA = "      state_media: [pledge_verify]\n      channels: [pledge_verify]"
RU_VALUES = "ru_experts: {state_agencies: 0.2,"


def lint(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(w).replace(str(path), "x.yaml") for w in lint_file(path) if w.code.startswith("scope-")]


def test_the_shipped_definitions_scenario_has_no_scope_warning(tmp_path: Path) -> None:
    assert lint(tmp_path, DEFS) == []


def test_a_rung_that_locks_a_basket_on_a_red_line_is_named(tmp_path: Path) -> None:
    text = edit(DEFS, US_MEDIA, US_MEDIA.replace("[pledge_verify]", "[none, pledge_verify]", 1))
    assert lint(tmp_path, text) == []               # the narrow rung is worth less than the default to Moscow
    text = edit(text, RU_VALUES, "ru_experts: {state_agencies: 0.7,")
    [message] = lint(tmp_path, text)
    assert message == (f"x.yaml:{where(text, '- id: state_agencies', offset=2)}: warning [scope-no-deal]: "
                       "phases[track15_definitions].scope.rungs[state_agencies]: if rung 'state_agencies' applies, the binding "
                       "talks of 'official_talks' can never agree: it leaves 'state_media' out, locked at its first "
                       "option 'none' (rule D2), a red line of 'us'")


def test_a_rung_that_leaves_no_zone_of_agreement_is_named(tmp_path: Path) -> None:
    text = edit(DEFS, "    reservation: 0.4\n    red_lines: &ru_red", "    reservation: 0.75\n    red_lines: &ru_red")
    assert lint(tmp_path, text) == []
    text = edit(text, RU_VALUES, "ru_experts: {state_agencies: 0.7,")
    [message] = lint(tmp_path, text)
    assert message.startswith(f"x.yaml:{where(text, '- id: state_agencies', offset=2)}: warning [scope-no-deal]: "
                              "phases[track15_definitions].scope.rungs[state_agencies]: if rung 'state_agencies' applies")
    assert message.endswith("with 'critical_infrastructure', 'state_media' locked at the first option, no package "
                            "beats no deal for every side")


def test_a_default_one_side_values_most_means_the_definitions_table_never_agrees(tmp_path: Path) -> None:
    text = edit(DEFS, "      default: all_cyber", "      default: state_agencies")
    [message] = lint(tmp_path, text)
    assert message == (f"x.yaml:{where(text, 'us_experts: {state_agencies: 1.0', offset=29)}: warning "
                       "[scope-no-zopa]: phases[track15_definitions].scope.values.us_experts.state_agencies: no rung "
                       "is worth more than the default 'state_agencies' to every delegation at 'track15_definitions': "
                       "'us_experts' values the default at 1 and no other rung is worth more to it (at most 0.55), so "
                       "the phase can never agree and the default always applies (lower its value of the default, or "
                       "raise a rung above it)")


def test_when_every_rung_that_can_apply_crosses_a_red_line_no_deal_can_ever_happen(tmp_path: Path) -> None:
    text = edit(DEFS, "      default: all_cyber", "      default: state_agencies")
    text = edit(text, US_MEDIA, US_MEDIA.replace("[pledge_verify]", "[none, pledge_verify]", 1))
    messages = lint(tmp_path, text)
    assert [m.split(" warning [")[1].split("]")[0] for m in messages] == ["scope-no-deal", "scope-no-zopa"]
    assert messages[0].startswith(f"x.yaml:{where(text, 'scope:', 1, offset=0)}: warning [scope-no-deal]: "
                                  "phases[track15_definitions].scope: no deal can ever happen: under the only rung "
                                  "that can apply, the default 'state_agencies', the binding talks of "
                                  "'official_talks' can never agree (under 'state_agencies', it leaves 'state_media' "
                                  "out, locked at its first option 'none' (rule D2), a red line of 'us')")
