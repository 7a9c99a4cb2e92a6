"""Newcomer trial (window): the save dialog at 1024x640 in large text hyphenated the move log's name
("…1558989-" / "-138.jsonl"); a path is broken only where it has a mark of its own, and never hyphenated."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.scenes.title import TitleScene
from game.ui.scripted import Driver
from tests.test_ui import data_home, make_app  # noqa: F401  (data_home: a fixture)

LOG = Path("/home/newcomer/.local/share/backchannel/logs/narrow_deal_2020_definitions-20261130-064311-1558989138.jsonl")


def test_a_long_move_log_name_is_never_hyphenated(data_home: Path) -> None:  # noqa: F811
    app = make_app(data_home, (1024, 640), "large")
    app.reset(TitleScene(app))
    app.notify("Saved: every move is already in this move log:", LOG, "Resume it with 'Load a saved game'.")
    Driver(app).frames(2)
    box = app.top.reading if app.top is not None else None
    assert box is not None and box.text_box_layout is not None
    rows = ["".join(str(getattr(chunk, "text", None) or "") for chunk in row.items)
            for row in box.text_box_layout.layout_rows]
    at = next(i for i, row in enumerate(rows) if row.startswith("/home/"))
    shown = "".join(rows[at:at + 3])
    assert str(LOG) in shown and "--" not in shown, rows
    assert rows[at + 1].startswith("narrow_deal"), rows       # the long name starts a line of its own
    pygame.quit()
