"""Joining the class: a refused join page keeps what the student typed (escaped), and ``classroom new``
says how to serve the class in the browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from tests.webclient import make_class, served


def test_a_wrong_seat_code_is_kept_in_the_field_to_correct(tmp_path: Path) -> None:
    with served(make_class(tmp_path)) as s:
        typo = s.classroom.seat_code(1, "us")[:-1] + "x"
        bad = s.client.post("/join", data={"name": "Ann", "code": typo}, follow_redirects=False)
        assert bad.status_code == 400 and "No seat has this code" in bad.text
        assert f'placeholder="xxxx-xxxx-xxxx-xxxx" value="{typo}"' in bad.text
        hostile = '"><script>alert(1)</script>'
        page = s.client.post("/join", data={"name": "Ann", "code": hostile}, follow_redirects=False).text
        assert "<script>alert" not in page and f'value="{escape(hostile)}"' in page   # escaped, as text


def test_classroom_new_names_classroom_serve_with_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli.app import main
    out = tmp_path / "class"
    assert main(["classroom", "new", "narrow_deal_2020", "--tables", "1", "-o", str(out)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "classroom serve" in line]
    assert len(lines) == 1 and lines[0].endswith(f"classroom serve {out}")
