"""The message an offer carries, at the window's table: the choices (docs/model.md, "Messages"), the
button's shortened name, the picker and the arrows that cycle it.

:class:`TableMessages` is mixed into :class:`game.ui.scenes.table.TableScene`; it reads the scene's
shown state (``view``), its message button and the chosen message's index.
"""

from __future__ import annotations

from functools import partial

from pygame_gui.elements import UIButton

from game.engine.actions import Message
from game.engine.word import contradicts
from game.engine.state import State
from game.session.views import message_choices
from game.ui.message_label import message_label
from game.ui.scene import Scene, fit_cut, fits


class TableMessages(Scene):
    """The message picker's part of the table (the table scene fills in these attributes)."""

    view: State
    draft: list[int]
    message_index: int
    message_button: UIButton
    _choices: list[tuple[str, Message | None]]
    _choices_for: object

    def refresh(self) -> None:
        raise NotImplementedError

    def choices(self) -> list[tuple[str, Message | None]]:
        """(name, message) of every message an offer can carry, in the picker's order (docs/model.md,
        "Messages"): none on a basket a lane or the definitions scope has locked; kept while the
        baskets and the locks stay the same."""
        key = (self.view.scenario.baskets, tuple(self.view.locks))
        if getattr(self, "_choices_for", None) != key:
            self._choices = message_choices(self.view.scenario, tuple(self.view.locks))
            self._choices_for = key
        return self._choices

    def messages(self) -> list[Message | None]:
        return [m for _, m in self.choices()]

    def unavailable(self) -> frozenset[int]:
        """The picker's red lines on an option the draft offers (rule 10 refuses such an offer; newcomer trial:
        the picker offered them and proposing was refused): greyed out while the draft contains the option."""
        outcome = tuple(self.draft)
        return frozenset(i for i, m in enumerate(self.messages()) if contradicts(self.view.scenario, outcome, m))

    def message_text(self, message: Message | None) -> str:
        """The message's name, shortened to fit the button (the picker and the tooltip give it whole)."""
        full = next((name for name, m in self.choices() if m == message), "No message")
        text = message_label(self.view.scenario, message, full, partial(fits, self.message_button))
        return text if fits(self.message_button, text) else fit_cut(self.message_button, text)

    def pick_message(self) -> None:
        """The named message picker (Enter or a click on the message button)."""
        from game.ui.scenes.message_picker import MessagePickerScene
        names = [name for name, _ in self.choices()]
        self.app.push(MessagePickerScene(self.app, names, self.message_index, self.set_message, self.unavailable()))

    def set_message(self, index: int) -> None:
        self.message_index = index
        self.focus.focus(self.message_button)
        self.refresh()

    def cycle_message(self, delta: int) -> None:
        """The next message (Left/Right on the button), past those the draft rules out (:meth:`unavailable`)."""
        skip, size = self.unavailable(), len(self.messages())
        index = (self.message_index + delta) % size
        while index in skip and index != self.message_index:
            index = (index + delta) % size
        self.message_index = index
        self.refresh()
