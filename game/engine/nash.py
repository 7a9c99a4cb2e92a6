"""The Nash deal of the last table on paper, as the debriefs state it (the window's, the terminal's):
the last table's bargaining problem with each government's no-deal value as the game left it, solved by
:func:`game.analytics.analysis.frontier_solutions`."""

from __future__ import annotations

import dataclasses

import numpy as np

from game.analytics.analysis import frontier_solutions
from game.engine.state import State
from game.model.problem import BargainingProblem


def final_problem(state: State) -> BargainingProblem:
    """The last table's bargaining problem with each government's no-deal value as the game left it (the
    tables are rebuilt only when an event changes a weight, so their copy of a no-deal value can be stale):
    the one problem a debrief draws, solves and states."""
    assert state.tables is not None
    problem = state.tables.problem
    live = np.array([state.scenario.party(pid).reservation for pid in problem.party_ids])
    return problem if np.array_equal(live, problem.reservation) else dataclasses.replace(problem, reservation=live)


def paper_nash(state: State, side: str) -> float | None:
    """The value to ``side``'s government of the Nash deal of the last table, on paper (None without tables,
    without a Nash deal, or when ``side`` had no seat there)."""
    if state.tables is None:
        return None
    problem = final_problem(state)
    nash = frontier_solutions(problem).nash
    return None if nash is None or side not in problem.party_ids else float(nash.utilities[problem.party_ids.index(side)])
