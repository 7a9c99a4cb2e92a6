"""Hot seat: what a player has not yet seen of the game, told to them when the screen is theirs again.

A deal struck at a table is told ("Deal struck": the terms, and what they are worth to the player's own
government) to every player who sat at that table: at once to the player at the screen, and to the other
at their next look at the screen. That is their next turn when they sit at the next table
(:meth:`game.ui.scenes.table.TableScene.switch_to`, with the published plan); straight away, behind a
curtain of their own, when the talks go on at tables where they have no seat (the experts of a Track 1.5
table whose plan the officials take up, :meth:`game.ui.scenes.table_news.TableNews.new_phase`); and at the
end of the game when it ends with that table (:func:`hand_to`). Which deal a player has not been told
follows from the moves (:mod:`game.session.untold`), so a game saved and loaded tells it too; whether the
player behind their own curtain closed it is kept in the save (:mod:`game.session.drafts`), so a game saved
or closed behind that curtain tells it once after loading, before the hand-over, and never twice.

At the end of the game each player is handed the screen for their own debrief (:func:`hand_to`): a player
who had no seat at the later tables first watches those talks move by move and reads the vote at home, as
a player alone at the screen does, since nobody has told them how those talks ended.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.engine.result import GameResult
from game.engine.state import State
from game.session.diagnosis import TracePoint
from game.session.game import Moment

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes.picker import Again


@dataclass(frozen=True)
class Unseen:
    """What the players still to be handed the screen at the end of a hot-seat game have not seen."""

    moments: tuple[Moment, ...] = ()                       # every move of the game
    deals: Mapping[str, Sequence[str]] = field(default_factory=dict)   # per player: a deal not yet told, in words

    def watched(self, party: str) -> list[Moment]:
        """The moves of the tables after the first at which ``party`` had no seat (the official talks, to the
        experts): the same rule as for the player at the screen when the game ends."""
        return [m for m in self.moments if m.before.phase > 0 and party not in m.before.phase_def.parties]


def tell_deal(app: App, lines: Sequence[str], then: Callable[[], None] | None = None) -> None:
    """'Deal struck' over the screen on top (a table, the published plan, a debrief), told in ``lines``;
    Continue or Esc closes it, shows that screen and calls ``then`` (if any)."""
    from game.ui.scenes.cards import DealScene
    app.push(DealScene(app, "Deal struck", list(lines), then or (lambda: None)))


def hand_to(app: App, state: State, result: GameResult, party: str, rest: tuple[str, ...],
            trace: tuple[TracePoint, ...], unseen: Unseen, again: Again | None = None,
            handed: Mapping[str, int] | None = None) -> None:
    """The end of a hot-seat game for the next player, ``party`` (``rest``: the players after them), once only
    they can see the screen: the talks they had no seat at, move by move (with the plan or the scope their
    table settled), then the vote at home and their debrief; a player who sat at every table goes straight
    to their debrief (whose 'Play again' opens the side picker as ``again`` says). A deal struck at their
    table that they were not told is told first, over it. ``handed``: the seats handed to the AI mid-game."""
    from game.ui.scenes.aftermath import AftermathScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.handoff import HandoffScene
    watched = unseen.watched(party)
    if watched and state.scenario.phases:
        aftermath = AftermathScene(app, state, result, party, trace, rest, unseen, again, handed)
        app.replace(HandoffScene(app, state, party, watched, aftermath))
    else:
        app.replace(DebriefScene(app, state, result, party, trace, rest, unseen, again, handed))
    if unseen.deals.get(party):
        tell_deal(app, unseen.deals[party])
