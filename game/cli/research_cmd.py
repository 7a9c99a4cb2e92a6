"""``research claims``: run the seeds' claims as experiments, each with its ablation.

Exit 0 whatever the claims say (the tests assert them); 2 for bad arguments (argparse's usage and message,
as every command), and 1 (after the report)
when a claim could not be measured because a scenario it needs is missing from --scenarios DIR or
invalid (each problem is said on standard error, with the loader's file:line:col message); 130 after
Ctrl-C, which still prints (and writes to --csv) what was measured, marked ``interrupted``. While it runs,
a line on standard error (a terminal only; standard output stays the report) says which claim and persona
is being measured.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any
from pathlib import Path

from game.cli import progress
from game.cli.lazy import seed_number
from game.cli.simulate_cmd import MAX_GAMES
from game.errors import GameError, error_line
from game.words import count, suggest


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "research", help="experiments over many games: the seeds' claims, each with its ablation",
        description="Experiments over many seeded games. 'research claims' measures each claim the seed "
                    "articles make (docs/model.md), with the ablation under which it must vanish.")
    sub = p.add_subparsers(dest="research_command", metavar="EXPERIMENT", required=True)
    claims = sub.add_parser("claims", help="measure every claim with every persona",
                            description="Measure every claim: its effect and 95% bootstrap interval over paired "
                                        "seeds, the same with its mechanism neutralised, and whether it holds and "
                                        "vanishes. The default persona's result comes first; every other "
                                        "persona's follows.")
    claims.add_argument("--scenarios", type=Path, default=None, metavar="DIR",
                        help="the folder of scenarios to use (default: the shipped ones); each claim's scenarios "
                             "are found by id, as DIR/<id>.yaml (e.g. narrow_deal_2020.yaml)")
    claims.add_argument("--games", type=int, default=40, metavar="N",
                        help=f"seeds per condition, at least 2 and at most {MAX_GAMES:,} (default 40; the seeds "
                             "are 0 to N-1 unless --seed)")
    claims.add_argument("--seed", type=seed_number, default=None, metavar="S",
                        help="master seed: play the N seeds 'simulate --seed S --games N' draws for its games "
                             "instead of 0 to N-1 (default: none, 0 to N-1, as docs/model.md's figures)")
    claims.add_argument("--claim", action="append", metavar="ID", dest="claim_ids",
                        help="measure only these claims (repeatable; ids a, b, c, d, e1, e2, e3, f, g: "
                             "docs/model.md, \"The claims\")")
    claims.add_argument("--persona", action="append", metavar="NAME",
                        help="measure only these personas, the first as the main one (repeatable)")
    claims.add_argument("--responses", choices=("credible", "automatic"), default=None,
                        help="set rule 12 of After signing in every scenario: 'credible' (a victim answers only "
                             "when answering beats tolerating) or 'automatic' (default: as each file says)")
    claims.add_argument("--json", action="store_true", help="print one JSON object")
    claims.add_argument("--csv", type=Path, metavar="FILE",
                        help="also write one CSV row per claim and persona into FILE (columns: docs/model.md)")
    claims.set_defaults(run=run, parser=claims)
    concession = sub.add_parser(
        "concession", help="the minister's realised concession ratio in non-binding talks, round by round",
        description="The official's concession on the Track 1.5 trap's first table with its reveal cost (λ) "
                    "against without, round by round, beside the target's ratio 1/(1+λ) (docs/model.md, "
                    "\"An official's concession rate\").")
    concession.add_argument("--persona", default="linear", metavar="NAME",
                            help="the AI of every delegation (default: linear)")
    concession.add_argument("--seed", type=int, default=0, metavar="S", help="the game's seed (default: 0)")
    concession.set_defaults(run=run_concession, parser=concession)


def run_concession(args: argparse.Namespace) -> int:
    """Print :func:`game.research.concession.concession_lines`."""
    from game.research.concession import concession_lines
    from game.strategies.registry import STRATEGIES
    if args.persona not in STRATEGIES:
        args.parser.error(f"--persona: unknown AI {args.persona!r}; expected one of: {', '.join(sorted(STRATEGIES))}")
    print("\n".join(concession_lines(args.persona, args.seed)))
    return 0


def run(args: argparse.Namespace) -> int:
    from game.research.claims import report
    from game.scenario.loader import SCENARIO_DIR
    from game.strategies.registry import STRATEGIES

    folder = args.scenarios if args.scenarios is not None else SCENARIO_DIR
    if not folder.is_dir():
        raise GameError(f"--scenarios {folder}: not a folder of scenario files")
    if args.games < 2:
        args.parser.error(f"--games: expected at least 2 seeds per condition, got {args.games}")
    if args.games > MAX_GAMES:                  # as simulate's limit: numpy would run out of memory first
        args.parser.error(f"--games: at most {MAX_GAMES:,} seeds per condition in one run, got {args.games:,} "
                          "(split the run over several master seeds with --seed)")
    unknown = [name for name in args.persona or () if name not in STRATEGIES]
    if unknown:
        args.parser.error(f"--persona {unknown[0]!r}: unknown persona{suggest(unknown[0], sorted(STRATEGIES))}")
    from game.research.claims import CLAIMS
    ids = [c.id for c in CLAIMS]
    wrong = [cid for cid in args.claim_ids or () if cid not in ids]
    if wrong:
        near = suggest(wrong[0], ids, listed=0)           # "did you mean", never the list: it follows
        args.parser.error(f"--claim {wrong[0]!r}: unknown claim{near}; the claims are {', '.join(ids)}")
    if args.csv is not None:
        from game.cli.csv_out import check_target
        check_target(args.csv)
    result = report(folder, args.games, args.persona, args.responses, only=args.claim_ids, master_seed=args.seed,
                    progress=_progress if progress.shown() else None)
    progress.clear()
    interrupted = bool(result["interrupted"])
    claims = result["claims"]
    assert isinstance(claims, list)                            # the report is JSON-shaped data
    if interrupted:
        print(f"interrupted: the report holds what was measured ({count(len(claims), 'claim')})", file=sys.stderr)
    problems = result["scenario_problems"]
    assert isinstance(problems, dict)
    if claims and all(str(c.get("reason") or "").startswith("the folder has no valid scenario") for c in claims):
        raise GameError(f"--scenarios {folder}: none of the scenarios the claims need is there "
                        "(they need the shipped files' ids, e.g. narrow_deal_2020.yaml)"
                        + "".join(f"\n  {problem}" for problem in problems.values()))
    if args.json:
        print(json.dumps(result))
    else:
        print(_seeds_line(args.games, args.seed))
        if interrupted:
            print("interrupted (Ctrl-C): only the claims and personas below were measured")
        for line in _settings_lines(None if folder.resolve() == SCENARIO_DIR.resolve() else folder, args.responses):
            print(line)
        for claim in claims:
            print(_describe(claim))
    if args.csv is not None:                    # after the output: a failed write loses no result already shown
        from game.cli.csv_out import CLAIM_COLUMNS, claim_rows, write_csv
        rows = write_csv(args.csv, CLAIM_COLUMNS, claim_rows(result))
        print(f"wrote {count(rows, 'row')}, one per claim and persona, to {args.csv}", file=sys.stderr)
    for problem in problems.values():        # after the report: a claim was not measured for want of its file
        print(error_line(f"--scenarios: {problem}"), file=sys.stderr)
    if problems:
        print(error_line(f"{count(len(problems), 'scenario')} missing or invalid: the claims that need "
                         f"{'it' if len(problems) == 1 else 'them'} were not measured"), file=sys.stderr)
    return 130 if interrupted else 1 if problems else 0


def _progress(what: str) -> None:
    """The progress line on standard error (a terminal): which claim and persona is being measured."""
    progress.show(f"measuring {what}")


def _seeds_line(games: int, master: int | None) -> str:
    """The text report's first line: how many games per condition, on which seeds (and a warning below
    :data:`game.research.stats.MIN_MEASURED`, the fewest measured seeds a verdict needs)."""
    from game.research.stats import MIN_MEASURED as FEW_SEEDS
    if master is None:
        line = f"{games} games per condition, seeds 0 to {games - 1} (no master seed: --seed not given)"
    else:
        line = (f"{games} games per condition, master seed {master} (the seeds 'simulate --seed {master} "
                f"--games {games}' gives its games)")
    if games < FEW_SEEDS:
        line += (f"\nfewer than {FEW_SEEDS} seeds per condition: the intervals below are indicative "
                 f"only and no claim gets a verdict (one needs at least {FEW_SEEDS} measured seeds; docs/model.md "
                 "reports 40)")
    return line


def _settings_lines(scenarios: Path | None, responses: str | None) -> list[str]:
    """The text report's header after its seeds line: the options that change what is measured, each only
    when it is not the default (``scenarios`` None: the shipped folder; ``responses`` None: as each file
    says), so that a report says how it was made."""
    lines = []
    if scenarios is not None:
        lines.append(f"scenarios from {scenarios} (--scenarios; each claim's files found there as <id>.yaml)")
    if responses is not None:
        lines.append(f"rule 12 of After signing set to '{responses}' in every scenario (--responses {responses})")
    return lines


def _estimate(e: dict[str, Any] | None) -> str:
    if e is None or e["value"] is None:
        return "not measured"
    lo, hi = e["ci95"]
    value, low, high = float(e["value"]), float(lo), float(hi)
    return f"{value:+.3f} [{low:+.3f}, {high:+.3f}]"


def _describe(claim: dict[str, Any]) -> str:
    """One claim's block of the text report: its verdict, effects, deal rates, reason and other personas;
    a verdict or effect without a seed to measure on says "not measured", as every unmeasured case does."""
    holds, gone = claim["holds"], claim["vanishes_under_ablation"]
    if holds is None:
        verdict = _withheld(claim.get("effect"))
    elif holds and gone:
        verdict = "holds, and vanishes under its ablation (earned)"
    elif holds and gone is None:
        verdict = f"holds; vanishing under its ablation: {_withheld(claim.get('ablation_effect'))}"
    elif holds:
        verdict = "holds, but does not vanish under its ablation (not earned)"
    else:
        verdict = "does not hold"
    effect = claim["effect"]
    unit = f" ({effect['unit']})" if isinstance(effect, dict) else ""
    lines = [f"({claim['id']}) {claim['statement']}",
             f"    {verdict} with {claim['persona']} (predicts {claim['predicts']}, margin {claim['margin']})",
             f"    effect {_estimate(effect)}; mechanism neutralised {_estimate(claim['ablation_effect'])}{unit}",
             f"    a game without a deal counts as: {claim['no_deal_counts_as']}",
             f"    conditions: {claim['conditions']}; ablation: {claim['ablation']}"]
    rates = claim.get("deal_rates")
    if isinstance(rates, dict):
        lines.append(f"    deals: {rates.get('treatment', 0):.0%} of treatment games, {rates.get('control', 0):.0%} of control")
    if claim.get("reason"):
        lines.append(f"    why: {claim['reason']}")
    others = claim.get("personas") or {}
    if others:
        lines.append("    other personas: " + "; ".join(f"{name} {_short(run)}" for name, run in others.items()))
    holds_for = claim["holds_for"]
    lines.append(f"    earned for: {', '.join(holds_for) if holds_for else 'no persona'}")
    return "\n".join(lines)


def _withheld(estimate: object) -> str:
    """Why a verdict on ``estimate`` (as JSON) is None: no seed to measure on ("not measured"), or fewer than
    the verdicts need ("too few measured games (n=N)")."""
    if not isinstance(estimate, dict) or not estimate.get("n"):
        return "not measured"
    return f"too few measured games (n={estimate['n']})"


def _short(run: dict[str, Any]) -> str:
    """One persona's result as the table in docs/model.md writes it: the effect, then ✓ (earned) or ✗."""
    effect = run.get("effect")
    if not isinstance(effect, dict) or effect.get("value") is None:
        return "not measured"
    from game.research.claims import earned
    verdict = earned(run.get("holds"), run.get("vanishes_under_ablation"))
    if verdict is None:
        withheld = effect if run.get("holds") is None else run.get("ablation_effect")
        mark = f"({'ablation ' if run.get('holds') is not None else ''}{_withheld(withheld)})"
    else:
        mark = "✓" if verdict else "✗"
    return f"{float(effect['value']):+.3f} {mark}" + (" (no deal in a condition)" if run.get("no_deal_in_a_condition") else "")
