"""The command line: help, exit codes, validate's output format, analyze's JSON contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.app import COMMANDS, main
from tests.conftest import GENIUS, ROOT, SCENARIOS, shipped_scenarios

SUBCOMMANDS = ("play", "simulate", "replay", "validate", "analyze", "schema", "classroom", "new", "lint", "export",
               "research")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.mark.parametrize("launcher", [["main.py"], ["-m", "game"]], ids=["main.py", "-m game"])
def test_help_lists_every_subcommand_with_a_description(launcher: list[str]) -> None:
    result = run(*launcher, "--help")
    assert result.returncode == 0
    rows = result.stdout.splitlines()
    for name in SUBCOMMANDS:
        at = next(i for i, row in enumerate(rows) if row.strip() == name or row.strip().startswith(name + " "))
        described = rows[at].split(maxsplit=1)[1:] or [rows[at + 1].strip()]   # a long name wraps its text
        assert len(described[0]) > 10
    assert len(COMMANDS) == len(SUBCOMMANDS)


def test_unknown_subcommand_gives_usage_and_exit_2() -> None:
    result = run("main.py", "negotiate-harder")
    assert result.returncode == 2
    assert "usage:" in result.stderr and "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_very_long_unknown_command_is_echoed_cut_short_with_the_valid_commands() -> None:
    result = run("main.py", "x" * 5000)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"invalid choice: '{'x' * 57}...' (choose from 'play', 'simulate', " in result.stderr, result.stderr[:300]
    assert "x" * 58 not in result.stderr and len(result.stderr) < 400


@pytest.mark.parametrize(("argv", "said"), [
    (["validate", "--" + "y" * 5000, "a.yaml"], f"unrecognized arguments: --{'y' * 55}..."),
    (["simulate", "narrow_deal_2020", "--games", "9" * 5000], f"invalid int value: '{'9' * 57}...'"),
    (["simulate", "narrow_deal_2020", "--seed", "z" * 5000], f"got '{'z' * 57}...'"),
    (["valdiate", "a.yaml"], "invalid choice: 'valdiate'; did you mean 'validate'? (choose from 'play', ")])
def test_what_argparse_echoes_of_the_command_line_is_cut_short(argv: list[str], said: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and said in err and len(err) < 1000, err[:300]


def test_a_file_name_too_long_for_the_system_is_echoed_cut_short(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "q" * 5000 + ".yaml"]) == 1
    err = capsys.readouterr().err                                  # 'File name too long', in the system's words
    assert err.startswith(f"error: {'q' * 57}...: ") and len(err) < 200, err[:300]


def test_bad_arguments_give_usage_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["analyze"], ["analyze", "a.yaml", "--method", "magic"], ["validate"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        assert "usage:" in capsys.readouterr().err


def test_no_arguments_prints_an_introduction(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Backchannel" in out and "narrow_deal_2020" in out and "The Track 1.5 trap" in out


def test_validate_accepts_files_and_folders(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SCENARIOS)]) == 0
    assert f"{len(shipped_scenarios())} scenario files valid" in capsys.readouterr().out


def test_validate_prints_every_problem_of_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = (SCENARIOS / "narrow_deal_2020.yaml").read_text()
    (tmp_path / "a.yaml").write_text(good.replace("reservation: 0.35", "reservation: heavy"))
    (tmp_path / "b.yaml").write_text(good.replace("rounds: 10", "rounds: ten").replace("year: 2020", "year: soon", 1))
    (tmp_path / "c.yaml").write_text(good)
    assert main(["validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{tmp_path / 'a.yaml'}:") and "parties[us].reservation: expected a number, got 'heavy'" in lines[0]
    assert all(row.startswith(f"{tmp_path / 'b.yaml'}:") for row in lines[1:])
    assert "2 of 3 files invalid, 3 problems" in err


def test_validate_of_hostile_input_never_shows_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "garbage.yaml").write_bytes(os.urandom(2048))
    (tmp_path / "folder.yaml").mkdir()
    result = run("main.py", "validate", str(tmp_path / "garbage.yaml"), str(tmp_path / "folder.yaml" / ".."),
                 str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "no such file" in result.stdout


def test_analyze_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(SCENARIOS / "narrow_deal_2020.yaml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"parties", "n_outcomes", "reservation", "frontier", "nash", "kalai_smorodinsky",
                         "max_welfare", "zopa"}
    assert data["parties"] == ["us", "ru"] and data["n_outcomes"] == 5 ** 6 * 4
    assert isinstance(data["zopa"], bool) and len(data["reservation"]) == 2
    for point in data["frontier"] + [data["nash"], data["kalai_smorodinsky"], data["max_welfare"]]:
        assert set(point) == {"outcome", "utilities"} and len(point["utilities"]) == 2
        assert list(point["outcome"]) == ["hack_and_leak", "election_infrastructure", "critical_infrastructure",
                                          "state_media", "political_financing", "channels", "form"]


def test_analyze_summary_spells_out_the_deals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(SCENARIOS / "track15_trap.yaml"), "--phase", "track15"]) == 0
    out = capsys.readouterr().out
    for text in ("Outcome space: 312,500 outcomes", "Reservation values", "Zone of agreement:", "Pareto frontier",
                 "Nash bargaining deal", "Kalai-Smorodinsky deal", "Government grants to NGOs", "Agreement form",
                 "Former US officials and scholars [us_experts]", "phase track15", "Every value below is on paper"):
        assert text in out


def test_analyze_unknown_phase_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(SCENARIOS / "track15_trap.yaml"), "--phase", "nope"]) == 1
    assert "no phase 'nope'; expected one of: track15, official_talks" in capsys.readouterr().err


def test_analyze_genius_names_a_folder_a_missing_file_a_party_twice_and_a_phase(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Researcher trial: a folder and a missing path got a usage block, the same profile twice was analysed
    as two parties, and --phase was silently ignored."""
    assert main(["export", "--genius", str(SCENARIOS / "narrow_deal_2020.yaml"), str(tmp_path / "g")]) == 0
    capsys.readouterr()
    g = tmp_path / "g"
    cases = [([str(g)], "is a folder; expected its files"),
             ([str(g / "domain.xml"), str(g / "us.xml"), str(tmp_path / "none.xml")], "none.xml: no such file"),
             ([str(g / "domain.xml"), str(g / "us.xml"), str(g / "us.xml")], "the party 'us' is given twice")]
    for files, said in cases:
        assert main(["analyze", "--genius", *files]) == 1
        assert said in capsys.readouterr().err
    assert main(["analyze", "--genius", str(g / "domain.xml"), str(g / "us.xml"), str(g / "ru.xml"), "--phase", "x"]) == 1
    assert "give --phase only with a SCENARIO" in capsys.readouterr().err
    assert main(["analyze", "--genius", str(g / "domain.xml"), str(g / "us.xml"), str(g / "ru.xml")]) == 0


