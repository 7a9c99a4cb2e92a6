"""Hostile and broken files are rejected with one clear, located message, never a traceback.

How fast each is rejected is measured by benchmarks/bench_loader.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.errors import ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.yamlsafe import MAX_BYTES, MAX_DEPTH

BILLION_LAUGHS = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def rejected(path: Path) -> str:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    problems = info.value.problems
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:")
    return str(problems[0])


def write(tmp_path: Path, content: str | bytes, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_oversized_file(tmp_path: Path) -> None:
    path = write(tmp_path, "# padding\n" * (MAX_BYTES // 10 + 10))
    assert f"{path}: file too large" in rejected(path)


def test_alias_bomb(tmp_path: Path) -> None:
    message = rejected(write(tmp_path, BILLION_LAUGHS))
    assert "document too large" in message and "alias bomb" in message


def test_recursive_alias(tmp_path: Path) -> None:
    assert "recursive structure" in rejected(write(tmp_path, "a: &a [1, *a]\n"))


def test_deep_nesting_is_refused_at_the_first_bracket_past_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    message = rejected(path)
    # The bound on work: the top-level mapping is level 1, so the reader stops at bracket
    # MAX_DEPTH (column 3 + MAX_DEPTH), not at a limit the installed YAML library has of its own.
    assert message == f"{path}:1:{3 + MAX_DEPTH}: nesting too deep: more than {MAX_DEPTH} levels"


def test_a_huge_file_is_refused_after_reading_at_most_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, b"#" * (10 * MAX_BYTES))
    read: list[int] = []
    real_open = Path.open

    def counting_open(self: Path, mode: str = "r", buffering: int = -1, encoding: str | None = None,
                      errors: str | None = None, newline: str | None = None) -> object:
        handle = real_open(self, mode, buffering, encoding, errors, newline)
        real_read = handle.read

        def read_counted(size: int = -1) -> bytes:
            data = real_read(size)
            read.append(len(data))
            return data

        # the test wraps this one open handle's read to count what the loader reads; mypy refuses any
        # assignment to a method (not a stub's fault), so the ignore stays on that one error code
        handle.read = read_counted  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    assert "file too large" in rejected(path)
    assert 0 < sum(read) <= MAX_BYTES + 1


def test_deep_block_nesting(tmp_path: Path) -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "x\n"
    assert "nesting too deep" in rejected(write(tmp_path, text))


def test_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"schema_version: !!python/object/apply:os.system ['touch {marker}']\n"
    message = rejected(write(tmp_path, text))
    assert ":1:17: schema_version: the tag !!python/object/apply:os.system is not allowed: " in message
    assert "plain data only" in message
    assert not marker.exists()


def test_custom_tag_is_refused(tmp_path: Path) -> None:
    assert ":1:5: id: the tag !include is not allowed" in rejected(write(tmp_path, "id: !include other.yaml\n"))


def test_a_refused_tag_names_its_key(tmp_path: Path) -> None:
    """The message names the key whose value (or which key) carries the tag, as written in the file."""
    path = write(tmp_path, "id: x\ntitle: !!python/object:os.system x\n")
    assert rejected(path) == (f"{path}:2:8: title: the tag !!python/object:os.system is not allowed: scenarios hold "
                              "plain data only (expected text, a number, true/false, a list or a mapping, with no tag)")
    nested = rejected(write(tmp_path, "id: x\nparties:\n  - id: us\n    name: !!python/name:os.system x\n", "n.yaml"))
    assert ":4:11: parties[us].name: the tag !!python/name:os.system is not allowed" in nested  # by id, as validate
    twins = rejected(write(tmp_path, "id: x\nparties:\n  - id: us\n  - id: us\n    name: !!python/name:os.system x\n",
                           "t.yaml"))
    assert ":5:11: parties[1].name: the tag" in twins                   # an id two items share names neither
    key = rejected(write(tmp_path, "id: x\n!!python/str notes: 1\n", "k.yaml"))
    assert ":2:1: notes: the tag !!python/str is not allowed" in key
    long_tag = rejected(write(tmp_path, "id: !" + "x" * 500 + " y\n", "l.yaml"))
    assert "id: the tag !xxx" in long_tag and "x" * 100 not in long_tag


def test_binary_garbage(tmp_path: Path) -> None:
    assert "not a text file" in rejected(write(tmp_path, bytes(range(128, 256)) * 4))


def test_a_binary_file_is_named_binary(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 3
    assert rejected(write(tmp_path, png)).endswith(":1:1: not a text file: expected UTF-8 YAML, found binary data")
    noise = bytes((i * 7919) % 256 for i in range(4000) if (i * 7919) % 256)   # random-looking, no NUL byte
    assert "found binary data" in rejected(write(tmp_path, noise, "noise.yaml"))


def test_a_latin1_byte_is_named_at_its_line_column_and_key(tmp_path: Path) -> None:
    """Text saved as Latin-1 is text: the byte that is not UTF-8 is named where it is, with its key."""
    text = "id: x\nparties:\n  - id: us\n    name: Caf\xe9 Fran\xe7ais  # \xe9\n"
    message = rejected(write(tmp_path, text.encode("latin-1")))
    assert message.endswith(":4:14: parties[us].name: byte 0xE9 is not UTF-8 (the file was probably saved as "
                            "Latin-1 or Windows-1252, where it is 'é'): save it as UTF-8; 2 more bytes further on "
                            "are not UTF-8 either")
    assert "binary" not in message
    quote = rejected(write(tmp_path, b"id: x\ntitle: \x93Talks\x94\n", "q.yaml"))
    assert quote.endswith(":2:8: title: byte 0x93 is not UTF-8 (the file was probably saved as Latin-1 or "
                          "Windows-1252, where it is '\u201c'): save it as UTF-8; 1 more byte further on is not UTF-8 either")


def test_a_stray_byte_outside_any_value_is_located_without_a_key(tmp_path: Path) -> None:
    assert rejected(write(tmp_path, b"# caf\xe9\nid: x\n")).endswith(":1:6: byte 0xE9 is not UTF-8 (the file was "
                                                                    "probably saved as Latin-1 or Windows-1252, where "
                                                                    "it is 'é'): save it as UTF-8")
    in_key = rejected(write(tmp_path, b"id: x\ncaf\xe9: 1\n", "k.yaml"))
    assert ":2:4: byte 0xE9 is not UTF-8" in in_key
    broken = rejected(write(tmp_path, b"id: [x\ntitle: caf\xe9\n", "b.yaml"))   # no document to find a key in
    assert ":2:11: byte 0xE9 is not UTF-8" in broken


def test_a_stray_byte_after_a_byte_order_mark_is_counted_from_the_text(tmp_path: Path) -> None:
    assert ":1:8: id: byte 0xE9 is not UTF-8" in rejected(write(tmp_path, b"\xef\xbb\xbfid: caf\xe9\n"))


def test_cyrillic_text_in_an_8_bit_encoding_is_text(tmp_path: Path) -> None:
    text = "id: x\ntitle: Переговоры о невмешательстве во внутренние дела\n"
    assert ":2:8: title: byte 0xCF is not UTF-8" in rejected(write(tmp_path, text.encode("cp1251")))


def test_utf16_and_a_cut_short_character(tmp_path: Path) -> None:
    assert rejected(write(tmp_path, "id: x\n".encode("utf-16"))).endswith(
        ":1:1: not UTF-8: the file is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8")
    cut = rejected(write(tmp_path, b"id: x\ntitle: \xe2\x80", "cut.yaml"))
    assert ":2:8: title: the file ends inside a character: byte 0xE2 begins a UTF-8 character" in cut


def test_nul_bytes(tmp_path: Path) -> None:
    assert "NUL byte" in rejected(write(tmp_path, b"id: x\n\x00\x00"))


def test_empty_file(tmp_path: Path) -> None:
    assert "the file is empty" in rejected(write(tmp_path, ""))
    assert "the file is empty" in rejected(write(tmp_path, "# only a comment\n", "c.yaml"))


def test_directory_given_as_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    assert "is a directory" in rejected(folder)


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in rejected(tmp_path / "absent.yaml")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "id: x\n")
    path.chmod(0)
    assert "cannot read the file" in rejected(path)


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert "expected a mapping of scenario keys at the top level, got a list" in rejected(write(tmp_path, "- a\n- b\n"))


def test_syntax_error_is_located(tmp_path: Path) -> None:
    message = rejected(write(tmp_path, "id: x\ntitle: [unclosed\nyear: 1\n"))
    assert "YAML syntax error" in message


def test_complex_key_is_refused(tmp_path: Path) -> None:
    assert "mapping key must be a plain name" in rejected(write(tmp_path, "? [a, b]\n: 1\n"))


def test_dense_file_under_the_byte_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "".join("- 1\n" for _ in range(60_000)))
    assert path.stat().st_size < MAX_BYTES
    assert "document too large: more than 100,000 YAML tokens" in rejected(path)


def test_device_file_is_not_read_forever() -> None:
    device = Path("/dev/zero")
    if not device.exists():
        pytest.skip("no /dev/zero here")
    assert "not a regular file" in rejected(device)


def test_a_number_too_long_for_python_is_a_located_problem(tmp_path: Path) -> None:
    """Attacker trial: a 5,000-digit integer ended in 'internal error: ValueError: Exceeds the limit (4300
    digits)', with no file or line, and stopped validate of a whole folder."""
    message = rejected(write(tmp_path, "id: x\nschema_version: " + "9" * 5000 + "\n"))
    assert message.endswith(":2:17: schema_version: a number written with more than 100 characters (expected a "
                            "value between 0 and 1, or a count)")
