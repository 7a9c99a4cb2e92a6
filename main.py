"""Backchannel launcher: ``python main.py [SUBCOMMAND ...]`` (see ``--help``)."""

from game.cli.app import main

if __name__ == "__main__":
    raise SystemExit(main())
