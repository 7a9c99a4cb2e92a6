"""The brief's priorities add up (newcomer trial h4: the baskets' shares added to 100%, then 'Agreement
form (10% of the value)' made 110%). The model gives the terms ``1 - form_weight`` of a deal's value,
shared among the baskets by their weights, and the form the rest (game.model.utility); the window's and
the terminal's briefs say so in the same words."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pygame

from game.cli.render import brief
from game.scenario.loader import load_scenario
from game.session.catalogue import shipped_catalogue
from game.session.game import GameSession
from game.session.brief import seen_scenario
from game.ui.scenes.brief import brief_html
from tests.test_ui import OPEN, data_home  # noqa: F401

SWEEPING = Path(__file__).parent.parent / "scenarios" / "ryabkov_2017.yaml"


def added_up(text: str) -> tuple[int, int, list[int]]:
    """(the terms' share of a deal's value, the form's, each basket's share of the terms) as the brief reads."""
    if "the form counts for nothing here" in text:          # a definitions phase: its one form is worth nothing
        assert "(no part of a deal's value)" in text
        terms, form = 100, 0
    else:
        terms_line = re.search(r"each basket's share of the terms, which make up (\d+)% of a deal's value", text)
        form_line = re.search(r"Agreement form: the other (\d+)% of a deal's value; worth to you: ", text)
        assert terms_line is not None and form_line is not None, text
        terms, form = int(terms_line[1]), int(form_line[1])
    part = text.split("of a deal's value")[1].split("Agreement form")[0]
    return terms, form, [int(x) for x in re.findall(r"(\d+)%", part)]


def test_the_briefs_shares_add_up_in_the_window_and_the_terminal(data_home: Path) -> None:  # noqa: F811
    for scenario in shipped_catalogue().scenarios:
        for party in scenario.parties:
            session = GameSession.new(load_scenario(Path(scenario.path)), party.id, 1, "boulware")
            OPEN.append(session)
            window = html.unescape(re.sub(r"<[^>]+>", "", brief_html(session, party.id).replace("<br>", "\n")))
            # as the game stands (an event may open it), the whole scenario's even while a definitions table runs
            seen = seen_scenario(session.state, party.id)
            terminal = brief(seen, party.id)
            for text in (window, terminal):
                assert "of the value)" not in text
                terms, form, baskets = added_up(text)
                assert terms + form == 100 and form == round(100 * seen.party(party.id).form_weight)
                assert len(baskets) == len(seen.baskets) and abs(sum(baskets) - 100) <= len(baskets) // 2, baskets
            assert added_up(window) == added_up(terminal)
    pygame.quit()
