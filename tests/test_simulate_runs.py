"""simulate as a research tool (research-user trial): its logs replay with the events as they were played,
every pairing of a round robin plays the same seeds, an interrupted run says so and leaves no half-written
log, and the text summary names the run (seed, games, events, version)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS, interrupt_on_call

NARROW = str(SCENARIOS / "narrow_deal_2020.yaml")


def test_logs_of_a_run_without_events_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`replay` of a `--no-events` game used to diverge at its first round: the log did not say the events
    were off, so the replay drew them."""
    folder = tmp_path / "logs"
    assert main(["simulate", NARROW, "--games", "2", "--seed", "11", "--no-events", "--log-dir", str(folder)]) == 0
    logs = sorted(folder.glob("*.jsonl"))
    assert len(logs) == 2
    for log in logs:
        assert json.loads(log.read_text(encoding="utf-8").split("\n", 1)[0])["events"] is False
        capsys.readouterr()
        assert main(["replay", str(log)]) == 0, capsys.readouterr().err
        assert re.fullmatch(r"hash: [0-9a-f]{64}\n", capsys.readouterr().out)


def test_a_log_without_the_events_key_replays_with_events_on(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Older logs have no 'events' in the header: they were played with the events on."""
    folder = tmp_path / "logs"
    assert main(["simulate", NARROW, "--games", "1", "--seed", "11", "--log-dir", str(folder)]) == 0
    (log,) = folder.glob("*.jsonl")
    head, rest = log.read_text(encoding="utf-8").split("\n", 1)
    header = json.loads(head)
    assert header.pop("events") is True
    log.write_text(json.dumps(header) + "\n" + rest, encoding="utf-8")
    capsys.readouterr()
    assert main(["replay", str(log)]) == 0, capsys.readouterr().err


def test_a_header_whose_events_is_not_a_boolean_is_refused(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "logs"
    assert main(["simulate", NARROW, "--games", "1", "--no-events", "--log-dir", str(folder)]) == 0
    (log,) = folder.glob("*.jsonl")
    log.write_text(log.read_text(encoding="utf-8").replace('"events":false', '"events":"off"', 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["replay", str(log)]) == 1
    assert f"{log}:1: header key 'events': expected true or false" in capsys.readouterr().err


def test_every_pairing_of_a_round_robin_plays_the_same_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    """Game k of every pairing plays seed k of the run (paired comparisons of the AIs); each pairing used to
    get seeds of its own."""
    from game.strategies.runner import game_seeds
    assert main(["simulate", NARROW, "--round-robin", "--games", "3", "--seed", "5", "--json"]) == 0
    games = json.loads(capsys.readouterr().out)["games"]
    by_pairing: dict[tuple[str, str], list[int]] = {}
    for game in games:
        by_pairing.setdefault((game["a"], game["b"]), []).append(game["seed"])
    assert len(by_pairing) == 49
    expected = [int(s) for s in game_seeds(5, 3)]
    assert all(seeds == expected for seeds in by_pairing.values())


def test_a_single_pairing_keeps_its_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --round-robin the seeds are as before: game k plays the k-th draw of --seed."""
    from game.strategies.runner import game_seeds
    assert main(["simulate", NARROW, "--games", "3", "--seed", "5", "--json"]) == 0
    assert [g["seed"] for g in json.loads(capsys.readouterr().out)["games"]] == [int(s) for s in game_seeds(5, 3)]


def test_an_interrupted_run_removes_the_unfinished_log_and_says_it_was_interrupted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in the third game used to leave its log with a header and no end record (replay: 'no end
    record'); the JSON and the CSV did not say that the run was cut short."""
    from tests.conftest import interrupt_the_third_game
    interrupt_the_third_game(monkeypatch)
    folder, table = tmp_path / "logs", tmp_path / "games.csv"
    assert main(["simulate", NARROW, "--games", "5", "--json", "--log-dir", str(folder), "--csv", str(table)]) == 130
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert data["interrupted"] is True and data["games_requested"] == 5 and len(data["games"]) == 2
    logs = sorted(p.name for p in folder.iterdir())
    assert logs == ["narrow_deal_2020-00000.jsonl", "narrow_deal_2020-00001.jsonl"]   # no lock file either
    assert "removed the move log of the interrupted game" in out.err and "00002.jsonl" in out.err
    for log in folder.iterdir():
        assert main(["replay", str(log)]) == 0
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert len(rows) == 2 and all(r["interrupted"] == "true" and r["games_requested"] == "5" for r in rows)


def test_a_whole_run_says_it_was_not_interrupted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "games.csv"
    assert main(["simulate", NARROW, "--games", "2", "--json", "--csv", str(table)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["interrupted"] is False and data["games_requested"] == 2
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert all(r["interrupted"] == "false" and r["games_requested"] == "2" for r in rows)


def test_ctrl_c_while_a_finished_game_is_scored_removes_its_log(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring a game (its compliance histories) takes longer than playing it, so Ctrl-C mostly lands there:
    the game's log is whole, but the output does not count it, so it goes too."""
    from game.cli import simulate_cmd
    interrupt_on_call(monkeypatch, simulate_cmd, "_record", 3)
    folder = tmp_path / "logs"
    assert main(["simulate", NARROW, "--games", "5", "--json", "--log-dir", str(folder)]) == 130
    assert len(json.loads(capsys.readouterr().out)["games"]) == 2
    assert sorted(p.name for p in folder.iterdir()) == ["narrow_deal_2020-00000.jsonl", "narrow_deal_2020-00001.jsonl"]


def test_the_text_summary_names_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    """The text summary printed no seed, number of games, events on/off or version (research-user trial)."""
    from game.about import version
    assert main(["simulate", NARROW, "--games", "3", "--seed", "11", "--no-events"]) == 0
    first = capsys.readouterr().out.split("\n", 1)[0]
    assert first == f"narrow_deal_2020 · 3 games · seed 11 · events off · backchannel {version()}"
    assert main(["simulate", NARROW, "--games", "1", "--round-robin"]) == 0
    first = capsys.readouterr().out.split("\n", 1)[0]
    assert first == f"narrow_deal_2020 · 49 pairings x 1 game · seed 0 · events on · backchannel {version()}"


def test_the_text_summary_of_an_interrupted_run_says_so(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import interrupt_the_third_game
    interrupt_the_third_game(monkeypatch)
    assert main(["simulate", NARROW, "--games", "5"]) == 130
    first = capsys.readouterr().out.split("\n", 1)[0]
    assert first.startswith("narrow_deal_2020 · 5 games (interrupted after 2 of 5) · seed 0 · events on · ")


def test_a_phases_round_counts_from_1_as_the_events_do(capsys: pytest.CaptureFixture[str]) -> None:
    """Research trial: a game 'frozen' in round 1 by an event the same JSON said fired in round 2 (the phase's
    round was the engine's 0-based count, the events' from 1)."""
    from game.cli.app import main
    assert main(["simulate", "narrow_deal_2020", "--games", "2", "--seed", "1", "--json"]) == 0   # game 1: frozen
    games = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["games"]
    frozen = [(game, phase) for game in games for phase in game["phases"] if phase["ended_by"] == "frozen"]
    assert frozen
    for game, phase in frozen:                       # the freezing event fired as that round opened
        assert any(e["round"] == phase["round"] and e["id"] == "shock" for e in game["events"]), game


def test_ctrl_c_in_the_first_game_still_prints_the_json_of_no_game(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C before any game finished printed no JSON at all (a script reading stdout got nothing to parse):
    it prints the JSON of a partial run, with no game, and exits 130 as every interrupt does."""
    from tests.conftest import interrupt_game
    interrupt_game(monkeypatch, 3)
    assert main(["simulate", NARROW, "--games", "5", "--json"]) == 130
    partial = json.loads(capsys.readouterr().out)
    interrupt_game(monkeypatch, 1)
    table = tmp_path / "games.csv"
    assert main(["simulate", NARROW, "--games", "5", "--json", "--csv", str(table)]) == 130
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert list(data) == list(partial)
    assert data["interrupted"] is True and data["games_requested"] == 5
    assert data["games"] == [] and data["summary"] == []
    assert "interrupted after 0 of 5 games" in out.err and "Traceback" not in out.err
    assert list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8")))) == []   # a header, no row
    interrupt_game(monkeypatch, 1)
    assert main(["simulate", NARROW, "--games", "5"]) == 130
    assert "(interrupted after 0 of 5)" in capsys.readouterr().out.split("\n", 1)[0]
