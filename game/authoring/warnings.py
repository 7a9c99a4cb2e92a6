"""A lint warning, where it is (line and column, and a key path that names items by id), and the
collector the checks write to.

The key path is what an author copies into ``lint: {accept: [{code, at, because}]}``: list items
that have an id are named by it (``baskets[hack_and_leak].options``, ``parties[us].weights``), so
an accepted warning stays accepted when items are reordered. ``validate`` names them the same way
(:func:`game.scenario.keypaths.format_path`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.errors import Problem
from game.model.scenario import Scenario
from game.scenario.keypaths import NAMED_LISTS
from game.scenario.yamlsafe import Locator, PathKey


CODES = frozenset({
    "accept-unused", "anchoring-without-plan", "cheat-gain-ignored", "deadline-recedes", "dominated-option",
    "duplicate-id", "event-never-fires", "final-table-not-binding", "id-not-file-name", "mixed-personas", "no-zopa",
    "official-no-reveal-cost", "plan-event-without-plan", "protocol-ignored", "red-lines-leave-nothing",
    "scope-no-deal", "scope-no-zopa", "too-large-to-analyse", "too-large-to-play", "track15-binding",
    "track15-like-official", "unofficial-binding-table", "unreachable-phase", "weights-sum", "yaml-1.1"})
"""Every code a lint check can give (docs/authoring.md's table lists them): :meth:`Collector.warn` takes no
other, and an accepted warning (``lint: {accept: [...]}``) whose code is none of them is misspelt."""


class Warning_(Problem):
    """A :class:`Problem` that does not stop the file from loading, with the check's code and the
    key path of the node it points at (a frozen value like :class:`Problem`, with two more fields)."""

    __slots__ = ("at", "code")
    __match_args__ = ("path", "line", "col", "message", "code", "at")

    code: str
    at: str

    def __init__(self, path: str, line: int, col: int, message: str, code: str = "", at: str = "") -> None:
        self._set(path=path, line=line, col=col, message=message, code=code, at=at)


def named_path(scenario: Scenario, path: PathKey) -> str:
    """``("baskets", 0, "options")`` -> ``baskets[hack_and_leak].options``: the items of the lists of
    :data:`NAMED_LISTS` by id (a scope's rungs and a basket's options too), those of other lists by position."""
    out = ""
    items: dict[str, list[str]] = {
        "baskets": [b.id for b in scenario.baskets], "forms": [f.id for f in scenario.forms],
        "parties": [p.id for p in scenario.parties], "phases": [p.id for p in scenario.phases],
        "events": [e.id for e in scenario.events] + [e.id for e in scenario.year_events],   # year events come last
        "stakeholders": [h.id for h in scenario.stakeholders]}
    parent: str | int | None = None
    for i, part in enumerate(path):
        if isinstance(part, int):
            ids = items.get(str(parent), []) if i == 1 else []   # a list of ids (phases[x].parties) names no item
            if parent == "options" and i == 3 and path[0] == "baskets" and isinstance(path[1], int):
                ids = [o.id for o in scenario.baskets[path[1]].options]
            if parent == "rungs" and i == 4 and path[0] == "phases" and isinstance(path[1], int):
                scope = scenario.phases[path[1]].scope
                ids = [r.id for r in scope.rungs] if scope is not None else []
            out += f"[{ids[part]}]" if parent in NAMED_LISTS and part < len(ids) else f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
        parent = part
    return out or "(top level)"


@dataclass
class Collector:
    """Where checks put their warnings: ``warn(node, code, message)`` locates each one."""

    scenario: Scenario
    locator: Locator
    found: list[Warning_] = field(default_factory=list)

    def warn(self, node: PathKey, code: str, message: str, at_key: bool = True) -> None:
        """Add warning ``code`` (one of :data:`CODES`) at ``node`` (at the node's key when ``at_key`` and it has one)."""
        if code not in CODES:
            raise ValueError(f"lint code {code!r} is not in game.authoring.warnings.CODES")
        line, col = self.locator.find(node, at_key)
        at = named_path(self.scenario, node)
        self.found.append(Warning_(self.scenario.path, line, col, f"warning [{code}]: {at}: {message}", code, at))
