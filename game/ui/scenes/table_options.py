"""The option ladders' words at the window's table: each selector's text and tooltip, and the line under the
baskets that gives the focused selector's option in full -- its text and how often violations of it are
detected -- so that the keyboard reads what the mouse's tooltip shows (window trial: the README promises
everything by keyboard alone, and these were in the tooltip only). The words are the terminal's ``options``
(:func:`game.session.option_words.option_words`).

:class:`TableOptions` is mixed into :class:`game.ui.scenes.table.TableScene`; it reads the scene's shown
state (``view``), the draft, the option and lock buttons and the detail panel the scene lays out.
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UIButton

from game.engine.state import State
from game.session.locked import locked_why
from game.session.option_words import option_words
from game.ui.scene import Scene, fit_first
from game.ui.textpanel import BAR, Line, TextPanel

MAX_ROWS = 4                 # the detail panel grows to this many text rows at most; a longer text scrolls


class TableOptions(Scene):
    """The option selectors' words (the table scene fills in these attributes)."""

    view: State
    draft: list[int]
    option_buttons: list[UIButton]
    lock_buttons: list[UIButton]
    detail: TextPanel
    detail_issue: int              # the basket shown in the detail panel (the last one focused)

    def selector_texts(self, issue: int) -> tuple[str, str]:
        """(the selector's text, its tooltip) for basket ``issue`` (``len(baskets)``: the form): the draft's
        option numbered, and, when the basket is locked, why (as the terminal says it: game.session.locked),
        the option cut first when both do not fit."""
        s = self.view.scenario
        words = option_words(s, issue, self.draft[issue])
        text = f"{self.draft[issue] + 1}. {words.label}"
        tip = "<br>".join(html.escape(t) for t in (words.description or words.label, words.detected) if t)
        if self.view.locks[issue] >= 0:
            why = f"[locked: {locked_why(s, issue)}]" if issue < len(s.baskets) else "[locked]"
            text, tip = fit_first(self.option_buttons[issue], [f"{text}  {why}", f"{why} {text}"]), f"{why}<br>{tip}"
        return text, tip

    def detail_line(self, issue: int) -> str:
        """The detail panel's text for basket ``issue``: the draft's option, numbered as its selector shows it,
        and what it says."""
        return f"{self.draft[issue] + 1}. {option_words(self.view.scenario, issue, self.draft[issue]).sentence()}"

    def detail_height(self, font: pygame.font.Font, width: int) -> int:
        """The detail panel's height for a panel ``width`` wide: room for the longest option text of the
        scenario as it wraps there (two rows at least, :data:`MAX_ROWS` at most), with the panel's margins."""
        s = self.view.scenario
        ladders = [len(b.options) for b in s.baskets] + [len(s.forms)]
        longest = max((f"{o + 1}. {option_words(s, i, o).sentence()}" for i, n in enumerate(ladders) for o in range(n)),
                      key=lambda text: font.size(text)[0])
        rows = round(font.render(longest, True, (0, 0, 0), None, max(40, width - 24 - BAR)).get_height()
                     / font.get_linesize())
        return min(MAX_ROWS, max(2, rows)) * font.get_linesize() + 20      # the panel's margins: TextPanel.limit

    def focused_issue(self) -> int | None:
        """The basket whose selector (or lock) has the keyboard focus, else None."""
        current = self.focus.current
        element = current.element if current is not None else None
        for row in (self.option_buttons, self.lock_buttons):
            if element in row:
                return row.index(element)
        return None

    def show_detail(self) -> bool:
        """Put the focused basket's option in the detail panel (the last one focused while the focus is
        elsewhere; the first basket at first); True when its text changed."""
        if not self.draft or getattr(self, "detail", None) is None:     # not laid out yet
            return False
        issue = self.focused_issue()
        if issue is None:
            issue = getattr(self, "detail_issue", 0)      # set at the first call
        self.detail_issue = min(issue, len(self.draft) - 1)
        text = self.detail_line(self.detail_issue)
        if [line.text for line in self.detail.lines] == [text]:
            return False
        self.detail.set_lines([Line(text)])
        return True
