"""Newcomer trial: docs/playing.md says the table's header tells what each round of delay costs, but at the
default 1280x800 the header's fitting dropped it (only the widest form named it)."""

from __future__ import annotations

from pathlib import Path

from game.scenario.loader import load_scenario
from game.session.names import delay_cost
from tests.conftest import SCENARIOS
from tests.test_table_ui import table_for
from tests.test_ui import data_home, make_app  # noqa: F401  (data_home: a fixture)

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


def test_the_header_names_the_cost_of_delay_at_the_default_size(data_home: Path) -> None:  # noqa: F811
    discount = load_scenario(NARROW).protocol.discount
    assert delay_cost(discount)                                    # the file's talks do cost something
    table = table_for(make_app(data_home, size=(1280, 800)), NARROW, "us", 3)
    header = table.header.text
    assert f"{1 - discount:.0%}" in header and "round" in header, header


def test_the_header_has_one_format_at_every_table_and_width(tmp_path: Path) -> None:
    """Newcomer trial: "round 1/6 · delay 2% a round" at the Track 1.5 table, then after the hand-off
    "round 1 of 10 · 10 rounds left · binding", without the delay's cost: one format, the delay kept."""
    from game.session.game import GameSession
    from game.ui.scenes.table_news import header_texts
    session = GameSession.new(load_scenario(SCENARIOS / "track15_trap.yaml"), "us_experts", 1,
                              log_path=tmp_path / "g.jsonl")
    session.close()
    state = session.state
    assert delay_cost(state.protocol.discount)
    forms = header_texts(state, "your move")
    for text in forms:
        assert "/" not in text, text
    for text in forms[:-2]:                                       # all but the round alone and the name alone
        assert "round 1 of 6" in text and "delay" in text, text
