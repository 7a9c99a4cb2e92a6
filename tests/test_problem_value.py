"""Problem and its subclass Warning_ behave as the frozen values (once dataclasses) the loader and lint
rely on: equal and hashed by their fields (the loader de-duplicates problems in a set), frozen,
picklable, matchable, printed as ``path:line:col: message``."""

from __future__ import annotations

import copy
import pickle

import pytest

from game.authoring.warnings import Warning_
from game.errors import Problem, ScenarioError


def test_a_problem_is_a_frozen_value() -> None:
    a, b = Problem("s.yaml", 3, 5, "bad"), Problem("s.yaml", 3, 5, "bad")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Problem("s.yaml", 3, 6, "bad") and a != ("s.yaml", 3, 5, "bad")
    assert str(a) == "s.yaml:3:5: bad" and repr(a) == "Problem(path='s.yaml', line=3, col=5, message='bad')"
    for name in Problem.__match_args__:
        with pytest.raises(AttributeError):
            setattr(a, name, 4)
    with pytest.raises(AttributeError):
        del a.message
    assert pickle.loads(pickle.dumps(a)) == a and copy.deepcopy(a) == a
    match a:
        case Problem(path, line, col, message):
            assert (path, line, col, message) == ("s.yaml", 3, 5, "bad")
    assert str(ScenarioError([a, b])) == "s.yaml:3:5: bad\ns.yaml:3:5: bad"


def test_a_warning_adds_its_code_and_node() -> None:
    w = Warning_("s.yaml", 1, 2, "warning [x]: baskets: m", "x", "baskets")
    assert (w.code, w.at) == ("x", "baskets") and str(w) == "s.yaml:1:2: warning [x]: baskets: m"
    assert w == Warning_("s.yaml", 1, 2, "warning [x]: baskets: m", "x", "baskets")
    assert w != Warning_("s.yaml", 1, 2, "warning [x]: baskets: m", "y", "baskets")
    assert w != Problem("s.yaml", 1, 2, "warning [x]: baskets: m") and isinstance(w, Problem)
    assert Warning_("s.yaml", 1, 2, "m").code == "" and pickle.loads(pickle.dumps(w)) == w
    assert repr(w).startswith("Warning_(path='s.yaml'") and repr(w).endswith("code='x', at='baskets')")
    for name in Warning_.__match_args__:
        with pytest.raises(AttributeError):
            setattr(w, name, "z")