def test_simulate_reports_events_reservations_and_stakeholders_and_can_switch_events_off(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Researcher trial: a game's no-deal value differed from the file's with nothing in the record to say why,
    the trap's absent party was missing, and the documented 'events off' figures could not be reproduced."""
    assert main(["simulate", str(SCENARIOS / "track15_trap.yaml"), "--games", "3", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["events"] is True and len(report["scenario_sha256"]) == 64
    fired = [g for g in report["games"] if g["events"]]
    assert fired and all({"phase", "round", "id"} <= set(e) for g in fired for e in g["events"])
    for g in report["games"]:
        assert all("reservation" in p for p in g["principals"].values())
        assert g["stakeholders"]                                      # the absent party is reported
    assert main(["simulate", str(SCENARIOS / "track15_trap.yaml"), "--games", "3", "--json", "--no-events"]) == 0
    quiet = json.loads(capsys.readouterr().out)
    assert quiet["events"] is False and not any(g["events"] for g in quiet["games"])
    (tmp_path / "file").write_text("x")
    assert main(["simulate", str(SCENARIOS / "narrow_deal_2020.yaml"), "--games", "1", "--log-dir",
                 str(tmp_path / "file")]) == 1
    assert "is a file; expected a folder" in capsys.readouterr().err


def test_analyze_invalid_scenario_prints_located_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\n")
    assert main(["analyze", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:1:1: ") and "required key is missing" in err


def test_both_methods_give_the_same_json(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for method in ("enumerate", "factored"):
        assert main(["analyze", str(SCENARIOS / "roosevelt_litvinov_1933.yaml"), "--json", "--method", method]) == 0
        data = json.loads(capsys.readouterr().out)
        data.pop("method")
        outputs.append(data)
    assert outputs[0] == outputs[1]


@pytest.mark.skipif(not GENIUS.is_dir(), reason="../shared/genius is not beside this checkout")
def test_analyze_genius_uses_profile_names_and_the_same_contract(capsys: pytest.CaptureFixture[str]) -> None:
    folder = GENIUS / "EnglandZimbabwe"
    assert main(["analyze", "--genius", str(folder / "EnglandZimbabwe_domain.xml"), str(folder / "Zimbabwe.xml"),
                 str(folder / "England.xml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["parties"] == ["Zimbabwe", "England"] and data["n_outcomes"] == 576
    assert data["reservation"] == [0.0, 0.0] and data["nash"] is not None


def test_schema_check_detects_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "schema.json"
    stale.write_text("{}")
    assert main(["schema", "--check", "-o", str(stale)]) == 1
    assert main(["schema", "-o", str(stale)]) == 0
    assert main(["schema", "--check", "-o", str(stale)]) == 0


def test_analyze_judges_a_given_deal(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(SCENARIOS / "narrow_deal_2020.yaml")
    assert main(["analyze", path, "--json", "--deal", "hack_and_leak=pledge,channels=pledge_verify,form=treaty"]) == 0
    deal = json.loads(capsys.readouterr().out)["deal"]
    assert deal["outcome"]["hack_and_leak"] == "pledge" and deal["outcome"]["state_media"] == "none"
    assert deal["red_lines_crossed"] == ["channels"] and deal["acceptable"] is False
    assert deal["distance_to_frontier"] > 0
    assert main(["analyze", path, "--json"]) == 0
    nash = json.loads(capsys.readouterr().out)["nash"]["outcome"]
    assert main(["analyze", path, "--json", "--deal", ",".join(f"{k}={v}" for k, v in nash.items())]) == 0
    deal = json.loads(capsys.readouterr().out)["deal"]
    assert deal["distance_to_frontier"] == 0 and deal["acceptable"] is True
    assert main(["analyze", path, "--deal", "form=pact"]) == 1
    assert "--deal: form=pact: expected one of: executive_agreement" in capsys.readouterr().err


def test_no_arguments_without_a_display_say_so_and_start_the_terminal_game() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy"}
    result = subprocess.run([sys.executable, "main.py"], capture_output=True, text=True, cwd=ROOT, env=env,
                            timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0
    assert result.stderr.strip() == "No display found: starting the game in the terminal instead."
    assert "narrow_deal_2020" in result.stdout          # the terminal game's scenario menu


def test_an_unrecognized_argument_is_refused_with_its_subcommands_usage(capsys: pytest.CaptureFixture[str]) -> None:
    """Research trial: 'research claims --bogus' printed the program's usage, not the subcommand's."""
    for argv, usage in ((["research", "claims", "--bogus"], "research claims"),
                        (["simulate", "narrow_deal_2020", "--bogus"], "simulate"), (["--bogus"], "")):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
        err = capsys.readouterr().err
        first = err.splitlines()[0]
        head = first.split("[-h]")[0].rstrip()
        assert first.startswith("usage: ") and (head.endswith(usage) if usage else "SUBCOMMAND" in first), first
        assert "unrecognized arguments: --bogus" in err


def test_the_scenario_menu_keeps_its_columns_for_the_longest_id() -> None:
    """A fresh-machine check: 'narrow_deal_2020_definitions' (28 characters) pushed its year out of the column."""
    from game.cli.app import scenario_menu
    rows = [line for line in scenario_menu().splitlines() if line.startswith("  ") and "[" in line]
    years = {line.index(" 19") if " 19" in line else line.index(" 20") for line in rows}
    assert len(rows) >= 2 and len(years) == 1, rows



def test_simulate_json_gives_the_share_of_histories_of_each_year_event(capsys: pytest.CaptureFixture[str]) -> None:
    """Rule 11's shares reach the research output (author trial: no output named the year events)."""
    from game.scenario.loader import load_scenario
    ids = {e.id for e in load_scenario(SCENARIOS / "narrow_deal_2020.yaml").year_events}
    assert ids
    assert main(["simulate", "narrow_deal_2020", "--games", "10", "--no-events", "--json"]) == 0
    games = json.loads(capsys.readouterr().out)["games"]
    in_force = [g for g in games if g["in_force"]]
    assert in_force
    for game in in_force:
        assert set(game["year_events"]) == ids and all(0 <= v <= 1 for v in game["year_events"].values())
        assert any(v > 0 for v in game["year_events"].values())
    assert all(g["year_events"] is None for g in games if g["agreement"] is None)
