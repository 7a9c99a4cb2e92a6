"""GENIUS XML import: the real ANAC files, quirks, and broken files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.analytics.analysis import analyze
from game.errors import ScenarioError
from game.scenario.genius import load_genius
from tests.conftest import FIXTURES, GENIUS

DOMAINS = sorted(p for p in GENIUS.glob("*") if p.is_dir()) if GENIUS.is_dir() else []


def domain_files(folder: Path) -> tuple[Path, list[Path]]:
    files = sorted(folder.glob("*.xml"))
    domain = next(f for f in files if "domain" in f.stem.lower())
    return domain, [f for f in files if f != domain]


@pytest.mark.skipif(not DOMAINS, reason="../shared/genius is not beside this checkout")
@pytest.mark.parametrize("folder", DOMAINS, ids=lambda p: p.name)
def test_every_shared_domain_loads_and_is_normalised(folder: Path) -> None:
    domain, profiles = domain_files(folder)
    problem = load_genius(domain, list[str | Path](profiles))
    assert problem.party_ids == tuple(p.stem for p in profiles)
    u = problem.utility_matrix()
    assert np.all(u >= -1e-12) and np.all(u <= 1 + 1e-12)
    assert np.allclose(u.max(axis=0), 1.0)           # each party's best outcome is worth exactly 1
    assert analyze(problem).solutions.nash is not None


@pytest.mark.skipif(not DOMAINS, reason="../shared/genius is not beside this checkout")
def test_laptop_utility_follows_the_genius_formula() -> None:
    domain, profiles = domain_files(GENIUS / "Laptop")
    problem = load_genius(domain, list[str | Path](profiles))
    digits = problem.encode(np.array([0, 0, 0]))  # Dell, 60 Gb, 19'' LCD
    buyer = problem.utility_matrix()[digits, 0]
    weights = np.array([0.4452125771655631, 0.37808251708013424, 0.1767567099260568])
    expected = (weights / weights.sum()) @ np.array([12 / 30, 30 / 30, 30 / 30])
    assert buyer == pytest.approx(expected, abs=1e-12)


def test_quirks_index_order_whitespace_objective_weight_and_missing_reservation() -> None:
    g = FIXTURES / "genius"
    problem = load_genius(g / "quirky_domain.xml", [g / "quirky_a.xml", g / "quirky_b.xml"])
    assert problem.issues == ("Size", "Colour")                        # sorted by issue index, names stripped
    assert problem.values == (("small", "medium", "large"), ("red", "blue"))
    assert problem.reservation.tolist() == [0.0, 0.25]                 # absent -> 0
    a = problem.tables
    assert a[0][:, 0] == pytest.approx(np.array([2, 4, 8]) / 8 * 0.75)  # weight 3 of 4; objective weight ignored
    assert a[1][:, 0] == pytest.approx(np.array([5, 10]) / 10 * 0.25)
    assert a[0][:, 1] == pytest.approx(np.array([6, 3, 0]) / 6 * 0.5)   # no weights -> equal weights
    assert a[1][:, 1] == pytest.approx([0.5, 0.5])


def test_broken_xml_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<utility_space>\n  <objective>\n</utility_space>\n")
    with pytest.raises(ScenarioError) as info:
        load_genius(bad, [bad, bad])
    assert str(info.value.problems[0]).startswith(f"{bad}:3:")
    assert "not well-formed XML" in str(info.value.problems[0])


def test_entities_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(ScenarioError, match="DOCTYPE"):
        load_genius(bomb, [bomb, bomb])
    utf16 = tmp_path / "bomb16.xml"                    # attacker trial: UTF-16 got past a check on bytes
    utf16.write_bytes('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
                      .encode("utf-16"))
    with pytest.raises(ScenarioError, match="DOCTYPE declarations are not allowed"):
        load_genius(utf16, [utf16, utf16])


def test_a_huge_name_is_quoted_short(tmp_path: Path) -> None:
    g = FIXTURES / "genius"
    wrong = tmp_path / "wrong.xml"
    wrong.write_text((g / "quirky_b.xml").read_text().replace('value="medium"', 'value="' + "h" * 100_000 + '"'))
    with pytest.raises(ScenarioError) as info:
        load_genius(g / "quirky_domain.xml", [g / "quirky_a.xml", wrong])
    assert "is not in the domain" in str(info.value) and len(str(info.value)) < 400


def test_profile_value_missing_from_domain_is_named(tmp_path: Path) -> None:
    g = FIXTURES / "genius"
    wrong = tmp_path / "wrong.xml"
    wrong.write_text((g / "quirky_b.xml").read_text().replace('value="medium"', 'value="huge"'))
    with pytest.raises(ScenarioError) as info:
        load_genius(g / "quirky_domain.xml", [g / "quirky_a.xml", wrong])
    assert "issue 'Size': value 'huge' is not in the domain" in str(info.value)
    assert f"{wrong}:4:" in str(info.value)


def test_an_issue_with_no_items_is_matched_by_name_not_by_another_issues_index(tmp_path: Path) -> None:
    """A profile's issue found by name stays that issue even when it lists no items (all zero), and
    the loader never asks an XML element for its truth value (a DeprecationWarning, an error here)."""
    g = FIXTURES / "genius"
    profile = tmp_path / "swapped.xml"
    profile.write_text(
        '<utility_space><objective index="0" name="root">\n'
        '  <issue index="1" name="Colour"><item value="red" evaluation="5"/><item value="blue" evaluation="10"/></issue>\n'
        '  <issue index="2" name="Size"/>\n'
        '  <weight index="1" value="1"/><weight index="2" value="1"/>\n'
        '</objective></utility_space>\n')
    problem = load_genius(g / "quirky_domain.xml", [profile, g / "quirky_b.xml"])
    assert problem.tables[0][:, 0].tolist() == [0.0, 0.0, 0.0]          # Size: named, no items -> zero
    assert problem.tables[1][:, 0] == pytest.approx([0.25, 0.5])         # Colour: 5/10 and 10/10, weight 1 of 2
