"""``classroom enter --deal`` reads the digits 0-9 only (attack trial h103, finding 5): Python's int() also read
'٣' (an Arabic-Indic three) and '1_0' (as 10), so a deal typed oddly was entered as another."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.classroom.folder import SessionError, create_session
from game.classroom.play import parse_deal
from tests.conftest import SCENARIOS


@pytest.mark.parametrize("entry", ["\u0663", "1_0", "+1", "\uff11", "1.0", "", "\x1b[31m1"])
def test_a_deal_entry_not_in_the_digits_0_to_9_is_refused_by_its_place(tmp_path: Path, entry: str) -> None:
    session = create_session(SCENARIOS / "narrow_deal_2020.yaml", 1, tmp_path / "class", seed=3)
    assert parse_deal(session, "4, 4,5,4,5,4,1") == (3, 3, 4, 3, 4, 3, 0)
    with pytest.raises(SessionError) as refused:
        parse_deal(session, f"4,{entry},5,4,5,4,1")
    basket = session.scenario.baskets[1].name
    assert f"entry 2 ({basket}) is '" in str(refused.value) and "digits 0-9" in str(refused.value)
    assert "\x1b" not in str(refused.value)
