"""Flat CSV files for researchers: ``simulate --csv FILE``, one row per game, and ``simulate --summary-csv
FILE``, one row per pairing of AIs (docs/playing.md lists the columns of both), and ``research claims --csv FILE``, one row per claim and persona (docs/model.md lists them).

The rules every such file follows:

* written with the standard library's :mod:`csv` (a header row, then one row per record; a cell with a
  comma, a quote or a line break is quoted), as UTF-8, through :func:`game.atomic.write_atomically`, so
  a crash or a full disk never leaves half a file;
* a number is written as the JSON output writes it (Python's shortest round-trip form), so
  ``float(cell)`` equals the ``--json`` value exactly; a boolean as ``true`` or ``false``; a missing
  value (JSON ``null``) as an empty cell;
* FILE is checked before any game is played (:func:`check_target`): a folder, a file in a folder
  that does not exist, or one in a folder where no file can be created (read-only, /proc, /sys) is
  refused in one line; so is a write that fails after all (a full disk), which leaves an earlier FILE
  as it was.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.atomic import write_atomically
from game.errors import GameError

if TYPE_CHECKING:
    from game.model.scenario import Scenario

# what simulate's JSON gives per government, in the order of the columns (yearly_value's three as _mean, _p5, _p95)
GOVERNMENT_FIELDS = ("paper", "in_force", "expected", "expected_in_force", "entry", "reservation",
                     "yearly_value_mean", "yearly_value_p5", "yearly_value_p95", "honoured_by_other", "answered")


def check_target(path: Path, option: str = "--csv") -> None:
    """Refuse (GameError, one line) a FILE that is a folder, or whose folder does not exist, is a file, or
    does not let a file be created in it: a temporary file is created there and removed, as
    :func:`game.atomic.write_atomically` will do, so a FILE that cannot be written is refused before
    any game is played rather than after the whole run."""
    if path.is_dir():
        raise GameError(f"{option} {path}: is a folder; expected the name of a .csv file to write")
    folder = path.parent
    if not folder.exists():
        raise GameError(f"{option} {path}: the folder {folder} does not exist; create it first or choose another")
    if not folder.is_dir():
        raise GameError(f"{option} {path}: {folder} is a file, not a folder")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}-check-")
    except OSError as exc:
        raise GameError(f"{option} {path}: cannot create a file in {folder} ({exc.strerror or exc})") from None
    os.close(handle)
    os.unlink(temp)


def same_path(targets: Sequence[tuple[str, Path | None]]) -> str | None:
    """The refusal of two options naming the same path, compared resolved (``a.csv`` and ``./a.csv`` are one
    file: the later write would silently replace the earlier one), or None when every path differs; the
    caller refuses it as an argument error (exit 2) before anything is played."""
    seen: dict[Path, str] = {}
    for option, path in targets:
        if path is None:
            continue
        key = path.resolve()
        if key in seen:
            return f"{option} {path}: the same path as {seen[key]}; give each output its own file"
        seen[key] = f"{option} {path}"
    return None


def cell(value: object) -> str:
    """One value as a CSV cell: '' for None, 'true'/'false' for booleans, repr for floats (as JSON writes them)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> int:
    """Write ``rows`` (each a mapping of some of ``columns`` to values; a missing one is an empty cell)
    under a header of ``columns`` to ``path``, atomically; return the number of rows. A failed write (a
    full disk, a read-only folder) is a GameError naming ``path``, and leaves any earlier file whole."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([cell(row.get(name)) for name in columns])
        count += 1
    try:
        write_atomically(path, text.getvalue().encode("utf-8"))
    except OSError as exc:
        raise GameError(f"{path}: cannot write the CSV ({exc.strerror or exc})") from None
    return count


# ---------------------------------------------------------------- simulate: one row per game
def _phases(scenario: Scenario) -> list[tuple[str, list[str]]]:
    """Each phase's id and its agreement's columns' keys: ``scope`` for a definitions phase, else every
    basket and ``form`` (a scenario without phases has one, ``talks``)."""
    baskets = [b.id for b in scenario.baskets] + ["form"]
    if not scenario.phases:
        return [("talks", baskets)]
    return [(p.id, ["scope"] if p.scope is not None else baskets) for p in scenario.phases]


def game_columns(scenario: Scenario) -> list[str]:
    """The columns of ``simulate --csv`` for ``scenario``, in order."""
    columns = ["seed", "a", "b", "scenario", "scenario_sha256", "version", "master_seed", "events_on", "interrupted",
               "games_requested", "deal"]
    for phase, keys in _phases(scenario):
        columns += [f"phase.{phase}.round", f"phase.{phase}.ended_by", f"phase.{phase}.final_response"] + [
            f"agreement.{phase}.{k}" for k in keys]
    for principal in sorted({p.principal for p in scenario.parties}):
        columns += [f"{principal}.{name}" for name in GOVERNMENT_FIELDS]
    return columns + ["in_force", "intact", "distance_to_frontier", "distance_to_expected_frontier", "violations_detected", "violations_settled",
                      "violations_undetected", "events_fired"]


def game_row(record: Mapping[str, Any], run: Mapping[str, object]) -> dict[str, object]:
    """One game's record (as simulate's JSON gives it) as a row; ``run`` holds the run's own columns
    (scenario, scenario_sha256, version, master_seed, events_on, interrupted, games_requested). Each fired
    event is written ``PHASE:ROUND:ID`` (the phase's index from 0, the round from 1), ``;`` between them."""
    row: dict[str, object] = dict(run)
    row.update(seed=record["seed"], a=record["a"], b=record["b"], deal=record["agreement"] is not None)
    for phase in record["phases"]:
        row[f"phase.{phase['phase']}.round"] = phase["round"]
        row[f"phase.{phase['phase']}.ended_by"] = phase["ended_by"]
        row[f"phase.{phase['phase']}.final_response"] = phase["final_response"]
        for key, value in (phase["agreement"] or {}).items():
            row[f"agreement.{phase['phase']}.{key}"] = value
    for principal, values in record["principals"].items():
        for name in GOVERNMENT_FIELDS:
            kind, _, stat = name.rpartition("_")
            value = values[kind][stat] if kind == "yearly_value" else values[name]
            row[f"{principal}.{name}"] = value
    row.update(in_force=record["in_force"], intact=record["intact"],
               distance_to_frontier=record["distance_to_frontier"],
               distance_to_expected_frontier=record["distance_to_expected_frontier"],
               events_fired=";".join(f"{e['phase']}:{e['round']}:{e['id']}" for e in record["events"]))
    for kind, value in record["violations"].items():
        row[f"violations_{kind}"] = value
    return row


# ---------------------------------------------------------------- simulate: one row per pairing (the summary)
SUMMARY_RUN_COLUMNS = ("a", "b", "scenario", "scenario_sha256", "version", "master_seed", "events_on", "interrupted",
                       "games_requested", "games")


def summary_columns(means: Sequence[str]) -> list[str]:
    """The columns of ``simulate --summary-csv``: the pairing and the run's columns, then each mean of the
    summary (``means``, in order) as ``KEY``, ``KEY_sd``, ``KEY_lo``, ``KEY_hi``, then the number of deals
    each distance to the frontier (on paper, at expected value) is measured on and the number of games whose pact took effect (those the
    ``G_honoured_by_other`` means are over)."""
    columns = list(SUMMARY_RUN_COLUMNS)
    for key in means:
        columns += [key, f"{key}_sd", f"{key}_lo", f"{key}_hi"]
    return columns + ["mean_distance_to_frontier_n", "mean_distance_to_expected_frontier_n", "honoured_by_other_n"]


def summary_row(entry: Mapping[str, Any], means: Sequence[str], run: Mapping[str, object]) -> dict[str, object]:
    """One pairing's summary entry (as simulate's JSON gives it) as a row: ``KEY_ci95`` ``[lo, hi]`` becomes
    ``KEY_lo`` and ``KEY_hi``; ``run`` holds the run's own columns."""
    row: dict[str, object] = dict(run)
    row.update(a=entry["a"], b=entry["b"], games=entry["games"],
               mean_distance_to_frontier_n=entry["mean_distance_to_frontier_n"],
               mean_distance_to_expected_frontier_n=entry["mean_distance_to_expected_frontier_n"],
               honoured_by_other_n=entry["honoured_by_other_n"])
    for key in means:
        lo, hi = entry[f"{key}_ci95"]
        row.update({key: entry[key], f"{key}_sd": entry[f"{key}_sd"], f"{key}_lo": lo, f"{key}_hi": hi})
    return row


# ---------------------------------------------------------------- research claims: one row per claim and persona
CLAIM_COLUMNS = ("version", "scenarios", "games", "master_seed", "seeds", "responses", "interrupted", "claim",
                 "statement", "conditions", "ablation", "predicts", "margin", "unit", "no_deal_counts_as", "persona", "main_persona",
                 "effect", "effect_lo", "effect_hi", "effect_n",
                 "ablation_effect", "ablation_effect_lo", "ablation_effect_hi", "ablation_effect_n",
                 "holds", "vanishes", "earned", "deal_rate_treatment", "deal_rate_control",
                 "ablation_deal_rate_treatment", "ablation_deal_rate_control", "no_deal_in_a_condition", "reason",
                 "scenario_sha256")


def _estimate(prefix: str, estimate: object) -> dict[str, object]:
    """An estimate's value, interval and n as the columns PREFIX, PREFIX_lo, PREFIX_hi, PREFIX_n."""
    if not isinstance(estimate, dict):
        return {}
    lo, hi = estimate["ci95"]
    return {prefix: estimate["value"], f"{prefix}_lo": lo, f"{prefix}_hi": hi, f"{prefix}_n": estimate["n"]}


def claim_rows(report: Mapping[str, Any]) -> list[dict[str, object]]:
    """The rows of ``research claims --csv``: per claim, the main persona's result first, then every other
    persona's (as the report's ``claims`` and their ``personas`` give them). The claim's own fields
    (``no_deal_counts_as`` among them, as the code states it) are the same on each of its rows; so is
    ``scenario_sha256``, the SHA-256 of each of the claim's scenario files as ``ID=HEX``, ``;`` between them
    (the report's ``scenario_sha256`` for the claim's ``scenarios``; a file that was not found is left out)."""
    from game.research.claims import earned
    run = {key: report[key] for key in ("version", "scenarios", "games", "master_seed", "seeds", "responses",
                                        "interrupted")}
    rows = []
    for claim in report["claims"]:
        others = claim.get("personas") or {}
        for main, result in [(True, claim)] + [(False, r) for r in others.values()]:
            row: dict[str, object] = dict(run)
            row["scenario_sha256"] = ";".join(f"{sid}={report['scenario_sha256'][sid]}" for sid in claim["scenarios"]
                                              if sid in report["scenario_sha256"])
            row.update(claim=claim["id"], statement=claim["statement"], conditions=claim["conditions"],
                       ablation=claim["ablation"], predicts=claim["predicts"],
                       margin=claim["margin"], no_deal_counts_as=claim["no_deal_counts_as"], persona=result["persona"], main_persona=main,
                       holds=result["holds"], vanishes=result["vanishes_under_ablation"],
                       no_deal_in_a_condition=result["no_deal_in_a_condition"], reason=result.get("reason"),
                       earned=earned(result["holds"], result["vanishes_under_ablation"]))
            effect = result.get("effect")
            row["unit"] = effect.get("unit") if isinstance(effect, dict) else None
            row.update(_estimate("effect", effect))
            row.update(_estimate("ablation_effect", result.get("ablation_effect")))
            for prefix, key in (("deal_rate", "deal_rates"), ("ablation_deal_rate", "ablation_deal_rates")):
                for condition, rate in (result.get(key) or {}).items():
                    row[f"{prefix}_{condition}"] = rate
            rows.append(row)
    return rows
