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
    contents, _, state, _ = restore(args.log, scenario_file=shipped_stand_in(args.log))
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



def shipped_stand_in(log: Path) -> Path | None:
    """The shipped scenario that stands in for a log's missing scenario file, or None (replay the recorded
    path, with its own error if it is missing). Rule: when the header's path does not exist, the shipped file
    named by its stem (``SCENARIO_DIR/<id>.yaml``, a shipped scenario's id being its file's name) is used
    if its SHA-256 equals the header's ``scenario_sha256`` (the same bytes: the same scenario); one line on
    standard error says so. A log moved from another machine or checkout replays this way."""
    import sys

    from game.scenario.loader import SCENARIO_DIR
    from game.session.movelog import file_sha256, read_log
    header = read_log(log, allow_partial_tail=True).header
    recorded = Path(str(header["scenario"]))
    if recorded.exists():
        return None
    shipped = SCENARIO_DIR / f"{recorded.stem}.yaml"
    if not shipped.is_file() or file_sha256(shipped) != header["scenario_sha256"]:
        return None
    print(f"{log}: the scenario file {recorded} is missing; replaying the shipped {recorded.stem!r} "
          f"({shipped}), whose SHA-256 matches the log's", file=sys.stderr)
    return shipped
