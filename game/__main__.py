"""``python -m game``: the same as ``python main.py``."""

from game.launcher import main

raise SystemExit(main())
