"""Fuzz harness (issue 17, item 10): hypothesis writes scenario files, valid and mutated, and
``validate``, ``analyze``, ``lint`` and ``simulate --games 1`` each end with exit 0, 1 or 2, and
never with a traceback or an "internal error".

A few dozen files run by default; ``pytest -m slow tests/test_fuzz_commands.py`` runs 400.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli.app import main

UNIT = st.integers(0, 20).map(lambda k: k / 20)
AMOUNT = st.one_of(st.integers(-5, 5).map(float), UNIT, st.sampled_from([0.0, 1e9, -1e9]))
PARAMETERS = ["a.reservation", "b.reservation", "a.weights.b0", "b.incentives.prestige", "a.compliance.cheat_gain",
              "baskets.b0.detection", "baskets.b0.attribution", "protocol.rounds", "protocol.discount",
              "phase.anchoring", "a.domestic_threshold"]
JUNK: list[Any] = ["yes", "no", "-1", 1e300, -1, 0, 2.5, "", [], {}, None, True, "x" * 60, "китай", "$\\foo{x}$",
                   "\x1b[31m", "1:30", "010", "=cmd|' /C calc'!A0", 10**30, 0.1]


@st.composite
def scenario_docs(draw: st.DrawFn) -> dict[str, Any]:
    """A small two-party scenario document; usually valid (the generator respects the schema)."""
    shape = [draw(st.integers(2, 4)) for _ in range(draw(st.integers(1, 3)))]
    forms = draw(st.integers(1, 2))
    baskets = [{"id": f"b{i}", "name": f"Basket {i}",
                "options": [{"id": f"o{j}", "label": f"Option {j}", "detection": draw(UNIT)} for j in range(n)]}
               for i, n in enumerate(shape)]

    def party(pid: str, principal: str) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": pid, "name": f"Delegation {pid}", "principal": principal,
            "delegation": draw(st.sampled_from(["official", "unofficial"])),
            "weights": {f"b{i}": draw(UNIT) for i in range(len(shape))},
            "values": {f"b{i}": {f"o{j}": draw(UNIT) for j in range(n)} for i, n in enumerate(shape)},
            "form_weight": draw(UNIT), "form_values": {f"f{k}": draw(UNIT) for k in range(forms)},
            "reservation": draw(UNIT)}
        if draw(st.booleans()):
            doc["red_lines"] = {"b0": [f"o{draw(st.integers(0, shape[0] - 1))}"]}
        if draw(st.booleans()):
            doc["incentives"] = {"concession_weight": draw(UNIT), "prestige": draw(UNIT),
                                 "self_knowledge": draw(UNIT), "reveal_cost": draw(UNIT)}
        return doc

    def protocol(first: str) -> dict[str, Any]:
        return {"rounds": draw(st.integers(1, 8)), "discount": draw(st.integers(10, 20).map(lambda k: k / 20)),
                "first_mover": first, "binding": draw(st.booleans()), "lanes": draw(st.booleans())}

    doc: dict[str, Any] = {
        "schema_version": 1, "id": "fuzzed", "title": "A fuzzed scenario", "year": 2020, "summary": "Generated.",
        "difficulty": "introductory", "sources": [{"author": "Hypothesis", "title": "Generated", "year": 2020}],
        "baskets": baskets,
        "forms": [{"id": f"f{k}", "label": f"Form {k}", "credibility": draw(UNIT),
                   "entry": {"east": {"approval": draw(UNIT), "sensitivity": draw(st.integers(0, 8))},
                             "west": {"approval": draw(UNIT)}}} for k in range(forms)],
        "parties": [party("a", "east"), party("b", "west")]}
    if draw(st.booleans()):
        doc["phases"] = [{"id": "p1", "name": "First", "parties": ["a", "b"], "protocol": protocol("a"),
                          "publishes": draw(st.booleans())},
                         {"id": "p2", "name": "Second", "parties": ["b", "a"], "protocol": protocol("b"),
                          "anchoring": draw(UNIT)}]
    else:
        doc["protocol"] = protocol("a")
    doc["events"] = [{"id": f"e{k}", "text": "Something happens.", "probability": draw(UNIT),
                      "effects": [{"parameter": draw(st.sampled_from(PARAMETERS)),
                                   draw(st.sampled_from(["add", "multiply", "set"])): draw(AMOUNT)}]}
                     for k in range(draw(st.integers(0, 2)))]
    return doc


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, prefix + (i,))
    return out


@st.composite
def scenario_texts(draw: st.DrawFn) -> str:
    """A generated scenario's YAML text, mutated in one to three places half of the time."""
    doc = draw(scenario_docs())
    if draw(st.booleans()):
        for _ in range(draw(st.integers(1, 3))):
            path = draw(st.sampled_from(_paths(doc)))
            parent = doc
            for part in path[:-1]:
                parent = parent[part]
            op = draw(st.sampled_from(["junk", "delete", "duplicate"]))
            if op == "junk":
                parent[path[-1]] = draw(st.sampled_from(JUNK))
            elif op == "delete":
                del parent[path[-1]]
            elif isinstance(parent, list):
                parent.append(parent[path[-1]])
            else:
                parent[f"{path[-1]}_copy"] = parent[path[-1]]
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    if draw(st.integers(0, 9)) == 0:                        # now and then, break the YAML itself
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["\t", ": :", "'", '"', "*x", "&a [*a]", "{", "- ", "\x00"])) + text[cut:]
    return text


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0) if not isinstance(exc.code, str) else 2
    return code, out.getvalue() + err.getvalue()


