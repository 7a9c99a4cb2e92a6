"""Unsafe characters (game.unsafe, security trial h90 finding 5): one definition for the scenario's schema
and the class server's names."""

from __future__ import annotations

import re
from pathlib import Path

from game.scenario.schema import PLAIN_TEXT
from game.unsafe import UNSAFE_CLASS, first_unsafe, strip_unsafe
from tests.webclient import make_class, served

UNSAFE = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def test_the_schema_pattern_and_the_functions_agree_on_every_character() -> None:
    pattern = re.compile(PLAIN_TEXT)
    assert UNSAFE_CLASS in PLAIN_TEXT
    for code in range(0x3000):
        char = chr(code)
        refused = pattern.match(char) is None
        assert refused == (char in UNSAFE and char not in "\t\n"), hex(code)
        assert (first_unsafe(f"a{char}") is not None) == refused, hex(code)
    assert strip_unsafe("".join(UNSAFE) + "Ann é\u200fLee") == "Ann é\u200fLee"


def test_a_students_name_loses_its_escape_codes_and_direction_controls(tmp_path: Path) -> None:
    """The attacker's repro (/tmp/h90/names.py): a name with ESC and U+202E reached grades.csv as typed."""
    root = make_class(tmp_path)
    with served(root) as s:
        s.login()
        s.join('<b>Ann</b>\u202e=cmd|\x1b[31m \n Lee\x07', 1, "us")
        assert s.classroom.names()[(1, "us")] == "<b>Ann</b>=cmd|[31m Lee"
