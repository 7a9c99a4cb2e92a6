"""The teaching material of a scenario (its optional ``teaching:`` section) as plain objects."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LessonStep:
    minutes: int
    activity: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class DebriefQuestion:
    """A debrief question; ``source`` is the 0-based index of the source whose ``argument`` it tests."""

    question: str
    source: int
    argument: str


@dataclass(frozen=True, slots=True)
class Teaching:
    staffing: str
    lesson_plan: tuple[LessonStep, ...]
    questions: tuple[DebriefQuestion, ...]

    @property
    def minutes(self) -> int:
        """The lesson plan's length."""
        return sum(step.minutes for step in self.lesson_plan)
