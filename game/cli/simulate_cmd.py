"""``simulate SCENARIO``: AI-vs-AI games, summarised as a table or one JSON object.

Side A is every delegation speaking for the principal of the scenario's first
party, side B every other one. Game ``k`` of every pairing uses seed ``SeedSequence(S)``'s
``k``-th draw (:func:`game.strategies.runner.game_seeds`), so with ``--round-robin`` the pairings play
the same seeds (paired comparisons), and the same ``--seed`` gives the same output byte for byte.
One run plays at most 100,000 games (``--games`` times the pairings); Ctrl-C
stops it and still prints the summary of the games already played, none if it stopped the first or came
before it, while the scenario and its tables loaded (the JSON
and the CSV say ``interrupted`` and the games requested; exit 130), and removes the unfinished move log of the game it
stopped.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli.lazy import DEFAULT_AI, STRATEGY_NAMES, seed_number
from game.cli.simulate_record import game_record as _record
from game.errors import GameError
from game.words import count

MAX_GAMES = 100_000

if TYPE_CHECKING:
    from game.engine.actions import Action
    from game.engine.state import State
    from game.model.scenario import Scenario
    from game.strategies.runner import Observer
    from game.session.movelog import MoveLog


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("simulate", help="run AI-vs-AI games and summarise agreements, payoffs and intact pacts",
                              description=__doc__.split("\n\n")[0] + " " + " ".join(__doc__.split("\n\n")[1].split()))
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario .yaml file, or a shipped scenario's id")
    side_a = p.add_argument("--a", choices=STRATEGY_NAMES, metavar="AI",
                            help="the AI of side A (default: the scenario's, else %(default_ai)s; one of: %(choices)s)")
    setattr(side_a, "default_ai", DEFAULT_AI)       # argparse fills %(default_ai)s from the action
    p.add_argument("--b", choices=STRATEGY_NAMES, metavar="AI",
                   help="the AI of side B (one of: %(choices)s)")
    p.add_argument("--round-robin", action="store_true", help="every pair of AIs plays --games games, on the same seeds: game k of every pairing plays "
                        "seed k")
    p.add_argument("--games", type=int, default=20,
                   help=f"games per pairing (default 20; at most {MAX_GAMES:,} games in all)")
    p.add_argument("--seed", type=seed_number, default=0, help="master seed (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object with every game and a summary")
    p.add_argument("--log-dir", type=Path, metavar="DIR", help="write one move log per game into DIR")
    p.add_argument("--csv", type=Path, metavar="FILE",
                   help="also write one CSV row per game into FILE (columns: docs/playing.md)")
    p.add_argument("--summary-csv", type=Path, metavar="FILE",
                   help="also write the summary, one CSV row per pairing of AIs with each mean's sd and 95%% "
                        "interval, into FILE (columns: docs/playing.md)")
    p.add_argument("--no-events", action="store_true",
                   help="switch off the events of the talks (the compliance years' events stay), as 'research "
                        "claims' plays every scenario")
    p.set_defaults(run=run, parser=p)


def sides(scenario: Scenario) -> tuple[list[str], list[str]]:
    a_principal = scenario.parties[0].principal
    a = [p.id for p in scenario.parties if p.principal == a_principal]
    return a, [p.id for p in scenario.parties if p.id not in a]


def run(args: argparse.Namespace) -> int:
    """Check the arguments, then play and print; Ctrl-C at any moment after the checks (while the scenario
    and its tables load too) prints the output of the games played, even none, and exits 130."""
    if args.games < 1:
        args.parser.error("--games must be at least 1")
    if args.round_robin and (args.a or args.b):
        args.parser.error("--round-robin plays every pairing; do not combine it with --a/--b")
    pairs: list[tuple[str | None, str | None]] = (
        [(a, b) for a, b in product(STRATEGY_NAMES, repeat=2)] if args.round_robin else [(args.a, args.b)])
    if args.games * len(pairs) > MAX_GAMES:
        args.parser.error(f"--games: at most {MAX_GAMES:,} games in one run; {count(args.games, 'game')} x "
                          f"{count(len(pairs), 'pairing')} is {args.games * len(pairs):,} (split the run over several "
                          "seeds)")
    if args.log_dir is not None and args.log_dir.exists() and not args.log_dir.is_dir():
        raise GameError(f"--log-dir {args.log_dir}: is a file; expected a folder for the move logs")
    from game.cli.csv_out import check_target, same_path
    clash = same_path([("--log-dir", args.log_dir), ("--csv", args.csv), ("--summary-csv", args.summary_csv)])
    if clash:
        args.parser.error(clash)
    for option, target in (("--csv", args.csv), ("--summary-csv", args.summary_csv)):
        if target is not None:
            check_target(target, option)
    records: list[dict[str, Any]] = []
    total = args.games * len(pairs)
    scenario: Scenario | None = None
    interrupted = False
    try:                   # Ctrl-C from here on, even while the scenario and its tables load, prints the output
        scenario = _load(args)
        _play_all(args, scenario, pairs, records)
    except KeyboardInterrupt:
        interrupted = True
        print(f"\ninterrupted after {len(records)} of {count(total, 'game')}; the summary counts those", file=sys.stderr)
    if scenario is None:                    # stopped while the scenario loaded: read it again, for the output
        scenario = _load(args)
    from game.session.movelog import file_sha256
    # an interrupted run prints what it played, even nothing: the same JSON (games [], summary []), text and CSV
    from game.about import version
    summary = _summary(records, scenario)
    run_keys: dict[str, object] = {"scenario": scenario.id, "scenario_sha256": file_sha256(Path(scenario.path)),
                                   "version": version()}
    if args.json:
        print(json.dumps({**run_keys, "seed": args.seed, "events": not args.no_events, "interrupted": interrupted,
                          "games_requested": total, "games": records, "summary": summary}))
    else:
        print(_run_line(scenario.id, args, len(pairs), len(records) if interrupted else None))
        from game.cli.simulate_table import table
        print(table(summary, scenario))
    run_keys |= {"master_seed": args.seed, "events_on": not args.no_events, "interrupted": interrupted,
                 "games_requested": total}       # the CSVs' columns of the run, the same on every row
    if args.csv is not None:                    # after the output: a failed write loses no game already shown
        from game.cli.csv_out import game_columns, game_row, write_csv
        rows = write_csv(args.csv, game_columns(scenario), (game_row(r, run_keys) for r in records))
        print(f"wrote {count(rows, 'game')}, one row each, to {args.csv}", file=sys.stderr)
    if args.summary_csv is not None:
        from game.cli.csv_out import summary_columns, summary_row, write_csv
        means = summary_means(scenario)
        rows = write_csv(args.summary_csv, summary_columns(means), (summary_row(e, means, run_keys) for e in summary))
        print(f"wrote {count(rows, 'pairing')}, one row each, to {args.summary_csv}", file=sys.stderr)
    return 130 if interrupted else 0


def _load(args: argparse.Namespace) -> Scenario:
    """The scenario of the run, its events switched off with ``--no-events``, checked playable."""
    from game.model.limits import check_playable
    from game.scenario.loader import load_scenario
    scenario = load_scenario(args.scenario)
    if args.no_events:
        import dataclasses
        scenario = dataclasses.replace(scenario, events=())
    check_playable(scenario)                          # before any table is built
    return scenario


def _play_all(args: argparse.Namespace, scenario: Scenario, pairs: list[tuple[str | None, str | None]],
              records: list[dict[str, Any]]) -> None:
    """Play ``--games`` games per pairing of ``pairs``, appending each game's record to ``records`` as it ends
    (so that Ctrl-C, which propagates, leaves the games already played there)."""
    from game.engine.record import state_hash
    from game.engine.tables import build_tables
    from game.session.movelog import MoveLog, file_sha256
    from game.strategies.registry import DEFAULT, make
    from game.strategies.runner import game_seeds, play
    side_a, side_b = sides(scenario)
    seeds = game_seeds(args.seed, args.games)          # one list for every pairing: paired comparisons
    last = scenario.phases[-1].parties if scenario.phases else tuple(p.id for p in scenario.parties)
    build_tables(scenario, last, {})    # memoised before the first game, so loading them is not counted as one
    total = args.games * len(pairs)
    for k, (a, b) in enumerate(pair for pair in pairs for _ in range(args.games)):
        seed = int(seeds[k % args.games])
        names = {pid: (a if pid in side_a else b) or scenario.party(pid).strategy or DEFAULT
                 for pid in side_a + side_b}
        ais = {pid: make(name) for pid, name in names.items()}
        log = None
        try:                # Ctrl-C from the log's creation until the game is counted removes its log
            if args.log_dir:        # (create removes a log whose header it could not write whole)
                log = MoveLog.create(args.log_dir / f"{scenario.id}-{k:05d}.jsonl", {
                    "scenario": str(Path(scenario.path).resolve()),
                    "scenario_sha256": file_sha256(Path(scenario.path)),
                    "seed": seed, "humans": [], "strategies": names, "events": not args.no_events})
            final = play(scenario, seed, ais, observe=_logger(log) if log else None)
            if log:
                log.end(state_hash(final))
            record = _record(final, seed, names, side_a)
        except KeyboardInterrupt:
            if log:
                _discard(log)
                log = None
            raise
        finally:
            if log:
                log.close()
        records.append(record)
        _progress(k + 1, total)


def _discard(log: MoveLog) -> None:
    """Close and remove the log of a game Ctrl-C stopped before the summary counted it (unfinished, with no
    end record, or finished but in no output), saying so on stderr; the lock is given up only after the
    file is gone, so every log left in the folder is a game of the output."""
    log.handle.close()
    try:
        log.path.unlink(missing_ok=True)
        print(f"\nremoved the move log of the interrupted game, which the summary does not count: {log.path}",
              file=sys.stderr)
    except OSError as exc:
        print(f"\n{log.path}: the log of the interrupted game, which the summary does not count, could not be "
              f"removed ({exc.strerror or exc})", file=sys.stderr)
    finally:
        log.lock.release()


def _logger(log: MoveLog) -> Observer:
    """An observer that appends every applied action, with its effects, to ``log``."""
    from game.engine.record import new_deltas
    count = [0]

    def observe(before: State, action: Action, after: State) -> None:
        log.action(count[0], action, new_deltas(before, after))
        count[0] += 1
    return observe


GOVERNMENT_MEANS = ("paper", "in_force", "expected", "yearly_value")
"""The summary's means per government, each keyed ``PRINCIPAL_NAME`` (``yearly_value``: the mean of each game's mean)."""


RATES = ("agreement_rate", "in_force_rate")
"""The summary's shares of games: with a deal, and with a deal that entered into force (newcomer trial: the
summary said "deals 100%" where 4 of 10 took effect, and gave no rate of entry); Wilson's intervals."""


