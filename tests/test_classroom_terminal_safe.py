"""What ``classroom debrief`` prints of a handed-in file (attack trial h103, findings 3 and 4): a file name or a
signed key is the student's text; in the terminal, an escape code in it shows as ``\\x1b`` and does nothing, and
a key 100,000 characters long is shown cut, with its length (in checks.html too)."""

from __future__ import annotations

import json
from pathlib import Path

from game.classroom.folder import Session
from tests.test_classroom_forgery import debrief, play, resign, session  # noqa: F401 - the fixture

BAD_NAME = "\x1b[41mBADNAME\x1b[0m\u202e<img src=x onerror=alert(9)>.json"
BAD_KEY = "\x1b]0;PWNED\x07\x1b[2J\x1b[31mRED"


def test_file_names_and_signed_keys_print_without_escape_codes_and_long_keys_cut(session: Session,  # noqa: F811
                                                                                  tmp_path: Path) -> None:
    genuine = play(session, 1, "us", tmp_path)
    named = tmp_path / "handed" / BAD_NAME
    named.parent.mkdir()
    named.write_text("{}")                                                    # rejected, by its name
    record = json.loads(genuine.read_text())
    record["principals"][BAD_KEY] = {"party": "us"}
    record["principals"]["k" * 100_000] = 1
    forged = resign(session, 1, record, tmp_path / "forge" / "keys.json")
    printed, checks = debrief(session, tmp_path, genuine, named, forged)
    assert "\x1b" not in printed and "\u202e" not in printed and "\x07" not in printed, printed
    assert "\\x1b[41mBADNAME\\x1b[0m\\u202e<img" in printed
    assert "principals.\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[31mRED" in printed
    assert "k" * 100 not in printed and "(100,000 characters)" in printed
    assert max(map(len, printed.splitlines())) < 2000
    assert "k" * 100 not in checks and "(100,000 characters)" in checks and len(checks) < 60_000