def check(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        for command in (["validate"], ["analyze"], ["lint"], ["simulate", "--games", "1", "--seed", "7"]):
            code, said = run(command[0], str(path), *command[1:])
            assert code in (0, 1, 2), (command, code, said, text)
            assert "internal error" not in said and "Traceback" not in said, (command, said, text)


FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                derandomize=True, database=None)


@settings(FUZZ, max_examples=25)
@given(scenario_texts())
def test_generated_scenarios_never_crash_a_command(text: str) -> None:
    check(text)


@pytest.mark.slow
@settings(FUZZ, max_examples=400)
@given(scenario_texts())
def test_many_generated_scenarios_never_crash_a_command(text: str) -> None:
    check(text)


def test_an_event_on_a_compliance_value_left_unset_is_refused_not_a_crash() -> None:
    """Found by the slow fuzz run: an effect on a party's compliance.cheat_gain, which the file leaves unset,
    made validate raise TypeError while checking the effect's range."""
    check(_UNSET_CHEAT_GAIN)
    text = _UNSET_CHEAT_GAIN
    code, said = run("validate", *_written(text))
    assert code == 1 and "unknown parameter 'a.compliance.cheat_gain'" in said


def _written(text: str) -> list[str]:
    folder = Path(tempfile.mkdtemp())
    path = folder / "fuzzed.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(path)]


_UNSET_CHEAT_GAIN = 'schema_version: 1\nid: fuzzed\ntitle: A fuzzed scenario\nyear: 2020\nsummary: Generated.\ndifficulty: introductory\nsources:\n- author: Hypothesis\n  title: Generated\n  year: 2020\nbaskets:\n- id: b0\n  name: Basket 0\n  options:\n  - id: o0\n    label: Option 0\n    detection: 0.0\n  - id: o1\n    label: Option 1\n    detection: 0.0\nforms:\n- id: f0\n  label: Form 0\n  credibility: 0.0\n  entry:\n    east:\n      approval: 0.0\n      sensitivity: 0\n    west:\n      approval: 0.0\nparties:\n- id: a\n  name: Delegation a\n  principal: east\n  delegation: official\n  weights:\n    b0: 0.0\n  values:\n    b0:\n      o0: 0.0\n      o1: 0.0\n  form_weight: 0.0\n  form_values:\n    f0: 0.0\n  reservation: 0.0\n- id: b\n  name: Delegation b\n  principal: west\n  delegation: official\n  weights:\n    b0: 0.0\n  values:\n    b0:\n      o0: 0.0\n      o1: 0.0\n  form_weight: 0.0\n  form_values:\n    f0: 0.0\n  reservation: 0.0\nprotocol:\n  rounds: 1\n  discount: 0.5\n  first_mover: a\n  binding: false\n  lanes: false\nevents:\n- id: e0\n  text: Something happens.\n  probability: 0.0\n  effects:\n  - parameter: a.compliance.cheat_gain\n    add: 0.0\n'
