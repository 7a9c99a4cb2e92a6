"""The Track 1.5 hand-off as a scene: the plan the unofficial table published, how it anchors the
official talks, and then those talks, round by round (with fast-forward), when the player does not
sit there; at the end, the trap's plain closing sentence (:func:`game.session.handoff.closing_sentence`).

An official arriving at talks that a plan anchors sees the same scene first: the plan's content,
not only that it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine.result import game_result
from game.engine.state import Stage, State
from game.session.game import Moment
from game.session.handoff import anchoring_lines, closing_sentence, published_plan
from game.session.names import anchoring_rule, capitalised
from game.session.views import scope_settled
from game.session.watched import watched_steps
from game.ui.scene import Scene
from game.ui.textpanel import Line, TextPanel
from game.ui.theme import BODY

if TYPE_CHECKING:
    from game.ui.app import App


STEP_SECONDS = 0.8


def should_show_plan(state: State, side: str) -> bool:
    """An official at the opening of talks that a published plan anchors, who did not write it."""
    plan = published_plan(state)
    return (plan is not None and state.round == 0 and state.stage is not Stage.OVER
            and side in state.phase_def.parties and side not in plan.authors)


class HandoffScene(Scene):
    name = "hand-off"

    def __init__(self, app: App, state: State, side: str, watched: list[Moment], then: Scene | None) -> None:
        super().__init__(app)
        self.state, self.side, self.then = state, side, then
        self.steps: list[list[Line]] = []            # what each watched move adds to the story
        for step in watched_steps(watched, side):    # the terminal's account too (game.session.watched)
            self.steps.append([Line(f"   {t}" if k == "effect" else t, colour=app.palette.focus if k == "event" else None)
                               for k, t in step])
        self.shown = 0 if self.steps else -1
        self.clock = 0.0

    def settled(self) -> int | None:
        """The definitions table that just ended (its index), whose outcome this hand-off tells; else None."""
        s, k = self.state.scenario, self.state.phase - 1
        ended = s.phases and 0 <= k < len(self.state.results) and s.phases[k].scope is not None
        return k if ended else None

    def plan_lines(self) -> list[Line]:
        plan = published_plan(self.state)
        settled = self.settled()
        if plan is None and settled is not None:     # a definitions table publishes no plan: it settles a scope
            head, *effects = scope_settled(self.state, settled, self.side)
            return [Line(head, bold=True)] + [Line(text) for text in effects]
        if plan is None:
            return [Line("No plan was published.", bold=True),
                    Line("The unofficial table ended without an agreement: the official talks opened with no "
                         "plan to anchor them.")]
        lines = [Line(f"The plan of {plan.phase}", bold=True)]
        lines += [Line(f"{basket}: {option}") for basket, option in plan.terms]
        lines += [Line(""), Line(f"How it anchors {plan.next_phase}", bold=True),
                  Line(capitalised(anchoring_rule(plan.weight)) + ".")]
        lines += [Line(text) for text in anchoring_lines(self.state, plan, self.side)]
        return lines

    def story_lines(self) -> list[Line]:
        if not self.steps:
            if self.side not in self.state.phase_def.parties:     # hot seat: the experts hand the screen over
                return [Line(f"{self.state.phase_def.name}", bold=True),
                        Line(f"Your delegation has no seat at {self.state.phase_def.name}: the plan is on the table "
                             "when they open.")]
            return [Line(f"{self.state.phase_def.name}", bold=True),
                    Line("You sit at the official talks: the plan is on the table when they open."),
                    Line("Your delegation was not at the unofficial table: you know its plan, as published, and "
                         "not how it was bargained.")]
        lines = [Line("The official talks, move by move", bold=True)]
        for step in self.steps[:self.shown]:
            lines += step
        if self.shown >= len(self.steps) and self.state.stage is Stage.OVER:
            sentence = closing_sentence(self.state, game_result(self.state))
            if sentence:
                lines += [Line(""), Line(sentence, bold=True)]
        return lines

    def build(self) -> None:
        w, h = self.app.size
        pad, line = 16, self.line_height()
        settled = self.settled()
        scope = self.state.scenario.phases[settled].scope if settled is not None else None
        heading = ("The plan is published" if published_plan(self.state) is not None else
                   f"{scope.name}: settled" if scope is not None else "No plan: the official talks went ahead")
        self.label(pygame.Rect(pad, 8, w - 2 * pad, line + 6), heading, object_id="#heading")
        top, bottom = line + 24, self.bottom_row(pad)
        self.key_hint(["Tab moves · the arrows, Page Up/Down scroll the focused panel · Enter presses · Esc goes on · "
                       "F1 help", "Tab moves · Enter presses · Esc goes on · F1 help"])
        p = self.app.palette
        fonts = (self.app.font(BODY), self.app.font(BODY, bold=True), p.ink, p.panel, (68, 80, 106))
        half = (w - 3 * pad) // 2
        self.plan = TextPanel(pygame.Rect(pad, top, half, bottom - top - 10), *fonts)
        # the talks watched move by move read as a log (newest at the bottom); a note alone reads from the top
        self.story = TextPanel(pygame.Rect(2 * pad + half, top, w - 3 * pad - half, bottom - top - 10), *fonts,
                               bottom_up=bool(self.steps))
        self.plan.set_lines(self.plan_lines())
        self.told = -2
        from game.ui.focus import Focusable
        for panel in (self.plan, self.story):
            self.focus.add(Focusable(panel, scroll=panel.scroll_key))
        self.fast = self.button(pygame.Rect(pad, bottom, 240, line + 6), "Fast-forward", self.fast_forward,
                                tooltip="Show the rest of the official talks at once")
        from game.ui.scenes.menus import CurtainScene
        label = ("To the official talks →" if self.then is None else
                 "Hand over →" if isinstance(self.then, CurtainScene) else "To the results →")
        go = self.button(pygame.Rect(w - pad - 280, bottom, 280, line + 6), label, self.proceed)
        self.focus.focus(go)
        if self.shown < 0 or self.shown >= len(self.steps):
            self.fast.disable()

    def fast_forward(self) -> None:
        self.shown = len(self.steps)
        self.fast.disable()

    def proceed(self) -> None:
        if self.then is None:
            self.app.pop()
        else:
            self.app.replace(self.then)

    def back(self) -> bool:
        self.proceed()
        return True

    def handle(self, event: pygame.event.Event) -> bool:
        return self.plan.handle(event) or self.story.handle(event) or super().handle(event)

    def update(self, dt: float) -> bool:
        """The watched talks, a move every STEP_SECONDS, while this screen is on top (not under a 'Deal struck'
        told over it, which would hide the first moves)."""
        if self.shown < 0 or self.shown >= len(self.steps) or self.app.top is not self:
            return False
        self.clock += dt
        if self.clock >= STEP_SECONDS or self.app.settings.reduce_motion:
            self.clock = 0.0
            self.shown += 1
            if self.shown >= len(self.steps):
                self.fast.disable()
        return True

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.told != self.shown:
            self.story.set_lines(self.story_lines())
            self.told = self.shown
        self.plan.draw(surface)
        self.story.draw(surface)
