"""``python -m game``: the same command line as ``python main.py``."""

from game.cli.app import main

raise SystemExit(main())