def summary_means(scenario: Scenario) -> list[str]:
    """The keys of the summary's means, in order; each has ``KEY_sd`` and ``KEY_ci95`` beside it."""
    principals = sorted({p.principal for p in scenario.parties})
    return (list(RATES) + [f"{p}_{key}" for p in principals for key in GOVERNMENT_MEANS]
            + ["mean_distance_to_frontier", "mean_distance_to_expected_frontier", "intact"] + [f"{p}_honoured_by_other" for p in principals])


def _summary(records: list[dict[str, Any]], scenario: Scenario) -> list[dict[str, Any]]:
    """Per pairing of AIs: agreement rate, the share of games whose deal entered into force (no deal counts 0),
    mean payoff per principal (on paper, in force, expected before the
    votes, yearly value over the compliance histories), distance to the frontier on paper and to the frontier
    at expected value (each over the deals it was measured on: ``mean_distance_to_frontier_n``,
    ``mean_distance_to_expected_frontier_n``), the mean share of compliance histories intact (a game
    without a deal, or whose deal never entered into force, counts 0), and per government the mean share of
    histories in which the other side honoured the pact, over the games where a pact took effect only (a
    deal that entered into force: ``honoured_by_other_n`` of them; elsewhere it is undefined). Every mean ``KEY`` has its spread
    over the games beside it (:func:`game.research.stats.spread`): ``KEY_sd`` and ``KEY_ci95`` ``[lo, hi]``,
    null below 2 values (a mean with no value, the distance without any frontier, is null too). The interval of the
    agreement rate (a share of games) is Wilson's; every other one Student's t (``intact`` too: each game's is a
    share of its compliance histories, not a 0 or a 1); the rate of entry into force's is Wilson's too."""
    out = []
    principals = sorted({p.principal for p in scenario.parties})
    for a, b in dict.fromkeys((r["a"], r["b"]) for r in records):
        rows = [r for r in records if r["a"] == a and r["b"] == b]
        deals = [r for r in rows if r["agreement"] is not None]
        samples: dict[str, list[float]] = {"agreement_rate": [float(r["agreement"] is not None) for r in rows],
                                           "in_force_rate": [float(r["agreement"] is not None and bool(r["in_force"]))
                                                             for r in rows]}
        for principal in principals:
            for key in GOVERNMENT_MEANS:
                samples[f"{principal}_{key}"] = [r["principals"][principal][key]["mean"] if key == "yearly_value"
                                                 else r["principals"][principal][key] for r in rows]
        for key in ("distance_to_frontier", "distance_to_expected_frontier"):
            samples[f"mean_{key}"] = [r[key] for r in deals if r[key] is not None]
        samples["intact"] = [r["intact"] for r in rows]
        took_effect = [r for r in rows if r["agreement"] is not None and r["in_force"]]
        for principal in principals:
            samples[f"{principal}_honoured_by_other"] = [r["principals"][principal]["honoured_by_other"]
                                                        for r in took_effect]
        entry: dict[str, Any] = {"a": a, "b": b, "games": len(rows)}
        for key in summary_means(scenario):
            entry.update(_with_spread(key, samples[key], key in RATES))
        entry["mean_distance_to_frontier_n"] = len(samples["mean_distance_to_frontier"])
        entry["mean_distance_to_expected_frontier_n"] = len(samples["mean_distance_to_expected_frontier"])
        entry["honoured_by_other_n"] = len(took_effect)
        out.append(entry)
    return out


