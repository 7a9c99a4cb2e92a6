"""How fast the command line answers: ``--help``, ``--version`` and ``validate`` on a shipped scenario.

Each figure is the median wall time of 10 runs of a fresh process, started the way a player starts
the game (the installed ``backchannel`` command beside this interpreter, else ``python -m game``),
from a temporary folder. ``python_pass_s`` is the same for ``python -c pass``: what any Python
program costs before it does anything. The targets (issue 16): ``--help`` and ``--version`` under
0.2 s, ``validate`` under 0.5 s.

The commands run byte-compiled, as an installed game does (pip compiles a wheel's modules when it
installs it): ``PYTHONDONTWRITEBYTECODE`` is dropped and the bytecode is kept in the temporary
folder (``PYTHONPYCACHEPREFIX``), so the warm-up run writes it and the measured runs read it, even
where the environment forbids writing bytecode. ``--no-bytecode`` keeps the environment as it is
(every module the environment cannot cache is compiled again in every run).

    python benchmarks/bench_cli.py [--runs N] [--json] [--no-bytecode]

The last line with ``--json`` is one JSON object: help_s, version_s, validate_s, python_pass_s
(seconds), with the runs, the command, the interpreter and whether the runs read bytecode.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"help_s": 0.2, "version_s": 0.2, "validate_s": 0.5}


def launcher() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m game``."""
    script = Path(sys.executable).with_name("backchannel.exe" if os.name == "nt" else "backchannel")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "game"]


def child_environment(folder: str, bytecode: bool) -> dict[str, str]:
    """The environment of the measured runs: with ``bytecode``, one that caches bytecode in ``folder``."""
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
    return env


def median_time(command: list[str], runs: int, cwd: str, env: dict[str, str] | None = None) -> float:
    """Median wall time of ``runs`` runs (after one warm-up run), each checked to exit 0."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)}: exit {result.returncode}: {result.stderr.strip()}")
        if i:
            times.append(elapsed)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Measure, print one line per figure and, with --json, the JSON object last."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per command (default 10)")
    parser.add_argument("--json", action="store_true", help="end with one JSON object of the figures")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="keep the environment's bytecode setting (default: run byte-compiled, as installed)")
    args = parser.parse_args(argv)
    game = launcher()
    with tempfile.TemporaryDirectory() as folder:
        env = child_environment(folder, bytecode=not args.no_bytecode)
        figures = {
            "help_s": median_time([*game, "--help"], args.runs, folder, env),
            "version_s": median_time([*game, "--version"], args.runs, folder, env),
            "validate_s": median_time([*game, "validate", "narrow_deal_2020"], args.runs, folder, env),
            "python_pass_s": median_time([sys.executable, "-c", "pass"], args.runs, folder, env),
        }
    for key, value in figures.items():
        verdict = "met" if value < TARGETS.get(key, 0) else "MISSED"
        target = f" (target < {TARGETS[key]} s: {verdict})" if key in TARGETS else ""
        print(f"{key:<14} {value:.3f} s{target}")
    if args.json:
        print(json.dumps({**{k: round(v, 4) for k, v in figures.items()}, "runs": args.runs,
                          "command": Path(game[0]).name if len(game) == 1 else "python -m game",
                          "python": sys.version.split()[0], "bytecode": not args.no_bytecode}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
