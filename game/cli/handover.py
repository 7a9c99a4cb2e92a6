"""Who sits at the terminal: the hot-seat hand-over that erases one player's view before the next sits
down, and what a player coming back to the game is told first (where the talks stand)."""

from __future__ import annotations

import sys

from game.cli import lineedit, render
from game.cli.wrap import echo
from game.engine.state import State
from game.session.brief import seen_scenario


class QuitGame(Exception):
    """The player quit (or input ended); the log already holds every move."""


CLEAR = "\x1b[H\x1b[2J\x1b[3J"       # cursor home, erase the screen, erase the scrollback


def wipe() -> None:
    """Erase what the last player saw: on a terminal, the screen *and its scrollback* (``ESC[3J``, which
    xterm, VTE, tmux, the Linux console and Windows Terminal honour), so scrolling up shows nothing;
    when the output is not a terminal (piped), blank lines scroll it away."""
    if sys.stdout.isatty():
        sys.stdout.write(CLEAR)
        sys.stdout.flush()
    else:
        echo("\n" * 60)


def curtain(party: str, state: State) -> None:
    """Hot-seat hand-over: erase the screen and its scrollback and wait until the next player is alone
    at the screen (:func:`wipe`)."""
    wipe()
    lineedit.forget()                                     # the Up arrow must not show the last player's moves
    try:
        input(f"=== Hand over to {state.scenario.party(party).name}. Press Enter when only they can see the screen.")
    except EOFError:
        raise QuitGame from None
    wipe()
    echo(render.brief(seen_scenario(state, party), party))


def where(state: State, party: str, draft_kept: bool) -> None:
    """Where the talks stand, for a player back at a game (resumed): the round's heading, then the other's
    offer on the table, and that their own unsent draft is back (with or without an offer of theirs)."""
    if state.tables is None:
        return
    echo("\n" + render.status(state))
    if state.standing is not None and state.standing.party != party:
        echo(render.offer_text(state, state.standing, party))
    if draft_kept:
        echo("(your unsent draft is restored; 'show' prints it)")