def _with_spread(key: str, values: list[float], rate: bool = False) -> dict[str, Any]:
    """``KEY`` (the mean), ``KEY_sd`` and ``KEY_ci95`` of ``values``, each null (None) where undefined; ``rate``:
    a share of games, whose interval is Wilson's (:func:`game.research.stats.spread`)."""
    from game.research.stats import spread
    s = spread(values, rate)

    def number(x: float) -> float | None:
        return None if x != x else x          # NaN: undefined
    return {key: number(s.mean), f"{key}_sd": number(s.sd), f"{key}_ci95": [number(s.lo), number(s.hi)]}


def _run_line(scenario_id: str, args: argparse.Namespace, pairings: int, played: int | None) -> str:
    """The text summary's first line: which run it is. ``narrow_deal_2020 · 3 games · seed 11 · events off ·
    backchannel 0.1.0``; a round robin says its pairings (``49 pairings x 3 games``), an interrupted run
    the games it played (``played`` of them; None: all)."""
    from game.about import version_line
    games = count(args.games, "game")
    if pairings > 1:
        games = f"{count(pairings, 'pairing')} x {games}"
    if played is not None:
        games += f" (interrupted after {played:,} of {args.games * pairings:,})"
    return " · ".join([scenario_id, games, f"seed {args.seed}", f"events {'off' if args.no_events else 'on'}",
                       version_line()])


def _progress(done: int, total: int) -> None:
    """The progress line (:mod:`game.cli.progress`: standard error, a terminal only), ``simulating 3/1,600
    games``, erased after the last game."""
    from game.cli import progress
    progress.show(f"simulating {done:,}/{count(total, 'game')}")
    if done == total:
        progress.clear()
