"""Backchannel: ``python main.py`` opens the game window (the terminal game without a display);
``python main.py SUBCOMMAND ...`` runs the command line (see ``--help``)."""

from game.launcher import main

if __name__ == "__main__":
    raise SystemExit(main())
