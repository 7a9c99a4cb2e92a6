"""docs/playing.md and docs/model.md say what the research commands' outputs are (research trial 2): the
round robin's shared draws, the field names across commands, and the measured figures of docs/model.md."""

from __future__ import annotations

from tests.conftest import ROOT

PLAYING = (ROOT / "docs" / "playing.md").read_text(encoding="utf-8")
MODEL = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_round_robin_says_its_pairings_share_their_draws() -> None:
    """Pooling pairings inflates n: the docs say so where the round robin is described."""
    text = _flat(PLAYING)
    assert "The pairings therefore share their random draws" in text
    assert "only `--games` independent seeds" in text


def test_field_names_across_commands_are_tabled() -> None:
    """games (list vs integer), seed vs master_seed, delegations vs governments: one table says which is which."""
    section = PLAYING.split("### Field names across commands", 1)[1]
    for name in ("`seed`", "`master_seed`", "`games_requested`", "**list**", "**integer**", "`events_on`",
                 "`scenario_sha256`", "**delegation** ids", "**government**"):
        assert name in section, name
