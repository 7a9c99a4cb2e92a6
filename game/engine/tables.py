"""Everything a negotiation needs about utilities, computed once per negotiation.

For each delegation at the table: its principal's true utility of every
outcome, the utility as it *perceives* it (option values perturbed once per
game by its ``self_knowledge`` noise, drawn by the chance move of rule 1), the
outcomes that cross none of its own red lines, and those outcomes sorted by
perceived utility (best first). Strategies only ever slice these arrays; they
are rebuilt only when an event changes a weight.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.model.problem import BargainingProblem
from game.model.scenario import Party, Scenario, frozen_map
from game.model.utility import bargaining_problem

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class DelegationTable:
    party_id: str
    true_u: FloatArray          # (n,) principal utility
    perceived: FloatArray       # (n,) principal utility as the delegation sees it
    order: NDArray[np.int64]    # outcomes crossing none of its red lines, best perceived first
    best: float                 # highest perceived utility it could accept
    ok: NDArray[np.bool_]       # (n,) whether an outcome crosses none of its red lines


@dataclass(frozen=True, eq=False)
class Tables:
    problem: BargainingProblem            # principal values of the parties at this table
    delegations: tuple[DelegationTable, ...]

    def of(self, party_id: str) -> DelegationTable:
        return next(d for d in self.delegations if d.party_id == party_id)


def best_value(problem: BargainingProblem, column: int = 0) -> float:
    """The highest utility of one party over outcomes crossing no red line: additive, so
    the sum over issues of the best allowed value (0 if some issue has none)."""
    if not all(ok.any() for ok in problem.allowed):
        return 0.0
    return float(sum(t[ok, column].max() for t, ok in zip(problem.tables, problem.allowed)))


def outcome_values(scenario: Scenario, party: Party, noise: tuple[float, ...],
                   outcome: tuple[int, ...]) -> tuple[float, float, float]:
    """(perceived, true, best perceived) utility of one outcome for one delegation, without tables."""
    true = bargaining_problem(scenario, [party])
    seen = bargaining_problem(scenario, [perceived_party(scenario, party, noise)])
    digits = np.array(outcome)
    return float(seen.utilities_of(digits)[0]), float(true.utilities_of(digits)[0]), best_value(seen)


def noise_shape(scenario: Scenario) -> int:
    """How many noise draws one delegation's perception takes: one per basket option."""
    return sum(len(b.options) for b in scenario.baskets)


def perceived_party(scenario: Scenario, party: Party, noise: tuple[float, ...]) -> Party:
    """``party`` with option values shifted by ``noise`` (clipped to [0, 1])."""
    if not noise:
        return party
    values: dict[str, object] = {}
    k = 0
    for basket in scenario.baskets:
        row = {}
        for option in basket.options:
            row[option.id] = min(1.0, max(0.0, party.values[basket.id][option.id] + noise[k]))
            k += 1
        values[basket.id] = frozen_map(row)
    return dataclasses.replace(party, values=frozen_map(values))  # type: ignore[arg-type]


_CACHE: dict[str, Tables] = {}
_CACHE_SIZE = 8


def _utility_key(scenario: Scenario, parties: tuple[Party, ...], perception: dict[str, tuple[float, ...]]) -> str:
    """Everything the tables depend on, as text (parties hold read-only mappings, which do not hash)."""
    parts = [repr([(b.id, [o.id for o in b.options]) for b in scenario.baskets]), repr([f.id for f in scenario.forms])]
    for p in parties:
        parts.append(repr((p.id, sorted(p.weights.items()), sorted((k, sorted(v.items())) for k, v in p.values.items()),
                           p.form_weight, sorted(p.form_values.items()), sorted(p.red_lines.items()),
                           perception.get(p.id, ()))))
    return "|".join(parts)


def build_tables(scenario: Scenario, party_ids: tuple[str, ...], perception: dict[str, tuple[float, ...]]) -> Tables:
    """Tables for the delegations ``party_ids`` given each one's perception noise.

    Pure; results are memoised on everything they depend on (a few recent
    tables), so games that share a scenario do not rebuild them.
    """
    parties = tuple(scenario.party(pid) for pid in party_ids)
    key = _utility_key(scenario, parties, perception)
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _build(scenario, parties, perception)
    return _CACHE[key]


def _build(scenario: Scenario, parties: tuple[Party, ...], perception: dict[str, tuple[float, ...]]) -> Tables:
    """Each utility column is computed once (summed issue by issue, so it is bit-identical to
    the pair's utility matrix); the perceived one only when there is noise."""
    delegations = []
    for party in parties:
        noise = perception.get(party.id, ())
        truth = bargaining_problem(scenario, [party])
        own = bargaining_problem(scenario, [perceived_party(scenario, party, noise)]) if noise else truth
        column = truth.utility_matrix()[:, 0]
        perceived = own.utility_matrix()[:, 0] if noise else column
        ok = truth.allowed_mask()
        acceptable = np.flatnonzero(ok)
        order = acceptable[best_first(perceived[acceptable])]
        delegations.append(DelegationTable(party.id, column, perceived, order, best_value(own), ok))
    return Tables(bargaining_problem(scenario, parties), tuple(delegations))


_QUANTUM_BITS = 38


def best_first(utility: FloatArray) -> NDArray[np.int64]:
    """Positions sorting ``utility`` (in [0, 1]) from best to worst, ties in position order.

    Sorts one unique integer key, ``(2^38 - round(u * 2^38)) * 2^25 + position``: the order of
    a stable sort by decreasing utility, except that values closer than 2^-38 (float rounding
    of the same sum) count as ties. Unique keys let numpy's fast unstable sort be used.
    """
    n = len(utility)
    if n >= 2 ** 25:
        return np.argsort(-utility, kind="stable")
    scale = float(2 ** _QUANTUM_BITS)
    quantised = np.rint(np.clip(utility, 0.0, 1.0) * scale).astype(np.int64)
    keys = ((2 ** _QUANTUM_BITS - quantised) << 25) | np.arange(n, dtype=np.int64)
    return np.argsort(keys)
