"""Unsafe characters (game.unsafe, security trial h90 finding 5): one definition for the scenario's schema
and the class server's names."""

from __future__ import annotations

import re
from pathlib import Path

from game.scenario.texts import PLAIN_TEXT
from game.unsafe import UNSAFE_CLASS, first_unsafe, shown, strip_unsafe
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
        assert s.classroom.names()[(1, "us")] == "<b>Ann</b>=cmd| Lee"        # the whole escape sequence goes
        s.join("\u202eevil\u0000\x1b[31m" + "A" * 10 + "\x1b]0;PWNED\x07", 1, "ru")      # attack trial h103
        assert s.classroom.names()[(1, "ru")] == "evil" + "A" * 10


def test_escape_sequences_go_whole_and_nothing_else_goes() -> None:
    assert strip_unsafe("a\x1b[1;31mb\x1b]0;title\x07c\x1b]8;;http://x\x1b\\d\x1b(Be\x1bcf\x00g") == "abcdefg"
    assert strip_unsafe("Ann\x1b]0;no end") == "Ann"                  # an unfinished string runs to the end
    assert strip_unsafe("[31m] Ann; 50% ~ok~") == "[31m] Ann; 50% ~ok~"   # without ESC, nothing is a sequence


def test_shown_text_writes_each_unsafe_character_as_its_escape_and_cuts_long_text() -> None:
    assert shown("\x1b[41mBAD\u202e<img>\x00") == "\\x1b[41mBAD\\u202e<img>\\x00"
    assert shown("two\nlines", keep="\n") == "two\nlines" and shown("two\nlines") == "two\\x0alines"
    assert shown("x" * 100_000, 40) == "x" * 40 + "… (100,000 characters)"
    assert shown("x" * 40, 40) == "x" * 40
