"""What ``backchannel`` (or ``python main.py``, ``python -m game``) starts: the window when there is a
display, else the terminal game.

With no arguments it opens the game window; without a display it says so in one line and starts
the terminal game. ``window`` (and the ``backchannel-window`` command) opens the window or fails
with a one-line reason, ``play ... --window`` plays that game in the window (or fails the same
way), ``screenshots OUTDIR`` plays a scripted game and saves a PNG of every screen, and every other
subcommand is the command line's (:mod:`game.cli.app`). The window's modules (and pygame) are
imported only on those paths, and the command line only when it runs: ``--version`` alone answers
from the package metadata before anything else is imported. The launcher prints nothing itself but
the version: the command line says what there is to say.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from game.errors import GameError

SAVES_USED = ("window", "play")   # the subcommands that read or write saved games and settings


def display_available() -> bool:
    """Whether a window can be opened (an explicit dummy or offscreen video driver counts as none)."""
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return False
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    return True


class WindowUnavailable(GameError):
    """The window could not open here (no display, no video device, a driver error...)."""


def _need_display(command: Sequence[str] = ()) -> None:
    """WindowUnavailable at once when there is no display (the window would wait unseen). ``command``: the
    terminal's command for the same game (``play ... --window`` without ``--window``), which the hint gives
    (a class trial: ``play --session SEAT --window`` was told to run 'play SCENARIO --side PARTY', a game outside
    the session); without it, how to start a game in the terminal."""
    if not display_available():
        import shlex

        from game.about import program
        typed = f"{program()} {shlex.join(command)}"
        hint = ((f"'{typed}'" if "'" not in typed else typed) if command else
                f"'{program()} play SCENARIO --side PARTY', or '{program()}' alone for the menu")
        raise WindowUnavailable(f"no display found, so the game window cannot open here; play in the terminal "
                                f"instead ({hint})")


def _window() -> int:
    """Run the window; WindowUnavailable (one line, no traceback) when it cannot open."""
    _need_display()
    try:
        from game.ui.app import run_window
        return run_window()
    except Exception as exc:
        if os.environ.get("BACKCHANNEL_DEBUG") == "1":
            raise
        raise WindowUnavailable(f"the game window could not open ({type(exc).__name__}: {exc})") from None


def _play_in_window(args: list[str]) -> int:
    """``play ... --window``: the game the play options describe (a classroom pair's too), in the window."""
    from game.cli.app import build_parser
    parser = build_parser()
    parsed = parser.parse_args(["play", *args])

    def start() -> int:
        _need_display(["play", *(a for a in args if a != "--window")])
        from game.classroom.planned import resumed
        from game.cli.play_cmd import make_session
        session = resumed(parsed.resume)[0] if parsed.resume else make_session(parsed)
        from game.ui.app import run_window
        return run_window(session, opening=not parsed.resume)
    return guarded(start)


def _serve(args: list[str]) -> int:
    """``classroom serve DIR ...``: the class server, a front-end beside the command line and the window
    (game.web, imported only here and only now, like the window's modules)."""
    from game.cli.app import build_parser
    parsed = build_parser().parse_args(args)

    def serve() -> int:
        from game.web.serve import run
        return run(parsed)
    return guarded(serve)


def guarded(work: Callable[[], int]) -> int:
    """The command line's guard (:func:`game.cli.app.guarded`): every error a message, never a traceback."""
    from game.cli.app import guarded as guard
    return guard(work)


def cli_main(argv: Sequence[str], notice: str | None = None) -> int:
    """The command line (:func:`game.cli.app.main`), imported when it runs."""
    from game.cli.app import main as run
    return run(argv, notice=notice)


def main(argv: Sequence[str] | None = None) -> int:
    """Start what the arguments ask for (see the module's docstring); the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:                   # at once: nothing of the game is imported for it
        from game.about import version_line
        print(version_line())
        return 0
    if not args or args[0] in SAVES_USED:
        _move_old_files()
    if args == ["window"]:
        return guarded(_window)                 # the CLI reports a window that cannot open
    if not args:
        if not display_available():
            return cli_main([], notice="No display found: starting the game in the terminal instead.")
        try:
            return _window()
        except WindowUnavailable as exc:
            return cli_main([], notice=f"{str(exc)[:1].upper()}{str(exc)[1:]}; starting the game in the terminal instead.")
    if args[0] == "play" and "--window" in args:
        return _play_in_window(args[1:])
    if args[:2] == ["classroom", "serve"]:
        return _serve(args)
    if args[0] == "screenshots":
        def shoot() -> int:
            from game.ui.screenshots import main as screenshots
            return screenshots(args[1:])
        return guarded(shoot)                   # an unwritable OUTDIR is one line, not a traceback
    return cli_main(args)


def window() -> int:
    """The ``backchannel-window`` command (a gui-script): the game window, or one line saying why not."""
    return main(["window"])


def _move_old_files() -> None:
    """Saved games and settings move once from the old (Linux) places to this platform's; said on stderr."""
    def move() -> int:
        from game.cli.app import say
        from game.paths import move_old_files
        say(move_old_files())
        return 0
    guarded(move)
