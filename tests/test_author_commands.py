"""Author commands say what is wrong instead of failing (issue 17, items 2 and 6; attack finding F17)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from game.cli.app import main
from tests.conftest import SCENARIOS


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:          # argparse refusals
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_suggests_a_read_back_command_that_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "--genius", str(SCENARIOS / "track15_trap.yaml"), str(tmp_path / "my out"))
    assert code == 0
    command = next(line for line in err.splitlines() if line.startswith("Read back: "))
    words = shlex.split(command.removeprefix("Read back: "))
    assert words[:2] == ["backchannel", "analyze"] or words[1:3] == ["analyze", "--genius"], words
    code, out, err = run(capsys, *words[words.index("analyze"):])
    assert code == 0 and "Pareto frontier" in out, err


def test_analyze_genius_needs_a_domain_and_two_profiles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", "--genius", "d.xml", "p.xml")
    assert code == 2 and "at least two profile files" in err


def test_an_unknown_phase_is_refused_without_phases(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", str(SCENARIOS / "narrow_deal_2020.yaml"), "--phase", "nosuch")
    assert code == 1 and "has a single table and no phases; leave out --phase" in err


def test_an_issue_named_twice_in_a_deal_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", str(SCENARIOS / "narrow_deal_2020.yaml"),
                       "--deal", "hack_and_leak=pledge,hack_and_leak=none")
    assert code == 1 and "'hack_and_leak' is named twice" in err


def test_export_refuses_a_basket_whose_options_are_all_red_lines(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    text = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")
    old = "hack_and_leak: [pledge_verify]"
    assert old in text
    path = tmp_path / "closed.yaml"
    # one side's red lines over every option are refused by validate (author trial); the two sides' together,
    # each leaving an option the other rules out, are a valid file that no deal and no GENIUS issue can hold
    path.write_text(text.replace(old, "channels: [none, principle, pledge, pledge_consult]", 1), encoding="utf-8")
    code, _, err = run(capsys, "export", "--genius", str(path), str(tmp_path / "out"))
    assert code == 1 and "basket 'channels': the red lines of" in err and "rule out every option" in err
    assert not (tmp_path / "out").exists()


def test_export_neither_writes_over_files_nor_fails_on_a_file(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    narrow = str(SCENARIOS / "narrow_deal_2020.yaml")
    (tmp_path / "taken").write_text("notes", encoding="utf-8")
    code, _, err = run(capsys, "export", "--genius", narrow, str(tmp_path / "taken"))
    assert code == 1 and "is a file; expected a folder" in err and "internal error" not in err
    assert run(capsys, "export", "--genius", narrow, str(tmp_path / "out"))[0] == 0
    before = (tmp_path / "out" / "domain.xml").read_bytes()
    code, _, err = run(capsys, "export", "--genius", narrow, str(tmp_path / "out"))
    assert code == 1 and "already exists" in err and "--force" in err
    assert run(capsys, "export", "--genius", narrow, str(tmp_path / "out"), "--force")[0] == 0
    assert (tmp_path / "out" / "domain.xml").read_bytes() == before


def test_analyze_genius_refuses_a_domain_given_as_a_profile(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "export", "--genius", str(SCENARIOS / "narrow_deal_2020.yaml"), str(tmp_path))
    domain, us = str(tmp_path / "domain.xml"), str(tmp_path / "us.xml")
    code, _, err = run(capsys, "analyze", "--genius", domain, domain, us)
    assert code == 1 and "this is a domain, not a profile" in err
    code, _, err = run(capsys, "analyze", "--genius", us, us, str(tmp_path / "ru.xml"))
    assert code == 1 and "this is a profile (its items have evaluations), not a domain" in err


def test_genius_input_that_is_a_device_or_a_pipe_is_refused(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import os
    fifo = tmp_path / "fifo.xml"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "analyze", "--genius", str(fifo), "a.xml", "b.xml")
    assert code == 1 and "not a regular file" in err
    if Path("/dev/zero").exists():
        code, _, err = run(capsys, "analyze", "--genius", "/dev/zero", "a.xml", "b.xml")
        assert code == 1 and "not a regular file" in err


def test_new_points_at_a_schema_beside_the_file_on_any_machine(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "elsewhere"
    assert run(capsys, "new", "border_talks", "-o", str(folder / "border_talks.yaml"))[0] == 0
    assert run(capsys, "new", "copy_talks", "--from", "track15_trap", "-o", str(folder / "copy.yaml"))[0] == 0
    for name in ("border_talks.yaml", "copy.yaml"):
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=schema.json"
    assert (folder / "schema.json").read_bytes() == (SCENARIOS / "schema.json").read_bytes()


def test_the_editor_schema_describes_every_key_and_checks_keys_and_effects() -> None:
    import json
    import re
    schema = json.loads((SCENARIOS / "schema.json").read_text(encoding="utf-8"))
    models = {"ScenarioModel": schema, **schema["$defs"]}
    for name, model in models.items():
        for key, prop in model.get("properties", {}).items():
            assert "description" in prop or any("description" in a for a in prop.get("anyOf", [])), (name, key)
    weights = models["PartyModel"]["properties"]["weights"]
    pattern = weights["propertyNames"]["pattern"]
    assert re.fullmatch(pattern, "hack_and_leak") and not re.fullmatch(pattern, "hаck_and_leak")  # Cyrillic а
    gains = models["PartyModel"]["properties"]["gains"]          # schema 2's table (optional: a dict or null)
    gains = next(a for a in gains.get("anyOf", [gains]) if a.get("type") == "object")
    inner = gains["patternProperties"][pattern]
    assert inner["propertyNames"]["pattern"] == pattern
    assert models["EffectModel"]["oneOf"] == [{"required": ["add"]}, {"required": ["multiply"]}, {"required": ["set"]}]


def test_schema_json_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "schema", "--check")[0] == 0


def test_a_non_ascii_id_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8").replace("  - id: ru\n", "  - id: китай\n")
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1 and "'к' (CYRILLIC SMALL LETTER KA) is not one of the letters a-z: ids use ASCII letters only" \
        in out


def test_scenario_text_with_terminal_escapes_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Attack finding F15: a summary with ESC sequences set the terminal's title and colours in play."""
    text = (SCENARIOS / "narrow_deal_2020.yaml").read_text(encoding="utf-8")
    path = tmp_path / "x.yaml"
    path.write_text(text.replace("\ntitle: ", '\ntitle: "\\e]0;PWNED\\a\\e[31mRED" #', 1), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1 and "title: expected text without control characters" in out and "U+001B" in out


def test_the_strategy_key_is_documented() -> None:
    text = (SCENARIOS.parent / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    assert "`strategy`" in text


@pytest.mark.parametrize("command", [("lint", "--strict"), ("lint",), ("validate",)])
def test_a_folder_without_scenario_files_is_refused_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             command: tuple[str, ...]) -> None:
    (tmp_path / "notes.txt").write_text("not a scenario\n", encoding="utf-8")
    folder = str(tmp_path)
    failed = 2 if command[0] == "lint" else 1          # lint's 1 is a warning under --strict
    code, out, err = run(capsys, *command, folder)
    assert code == failed and out == ""
    assert f"{folder}: no scenario files in this folder (expected .yaml or .yml files" in err
    code, out, err = run(capsys, *command, str(SCENARIOS / "narrow_deal_2020.yaml"), folder)
    assert code == failed and f"{folder}: no scenario files in this folder" in err
    # the file named beside it is still checked, and the summary says the folder was not (regression trial)
    assert "1 folder without scenario files" in out + err
    assert ("1 scenario file valid" in out) if command == ("validate",) else ("0 warnings" in err)


def test_new_into_a_folder_says_it_is_a_folder_and_what_to_write(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "sub"
    folder.mkdir()
    code, out, err = run(capsys, "new", "x1", "-o", str(folder))
    assert code == 1 and out == ""
    assert f"-o {folder}: is a folder; give the new file's path, such as -o {folder / 'x1.yaml'}" in err
    assert "Traceback" not in err and list(folder.iterdir()) == []


def test_new_with_another_file_name_says_lint_will_warn_and_names_the_file_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Regression trial: 'new mytalks -o my.yaml' suggested 'lint my.yaml', which then warned id-not-file-name,
    and the file's comments told the author to 'validate mytalks.yaml', a file that does not exist."""
    code, out, _ = run(capsys, "new", "mytalks", "-o", str(tmp_path / "my.yaml"))
    assert code == 0 and "its id is 'mytalks' but the file is 'my.yaml'" in out
    text = (tmp_path / "my.yaml").read_text()
    assert "backchannel validate my.yaml" in text and "mytalks.yaml" not in text
    code, out, _ = run(capsys, "new", "other", "-o", str(tmp_path / "other.yaml"))
    assert code == 0 and "its id is" not in out


def test_new_refuses_a_name_longer_than_an_id_before_writing(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    name = "b" * 49                                  # the schema's ids have at most 48 characters
    code, _, err = run(capsys, "new", name, "-o", str(tmp_path / "long.yaml"))
    assert code == 1 and "NAME: expected a lower-case id (letters, digits and _, starting with a letter, at most " \
                         "48 characters)" in err, err
    assert not (tmp_path / "long.yaml").exists()
    code, _, err = run(capsys, "new", "b" * 48, "-o", str(tmp_path / "ok.yaml"))
    assert code == 0 and (tmp_path / "ok.yaml").exists(), err


def test_a_misspelt_shipped_scenario_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "new", "mine", "--from", "narow_deal_2020", "-o", str(tmp_path / "mine.yaml"))
    assert code == 1 and "narow_deal_2020: no such file (did you mean 'narrow_deal_2020'?); the shipped " \
                         "scenarios are: " in err, err
