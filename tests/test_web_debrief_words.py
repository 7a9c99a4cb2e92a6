"""The seat's debrief in words (game.session.diagnosis): grammar a student reads, and no pattern claimed
from a single offer."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from game.scenario.loader import load_scenario
from game.session.diagnosis import TracePoint, _moved, form_phrase
from tests.conftest import SCENARIOS


def test_a_forms_label_reads_with_an_article_inside_a_sentence() -> None:
    assert form_phrase("Leaders' joint statement") == "a leaders' joint statement"
    assert form_phrase("Executive agreement (exchange of letters)") == "an executive agreement (exchange of letters)"
    assert form_phrase("Treaty") == "a treaty"
    assert form_phrase("UN resolution") == "a UN resolution"            # an acronym keeps its capitals
    # a plural takes no article (newcomer trial: "As a parallel unilateral declarations")
    assert form_phrase("Parallel unilateral declarations") == "parallel unilateral declarations"
    assert form_phrase("Exchange of letters") == "an exchange of letters"
    assert form_phrase("Joint communique") == "a joint communique"
    assert form_phrase("Treaty of recognition") == "a treaty of recognition"


def test_never_moved_is_said_only_after_three_offers() -> None:
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    state = cast(Any, SimpleNamespace(scenario=scenario))     # _moved reads the scenario alone
    same = tuple([1] * (len(scenario.baskets) + 1))

    def offers(n: int) -> list[TracePoint]:
        return [TracePoint(0, r, "ru", same, ("us", "ru"), (0.5, 0.5), 0.5) for r in range(n)]
    assert _moved(state, offers(1), "Russia") is None                   # one offer is no pattern
    assert _moved(state, offers(2), "Russia") is None
    assert "never moved on a basket" in (_moved(state, offers(3), "Russia") or "")


def test_a_side_that_moved_only_on_the_form_is_said_to_have_done_so() -> None:
    """Player trial: Russia offered a joint statement twice, then an executive agreement, every basket the same;
    the debrief said it "never moved on a basket: every offer kept the first one's terms"."""
    scenario = load_scenario(SCENARIOS / "narrow_deal_2020.yaml")
    state = cast(Any, SimpleNamespace(scenario=scenario))
    ids = [f.id for f in scenario.forms]
    n, statement, agreement = len(scenario.baskets), ids.index("joint_statement"), ids.index("executive_agreement")
    forms = (statement, statement, agreement)
    trace = [TracePoint(0, r, "ru", tuple([1] * n + [f]), ("us", "ru"), (0.5, 0.5), 0.5) for r, f in enumerate(forms)]
    said = _moved(state, trace, "Russia")
    assert said == ("Russia never moved on a basket: every offer kept the first one's terms, and it moved only on the "
                    f"form ({scenario.forms[statement].label} → {scenario.forms[agreement].label}).")
    same = [TracePoint(0, r, "ru", tuple([1] * n + [agreement]), ("us", "ru"), (0.5, 0.5), 0.5) for r in range(3)]
    assert _moved(state, same, "Russia") == "Russia never moved on a basket: every offer kept the first one's terms."
