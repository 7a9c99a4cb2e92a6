"""Benchmark of the scenario loader: loading the shipped scenarios, and how fast
each kind of hostile file is rejected (the target is well under a second).

Usage: ``python benchmarks/bench_loader.py [--json]``; the last line of
``--json`` output is one JSON object of figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.yamlsafe import MAX_BYTES

LAUGHS = "a: &a [" + ",".join(['"lol"'] * 9) + "]\n" + "".join(
    f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, n in zip("abcdefgh", "bcdefghi"))


def hostile_files(folder: Path) -> dict[str, Path]:
    cases: dict[str, str | bytes] = {
        "oversized": "# padding\n" * (MAX_BYTES // 10 + 10),
        "just_under_limit": "k: [" + ",".join(["1"] * (MAX_BYTES // 2 - 10)) + "]\n",
        "alias_bomb": LAUGHS,
        "deep_nesting": "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "python_tag": "id: !!python/object/apply:os.system ['true']\n",
        "binary_garbage": os.urandom(200_000),
        "empty": "",
    }
    paths = {}
    for name, content in cases.items():
        path = folder / f"{name}.yaml"
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        paths[name] = path
    directory = folder / "directory.yaml"
    directory.mkdir()
    paths["directory"] = directory
    return paths


def timed_load(path: Path) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        load_scenario(path)
        outcome = "loaded"
    except ScenarioError as exc:
        outcome = exc.problems[0].message[:60]
    return time.perf_counter() - start, outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="end with one JSON object of figures")
    args = parser.parse_args()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in hostile_files(Path(tmp)).items():
            seconds, outcome = timed_load(path)
            figures[f"reject_{name}_s"] = seconds
            print(f"{name:<18} {seconds * 1000:8.1f} ms  {outcome}", file=sys.stderr)
    figures["hostile_max_s"] = max(v for k, v in figures.items() if k.startswith("reject_"))
    loads = [timed_load(p)[0] for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    figures["load_scenario_mean_ms"] = 1000 * sum(loads) / len(loads)
    print(f"shipped scenarios load in {figures['load_scenario_mean_ms']:.1f} ms on average", file=sys.stderr)
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
