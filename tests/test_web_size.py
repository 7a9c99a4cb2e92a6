"""The class server serves every shipped scenario to a class of 24 (instructor trial: it refused the
Track 1.5 trap, the 2019 code of conduct and the 2017 offer, a limit of 200,000 packages set when the
shipped files were smaller), and refuses a class too large for memory by saying how many tables fit."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from game.classroom.folder import SessionError
from game.scenario.loader import load_scenario
from game.model.limits import served_tables_at_most
from game.web.serve import check_size
from tests.conftest import SCENARIOS
from tests.webclient import make_class, receive, served


def packages(path: Path) -> int:
    s = load_scenario(path)
    return math.prod(len(b.options) for b in s.baskets) * len(s.forms)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_scenario_serves_a_class_of_24(path: Path) -> None:
    roles = len(load_scenario(path).parties)
    check_size(packages(path), math.ceil(24 / min(roles, 2)))          # at least one student per seat pair


def test_a_class_too_large_for_memory_is_refused_with_the_tables_that_fit() -> None:
    n = packages(SCENARIOS / "ryabkov_2017.yaml")
    most = served_tables_at_most(n)
    check_size(n, most)
    with pytest.raises(SessionError, match=f"serves at most {most} tables of it: .*--tables {most}"):
        check_size(n, most + 1)


def test_a_trap_table_is_served_and_plays(tmp_path: Path) -> None:
    root = make_class(tmp_path, tables=1, scenario=SCENARIOS / "track15_trap.yaml")
    with served(root) as s:
        seat = s.join("Ann", 1, "us_experts")
        s.login()
        assert s.act("start").status_code == 200
        with s.client.websocket_connect("/ws/seat", headers=seat) as ws:
            first = receive(ws)
            assert first["type"] == "state" and first["game"] is not None
