"""The text types of a scenario file: one definition for every model that takes text people read.

Rule: scenario text holds no unsafe character (:mod:`game.unsafe`: control characters, of which a
terminal escape code's ESC, and text-direction controls) but tab and line feed; ``validate`` refuses
one at its line, naming it (:mod:`game.scenario.messages`), and ``scenarios/schema.json`` gives an
editor the same pattern. :class:`Text` must say something; :class:`Prose` may be empty. Both the
main schema (:mod:`game.scenario.schema`) and the teaching section's (:mod:`game.scenario.teaching_schema`)
use these, so that no text field is left without the check.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from game.unsafe import UNSAFE_CLASS

MAX_TEXT = 4000
PLAIN_TEXT = r"^[^" + UNSAFE_CLASS + r"]*$"     # no unsafe characters (game.unsafe) but tab and line feed
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT, pattern=PLAIN_TEXT)]
Prose = Annotated[str, Field(max_length=MAX_TEXT, pattern=PLAIN_TEXT)]
