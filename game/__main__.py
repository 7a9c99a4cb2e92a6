"""``python -m game``: the same as ``backchannel`` and ``python main.py``."""

from game.launcher import main

raise SystemExit(main())
