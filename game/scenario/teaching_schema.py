"""The optional ``teaching:`` section of a scenario file: material for the instructor who runs it.

A lesson plan (steps with their minutes, normally adding up to one 90-minute class), debrief
questions each tied to one of the scenario's sources (``source`` is its 1-based number in
``sources:``) and the argument of that source the question tests, and a staffing note saying how
to seat students at a table. The instructor's sheet prints it; the debrief slides ask the
questions. Kept apart from :mod:`game.scenario.schema` so that the section is one small addition; its
texts are the scenario's own (:mod:`game.scenario.texts`: no control or text-direction characters), since
the instructor's sheet prints them as the game prints every other text of the file.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from game.scenario.texts import Prose, Text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class LessonStepModel(_Strict):
    """One step of the lesson plan."""

    minutes: Annotated[int, Field(ge=1, le=180)] = Field(description="How long the step takes, in minutes.")
    activity: Text = Field(description="What the class does, in a few words.")
    detail: Prose = Field("", description="How to run the step.")


class QuestionModel(_Strict):
    """A debrief question, tied to the argument of one source."""

    question: Text = Field(description="The question to put to the class.")
    source: Annotated[int, Field(ge=1, le=100)] = Field(description="The number of the source in 'sources:' "
                                                                    "(1 for the first).")
    argument: Text = Field(description="The source's argument the question tests, in the author's own words "
                                       "(not the source's).")


class TeachingModel(_Strict):
    """Teaching material: a lesson plan, debrief questions tied to the sources, and how to staff a table."""

    staffing: Prose = Field("", description="How to seat students at one table (who plays which role, and what "
                                            "to do with spare students).")
    lesson_plan: list[LessonStepModel] = Field(min_length=1, max_length=20,
                                               description="The class step by step (about 90 minutes in all).")
    questions: list[QuestionModel] = Field(min_length=1, max_length=20,
                                           description="Debrief questions, each tied to a source's argument.")
