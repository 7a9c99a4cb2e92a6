"""The title screen."""

from __future__ import annotations

import pygame

from game.ui.scene import Scene


class TitleScene(Scene):
    name = "title"

    def build(self) -> None:
        w, h = self.app.size
        line = self.line_height()
        self.label(pygame.Rect(0, h // 6, w, round(70 * self.app.text_scale)), "BACKCHANNEL", object_id="#title")
        self.label(pygame.Rect(0, h // 6 + round(74 * self.app.text_scale), w, line),
                   "Negotiate a mutual non-interference pact between Washington and Moscow", object_id="#muted")
        width = round(360 * self.app.text_scale)
        x, y = (w - width) // 2, h // 6 + round(140 * self.app.text_scale)
        from game.ui.scenes.load import LoadScene
        from game.ui.scenes.menus import HelpScene, SettingsScene, quit_app
        from game.ui.scenes.picker import PickerScene
        entries = [("New game", lambda: self.app.push(PickerScene(self.app)), "Pick a scenario and a side"),
                   ("Load a saved game", lambda: self.app.push(LoadScene(self.app)),
                    "Continue a game from its move log (games saved in the terminal too)"),
                   ("Settings", lambda: self.app.push(SettingsScene(self.app)), "Window, sound, colours, text size"),
                   ("Help and controls", lambda: self.app.push(HelpScene(self.app)), "F1 opens this anywhere"),
                   ("Quit", lambda: quit_app(self.app), None)]
        for i, (text, action, tip) in enumerate(entries):
            self.button(pygame.Rect(x, y + i * (line + 12), width, line + 4), text, action, tip)
        self.key_hint(["Tab / Shift+Tab move, Enter chooses, Esc goes back, F1 help, F11 full screen",
                       "Tab moves, Enter chooses, F1 help"])

    def back(self) -> bool:
        return True
