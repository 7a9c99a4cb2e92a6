"""``replay LOG``: re-run a move log and check that it reaches its recorded hash."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.about import program
from game.errors import GameError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("replay", help="re-run a move log and check it reaches the recorded final state",
                              description="Re-run a game from its move log. Prints 'hash: <hex>' and exits 0 when "
                                          "the replay reaches the recorded hash; exits 1 naming the first line "
                                          "where it diverges.")
    p.add_argument("log", type=Path, metavar="LOG", help="a move log (.jsonl)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from game.engine.record import state_hash
    from game.session.movelog import human_suspects, restore
    contents, _, state, _ = restore(args.log)
    digest = state_hash(state)
    if contents.end_hash is None:            # no hash printed: stdout holds one only for a verified game
        raise GameError(f"{args.log}: the log has no end record (an unfinished game: its "
                        f"{len(contents.actions):,} moves replay; continue it with "
                        f"'{program()} play --resume {args.log}')")
    if digest != contents.end_hash:
        line = len(contents.actions) + 2
        raise GameError(f"{args.log}:{line}: diverges: the replay ends at a different state than recorded"
                        + human_suspects(contents, len(contents.actions)))
    print(f"hash: {digest}")
    return 0

