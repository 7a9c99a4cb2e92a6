"""game.safeio, the one reader of JSON a stranger can hand the game: its limits hold on every Python,
and its depth scan is linear whatever the text (attacker trial: an unterminated string of escaped
quotes made it quadratic, 81 s of CPU for a 200 KB result file in a class debrief)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.safeio import MAX_JSON_DEPTH, Unreadable, json_depth, loads_json, read_json

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(alphabet='ab"\\[]{}\n'),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=20)


def depth(value: object) -> int:
    """Brute force: the nesting of a Python value."""
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    return 0


@given(JSON)
def test_the_depth_scan_agrees_with_the_parsed_value(value: object) -> None:
    assert json_depth(json.dumps(value)) == depth(value)


def test_an_unterminated_string_of_escaped_quotes_is_refused_at_once() -> None:
    # 300 KB: the old scan took minutes on this (quadratic); the suite would stall here if it came back
    text = '"' + '\\"' * 150_000
    with pytest.raises(Unreadable, match="not JSON"):
        loads_json(text)


def test_nesting_past_the_bound_is_refused_whatever_the_interpreter(tmp_path: Path) -> None:
    deep = "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)
    with pytest.raises(Unreadable, match=f"nested more than {MAX_JSON_DEPTH} levels"):
        loads_json(deep)
    assert loads_json("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH) is not None
    path = tmp_path / "x.json"
    path.write_bytes(b'{"a": "\xff"}')
    with pytest.raises(Unreadable, match="not UTF-8"):
        read_json(path, 1000)
    for text in ("1e999", "NaN", "1" * 200):
        with pytest.raises(Unreadable):
            loads_json(text)
