"""A screen of the game, on the app's scene stack (title, picker, table, debrief...).

A scene builds its pygame_gui elements for the current window size in
:meth:`Scene.build` (called again after a resize or a settings change), routes
button presses to callbacks, and lets the focus ring drive every control from
the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import UIElement
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.ui.focus import SCROLL_KEYS, Focusable, FocusRing

if TYPE_CHECKING:
    from game.ui.app import App


def fits(label: UILabel | UIButton, text: str) -> bool:
    """Whether ``text`` fits ``label``'s width on one line."""
    return label.font is None or label.font.size(text)[0] <= label.rect.width - 8


def fit_first(label: UILabel | UIButton, texts: list[str]) -> str:
    """The first of ``texts`` that fits ``label``'s width; else the last, cut at a word with an ellipsis
    (callers keep the full text elsewhere: a log, a tooltip)."""
    font, room = label.font, label.rect.width - 8
    if font is None:
        return texts[0]
    for text in texts:
        if font.size(text)[0] <= room:
            return text
    words = texts[-1].split()
    while len(words) > 1 and font.size(" ".join(words) + " …")[0] > room:
        words.pop()
    return " ".join(words) + " …"


def fit_cut(label: UILabel | UIButton, text: str) -> str:
    """``text`` if it fits ``label``'s width, else cut letter by letter and ended with an ellipsis
    ("Red line: Hack-and-le…"), for a name too long to cut at a word."""
    font, room = label.font, label.rect.width - 8
    if font is None or font.size(text)[0] <= room:
        return text
    while len(text) > 1 and font.size(text.rstrip() + "…")[0] > room:
        text = text[:-1]
    return text.rstrip() + "…"


def scroll_text_box(box: UITextBox, key: int) -> bool:
    """Scroll a pygame_gui text box by one of SCROLL_KEYS: a line, a page, or to either end; True if it moved."""
    bar, layout = box.scroll_bar, box.text_box_layout
    if bar is None or layout is None or key not in SCROLL_KEYS:
        return False
    now, page = bar.start_percentage, bar.visible_percentage
    line = min(page, 40 / max(1, layout.layout_rect.height))
    end = max(0.0, 1.0 - page)
    target = {pygame.K_UP: now - line, pygame.K_DOWN: now + line, pygame.K_PAGEUP: now - 0.9 * page,
              pygame.K_PAGEDOWN: now + 0.9 * page, pygame.K_HOME: 0.0, pygame.K_END: end}[key]
    bar.set_scroll_from_start_percentage(max(0.0, min(end, target)))
    return abs(bar.start_percentage - now) > 1e-9


class Scene:
    name = "scene"
    overlay = False             # drawn over the scene below it (pause menu, help)

    def __init__(self, app: App) -> None:
        self.app = app
        self.elements: list[UIElement] = []
        self.actions: dict[UIElement, Callable[[], None]] = {}
        self.focus = FocusRing()
        self.container: object | None = None     # where the helpers put elements (None: the window)
        self.reading: UITextBox | None = None    # the screen's long text: Page Up/Down, Home, End scroll it
        self.hint: UILabel | None = None         # the line that says which keys do what

    # ------------------------------------------------------------ life cycle
    def build(self) -> None:
        """Create the elements for ``self.app.size``."""

    def rebuild(self) -> None:
        index = self.focus.index
        self.clear()
        self.build()
        self.focus.index = min(index, max(0, len(self.focus.items) - 1))

    def clear(self) -> None:
        for element in self.elements:
            element.kill()
        self.elements.clear()
        self.actions.clear()
        self.focus.clear()
        self.reading = None
        self.hint = None

    def hide(self) -> None:
        for element in self.elements:
            element.hide()

    def show(self) -> None:
        for element in self.elements:
            element.show()

    # ------------------------------------------------------------ input and frames
    def handle(self, event: pygame.event.Event) -> bool:
        """Handle one event; True when it was used."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            self.focus.focus(event.ui_element)
            self.app.sounds.play("click")
            self.actions[event.ui_element]()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.back()
        if (event.type == pygame.KEYDOWN and self.reading is not None
                and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END)):
            return scroll_text_box(self.reading, event.key)
        return self.focus.handle(event)

    def back(self) -> bool:
        """Escape: by default, open the pause menu."""
        self.app.open_pause()
        return True

    def update(self, dt: float) -> bool:
        """Advance animations; True while the scene needs frames without input."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a pygame_gui element (backgrounds, meters, charts), under the elements."""
        if not self.overlay:
            surface.fill(self.app.palette.background)

    # ------------------------------------------------------------ element helpers
    def keep(self, element: UIElement) -> UIElement:
        self.elements.append(element)
        return element

    def button(self, rect: pygame.Rect, text: str, action: Callable[[], None], tooltip: str | None = None,
               adjust: Callable[[int], None] | None = None, object_id: str | None = None,
               container: object | None = None, focusable: bool = True) -> UIButton:
        """A button that the mouse, Tab + Enter and (with ``adjust``) Left/Right all drive
        (``focusable=False``: a mouse shortcut whose action the keyboard reaches another way)."""
        b = UIButton(rect, text, self.app.manager, tool_tip_text=tooltip, object_id=object_id,
                     container=container or self.container)  # type: ignore[arg-type]
        self.keep(b)
        self.actions[b] = action
        if focusable:
            self.focus.add(Focusable(b, action, adjust))
        return b

    def label(self, rect: pygame.Rect, text: str, object_id: str | None = None,
              container: object | None = None) -> UILabel:
        return self.keep(UILabel(rect, text, self.app.manager, object_id=object_id,  # type: ignore[return-value]
                                 container=container or self.container))  # type: ignore[arg-type]

    def textbox(self, rect: pygame.Rect, html: str) -> UITextBox:
        return self.keep(UITextBox(html, rect, self.app.manager,  # type: ignore[return-value]
                                   container=self.container))  # type: ignore[arg-type]

    def reading_text(self, rect: pygame.Rect, html: str) -> UITextBox:
        """A text box for the screen's long text (a brief, a debrief), scrolled from the keyboard: Page Up/Down,
        Home and End anywhere on the screen, and the arrows too once Tab has given it the focus."""
        box = self.textbox(rect, html)
        self.reading = box
        if box.scroll_bar is not None:
            self.focus.add(Focusable(box, scroll=partial(scroll_text_box, box)))
        return box

    def line_height(self) -> int:
        """Height of one line of controls at the current text size."""
        return round(34 * self.app.text_scale)

    # ------------------------------------------------------------ the key-hint line
    def hint_height(self) -> int:
        """Height of the muted line that says which keys do what."""
        return round(22 * self.app.text_scale)

    def bottom_row(self, pad: int) -> int:
        """Top of a full screen's row of buttons, with the key-hint line below it."""
        return self.app.size[1] - self.line_height() - 6 - max(pad, self.hint_height() + 6)

    def key_hint(self, texts: list[str], rect: pygame.Rect | None = None) -> UILabel:
        """The muted line that says which keys do what: the first of ``texts`` that fits (shortest last), along
        the bottom of the window, or in ``rect`` (a panel's own coordinates)."""
        w, h = self.app.size
        height = self.hint_height()
        where = rect if rect is not None else pygame.Rect(0, h - height - 3, w, height)
        self.hint = self.label(where, texts[-1], object_id="#muted")
        self.hint.set_text(fit_first(self.hint, texts))
        return self.hint
