"""No hostile result file stops the class debrief, and nothing in a scenario or a file name runs in
a spreadsheet, a chart or a Markdown viewer (attack findings F2, F8, F9, F15)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from game.classroom.folder import Session, create_session, session_key
from game.classroom.play import simulate_session
from game.classroom.report import write_debrief
from game.classroom.checks import read_results
from tests.conftest import SCENARIOS

NARROW = SCENARIOS / "narrow_deal_2020.yaml"


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return create_session(NARROW, 2, tmp_path / "class", seed=3)


def hostile_files(session: Session, folder: Path) -> dict[str, Path]:
    good = simulate_session(session)[0]
    files = {
        "deep": folder / "deep.json", "huge_int": folder / "huge_int.json", "inf_signed": folder / "inf.json",
        "fifo": folder / "fifo.json", "zero": folder / "zero.json", "dangling": folder / "dangling.json",
        "list": folder / "list.json", "latin1": folder / "latin1.json",
    }
    files["deep"].write_text("[" * 100_000 + "]" * 100_000)
    files["huge_int"].write_text('{"kind": "backchannel-result", "format": 2, "pair": ' + "9" * 5000 + "}")
    record = json.loads(good.read_text())
    offer = next(m for m in record["moves"] if m["kind"] == "offer")
    offer["outcome"][0] = 1e999
    files["inf_signed"].write_text(json.dumps(record))            # json writes Infinity
    os.mkfifo(files["fifo"])
    if Path("/dev/zero").exists():
        files["zero"].symlink_to("/dev/zero")
    else:
        files["zero"].write_text("{}")
    files["dangling"].symlink_to(folder / "nowhere.json")
    files["list"].write_text("[1, 2, 3]")
    files["latin1"].write_bytes(b'{"kind": "caf\xe9"}')
    return files


def test_no_single_file_stops_the_debrief(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    files = hostile_files(session, folder)
    good = sorted(session.results_dir().glob("*.json"))
    accepted, rejected, _ = read_results(session, session_key(session), [*good, *files.values()])
    reasons = {r.path.name: r.reason for r in rejected}
    assert len(accepted) == len(good) and set(reasons) == {p.name for p in files.values()}
    assert "nested more than 64 levels deep" in reasons["deep.json"]
    assert "more than 100 digits" in reasons["huge_int.json"]
    assert "Infinity is not a number JSON allows" in reasons["inf.json"]
    assert "not a regular file" in reasons["fifo.json"] and "not a regular file" in reasons["zero.json"]
    assert "no such file" in reasons["dangling.json"]
    assert reasons["list.json"] == "malformed: not a Backchannel result file"
    assert "not UTF-8" in reasons["latin1.json"]
    written = write_debrief(session, accepted, rejected, [], tmp_path / "debrief")
    assert all(path.is_file() for path in written)


def test_a_formula_in_a_label_or_a_file_name_is_neutralised_in_the_csv(tmp_path: Path) -> None:
    text = NARROW.read_text(encoding="utf-8")
    labelled = tmp_path / "labels.yaml"
    first = "{id: none, label: No commitment,"
    assert first in text
    labelled.write_text(text.replace(first, "{id: none, label: \"+cmd|' /C calc'!A0\",", 1), encoding="utf-8")
    session = create_session(labelled, 1, tmp_path / "class", seed=3)
    [result] = simulate_session(session)
    hostile = result.with_name("=cmd|' -C calc'!A0.json")
    result.rename(hostile)
    accepted, rejected, duplicates = read_results(session, session_key(session), [hostile])
    assert len(accepted) == 1
    write_debrief(session, accepted, rejected, duplicates, tmp_path / "debrief")
    with (tmp_path / "debrief" / "debrief.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert rows[0]["file"] == "'=cmd|' -C calc'!A0.json"


@pytest.mark.parametrize("title", [r"Deal worth $\foo{x}$ to both", "Costs $5 and $6 million"])
def test_a_dollar_in_the_title_is_drawn_as_text(tmp_path: Path, title: str) -> None:
    text = NARROW.read_text(encoding="utf-8")
    path = tmp_path / "money.yaml"
    path.write_text(text.replace("\ntitle: ", f"\ntitle: '{title}' #", 1), encoding="utf-8")
    session = create_session(path, 1, tmp_path / "class", seed=3)
    accepted, rejected, duplicates = read_results(session, session_key(session), simulate_session(session))
    written = write_debrief(session, accepted, rejected, duplicates, tmp_path / "debrief")
    svg = (tmp_path / "debrief" / "debrief.svg").read_text(encoding="utf-8")
    assert written and "every table's deal" in svg and ("$5 and $6" in svg or "foo" in svg)


def test_markdown_briefs_escape_html_from_the_scenario(tmp_path: Path) -> None:
    text = NARROW.read_text(encoding="utf-8")
    path = tmp_path / "script.yaml"
    path.write_text(text.replace("\ntitle: ", "\ntitle: '<script>alert(1)</script> & co' #", 1), encoding="utf-8")
    create_session(path, 1, tmp_path / "class", seed=3)
    briefs = sorted((tmp_path / "class").rglob("*brief*.md"))
    assert briefs
    for name in ("instructor/sheet.md", str(briefs[0].relative_to(tmp_path / "class"))):
        page = (tmp_path / "class" / name).read_text(encoding="utf-8")
        assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page, name
