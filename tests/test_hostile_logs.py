"""Malformed, hostile or strange move logs give ``file:line: reason`` and exit 1, never an internal
error or a hang; a bad log is left out of the window's list of saved games (attack findings F2,
F12 and F17)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture(scope="module")
def good_log(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("logs")
    assert main(["simulate", str(SCENARIOS / "narrow_deal_2020.yaml"), "--games", "1", "--log-dir", str(folder)]) == 0
    [log] = list(folder.glob("*.jsonl"))
    return log.read_text(encoding="utf-8").splitlines()


def header_with(lines: list[str], **changes: object) -> list[str]:
    header = json.loads(lines[0])
    header.update(changes)
    return [json.dumps(header), *lines[1:]]


CASES = {
    "a list": lambda lines: ["[1, 2]", *lines[1:]],
    "a string": lambda lines: ['"header"', *lines[1:]],
    "negative seed": lambda lines: header_with(lines, seed=-1),
    "boolean seed": lambda lines: header_with(lines, seed=True),
    "unknown strategy": lambda lines: header_with(lines, strategies={"us": "nosuch", "ru": "boulware"}),
    "strategy not text": lambda lines: header_with(lines, strategies={"us": 3}),
    "unknown party": lambda lines: header_with(lines, humans=["xx"]),
    "injects text": lambda lines: header_with(lines, injects="abc"),
    "injects pair of text": lambda lines: header_with(lines, injects=[["x", "y"]]),
    "injects infinite": lambda lines: [lines[0][:-1] + ', "injects": [["shock", 1e999]]}', *lines[1:]],
    "infinite outcome": lambda lines: [lines[0], lines[1].replace('"kind"', '"outcome": [1e999], "kind"'),
                                       *lines[2:]],
    "offer outcome infinite": lambda lines: [line.replace('"outcome":[', '"outcome":[1e999,', 1) for line in lines],
    "deep nesting": lambda lines: [lines[0], "[" * 100_000 + "]" * 100_000, *lines[1:]],
    "huge number": lambda lines: [lines[0], '{"type": "action", "n": ' + "9" * 5000 + "}", *lines[1:]],
    "scenario elsewhere": lambda lines: header_with(lines, scenario="/etc/passwd"),
    "message basket a list": lambda lines: [line.replace('"message":null', '"message":{"kind":"red_line",'
                                                         '"basket":["x"]}', 1) for line in lines],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_malformed_log_is_refused_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  good_log: list[str], case: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(CASES[case](list(good_log))) + "\n", encoding="utf-8")
    code, said = run(capsys, "replay", str(path))
    assert code == 1, said
    assert said.startswith(f"error: {path}:") and "internal error" not in said and "root:x" not in said, said


@pytest.mark.parametrize("kind", ["fifo", "zero", "dangling"])
def test_a_log_that_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            kind: str) -> None:
    path = tmp_path / "odd.jsonl"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero here")
        path.symlink_to("/dev/zero")
    else:
        path.symlink_to(tmp_path / "nowhere.jsonl")
    for command in (["replay", str(path)], ["play", "--resume", str(path)]):
        code, said = run(capsys, *command)
        assert code == 1 and "internal error" not in said, said


def test_a_bad_log_is_left_out_of_the_saved_games(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  good_log: list[str]) -> None:
    from game.ui.scenes import load
    monkeypatch.setattr(load, "default_log_dir", lambda: tmp_path)
    (tmp_path / "list.jsonl").write_text("[1]\n", encoding="utf-8")
    (tmp_path / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (tmp_path / "dangling.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    os.mkfifo(tmp_path / "fifo.jsonl")
    assert load.LoadScene.saved_games() == []


@pytest.mark.parametrize("command", [["play", "narrow_deal_2020", "--side", "us", "--seed", "-1"],
                                     ["simulate", "narrow_deal_2020", "--seed", "-1"],
                                     ["classroom", "new", "narrow_deal_2020", "--tables", "2", "--seed", "-1",
                                      "-o", "x"]])
def test_a_negative_seed_is_refused_by_the_command_line(capsys: pytest.CaptureFixture[str],
                                                        command: list[str]) -> None:
    code, said = run(capsys, *command)
    assert code == 2 and "expected a whole number" in said


JUNK = [None, -1, 1.5, "x", [], {}, [1, 2], True, 10**20, "us", "ru", [["shock", 1]], [["nosuch", 1]],
        {"kind": "offer"}, {"kind": "red_line", "basket": ["x"]}]


def _paths(node: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, prefix + (i,))
    return out


def mutated_logs(lines: list[str], count: int, seed: int) -> list[str]:
    """``count`` copies of a log, each with one to three values replaced by junk or removed."""
    import random
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        records = [json.loads(line) for line in lines]
        for _ in range(rng.randint(1, 3)):
            record = rng.choice(records)
            path = rng.choice(_paths(record))
            parent = record
            for part in path[:-1]:
                parent = parent[part]
            if rng.random() < 0.7:
                parent[path[-1]] = rng.choice(JUNK)
            else:
                del parent[path[-1]]
        out.append("\n".join(json.dumps(r) for r in records) + "\n")
    return out


def check_mutated_logs(tmp_path: Path, capsys: pytest.CaptureFixture[str], lines: list[str], count: int,
                       seed: int) -> None:
    path = tmp_path / "mutant.jsonl"
    for text in mutated_logs(lines, count, seed):
        path.write_text(text, encoding="utf-8")
        code, said = run(capsys, "replay", str(path))
        assert code in (0, 1) and "internal error" not in said, (said, text)


def test_mutated_logs_replay_or_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           good_log: list[str]) -> None:
    check_mutated_logs(tmp_path, capsys, good_log, 100, seed=17)


@pytest.mark.slow
def test_many_mutated_logs_replay_or_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                good_log: list[str]) -> None:
    check_mutated_logs(tmp_path, capsys, good_log, 3000, seed=1933)
