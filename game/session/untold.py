"""Hot seat: the deal struck at a table that a player has not been told yet, from the game's moves alone.

A deal is told at once to the player at the screen when it is struck: the one who accepted, or the
person whose move an AI's acceptance answered. Each other person who sat at that table is told it at
their next look at the screen: their next turn when they sit at the next table, at once (behind a curtain
of their own) when they have no seat there, and at the end of the game when it ended with that table.

Since all of this follows from the moves, a game saved and loaded tells the same deals as one played
without a break (window trial: a deal kept only in the window was never told after a reload). One thing the
moves cannot say: whether a player told a deal behind their own curtain at the change of tables
(:func:`told_at_change`), or at their turn (:func:`untold_deal`), closed it before the game was saved, since
nobody moves between that and the next move; the save keeps that beside the move log (:mod:`game.session.drafts`).
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.actions import Accept
from game.engine.state import Stage
from game.session.game import Moment


def mover(moment: Moment) -> str | None:
    """The party who made the move of ``moment`` (None for chance)."""
    party = getattr(moment.action, "party", None)
    return party if isinstance(party, str) else None


def ends_with_deal(moment: Moment) -> bool:
    """Whether ``moment`` is the acceptance that ended its table with a deal."""
    after = moment.after
    return isinstance(moment.action, Accept) and (after.phase != moment.before.phase or after.stage is Stage.OVER)


def deal_at(moments: Sequence[Moment], humans: Sequence[str], party: str, table: int) -> Moment | None:
    """The acceptance that ended table ``table`` with a deal, if ``party`` sat there and another person was
    at the screen when it was struck (else None)."""
    for k, moment in enumerate(moments):
        if ends_with_deal(moment) and moment.before.phase == table:
            if party not in moment.before.phase_def.parties:
                return None
            struck = next((p for m in reversed(moments[:k + 1]) if (p := mover(m)) in humans), None)
            return moment if struck != party else None
    return None


def untold_deal(moments: Sequence[Moment], humans: Sequence[str], party: str) -> Moment | None:
    """The deal ``party`` is to be told at their next look at the screen (their next turn, or their turn at
    the end of the game), among ``moments`` (every move of the game so far): one struck while another
    person was at the screen, at a table ``party`` sat at, with no move of ``party``'s since, and either
    ``party`` sits at the next table or no person has moved since (the game ran to its end; a player with no
    seat at the next table is otherwise told at the change of tables). None when there is none."""
    untold: Moment | None = None
    for k, moment in enumerate(moments):
        if mover(moment) == party:
            untold = None                      # they have had the screen since
        elif ends_with_deal(moment) and deal_at(moments, humans, party, moment.before.phase) is moment:
            seated = party in moment.after.phase_def.parties and moment.after.stage is not Stage.OVER
            if seated or not any(mover(m) in humans for m in moments[k + 1:]):
                untold = moment
    return untold


def told_at_change(moments: Sequence[Moment], humans: Sequence[str], party: str) -> Moment | None:
    """The deal ``party`` is to be told behind a curtain of their own at the change of tables, among
    ``moments`` (every move so far): the acceptance that made the last change of tables, when it ended a table
    ``party`` sat at with a deal another person struck (:func:`deal_at`), the talks go on at a table where
    ``party`` has no seat, and no person has moved since (the player to move is handed the screen only after
    it is told). None otherwise. Whether ``party`` was told it before the game was saved is the save's to say
    (:func:`game.session.drafts.told`): the moves cannot tell it apart from a window closed behind that curtain."""
    for moment in reversed(moments):
        after = moment.after
        if after.phase != moment.before.phase or after.stage is Stage.OVER:       # the last change of tables
            if not ends_with_deal(moment) or after.stage is Stage.OVER or party in after.phase_def.parties:
                return None
            return moment if deal_at(moments, humans, party, moment.before.phase) is moment else None
        if mover(moment) in humans:
            return None                        # a person has had the screen since: it was told before
    return None
