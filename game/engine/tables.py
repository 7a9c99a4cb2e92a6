"""Everything a negotiation needs about utilities, computed once per negotiation.

For each delegation at the table: its principal's true utility of every
outcome on paper, its *expected* value ``V = P(entry) E + (1 - P(entry)) r``
(:mod:`game.engine.valuation`), the expected value as the delegation *perceives*
it (option values perturbed once per game by its ``self_knowledge`` noise, drawn
by the chance move of rule 1; a misjudged value counts wherever the deal is in
force, ``V_seen = V + P(entry) (U_seen - U)``), the outcomes that cross none of its own red lines
(nor leave a basket the agreed scope excludes at a commitment: :mod:`game.engine.scope`),
and those outcomes sorted by perceived expected value (best first): the AI
bargains on what a deal will really be worth. Strategies only ever slice these
arrays; they are rebuilt when an event changes anything the valuation reads.

In non-binding talks nothing agreed enters into force, is kept or is broken, so there every
value is on paper (``V = U``; docs/model.md, rule 14): a plan is a text, and its terms are
what travel.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.model.problem import BargainingProblem
from game.model.scenario import Party, Scenario, frozen_map
from game.engine.searched import PairValuer, SearchedTable
from game.engine.valuation import Valuation, value_all
from game.model import limits
from game.model.utility import bargaining_problem

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class DelegationTable:
    party_id: str
    true_u: FloatArray          # (n,) principal utility on paper
    perceived: FloatArray       # (n,) expected value V as the delegation sees it (what the AI bargains on)
    order: NDArray[np.int64]    # outcomes crossing none of its red lines, best perceived first
    best: float                 # highest perceived expected value it could accept
    ok: NDArray[np.bool_]       # (n,) whether an outcome crosses none of its red lines
    sorted_neg: FloatArray      # -perceived[order]: ascending, for binary search
    expected: FloatArray        # (n,) the principal's true expected value V
    in_force: FloatArray        # (n,) its expected yearly value once in force, E
    entry: FloatArray           # (n,) P(entry into force) of each outcome (both principals)
    paper_seen: FloatArray      # (n,) principal utility on paper as the delegation sees it


@dataclass(frozen=True, eq=False)
class Tables:
    problem: BargainingProblem            # principal values of the parties at this table
    delegations: tuple[DelegationTable | SearchedTable, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {d.party_id: d for d in self.delegations})

    @property
    def searched(self) -> bool:
        """Whether the outcomes are not tabulated: candidates and values on demand (:mod:`game.engine.searched`)."""
        return any(getattr(d, "searched", False) for d in self.delegations)

    def of(self, party_id: str) -> DelegationTable:
        try:
            return self._by_id[party_id]  # type: ignore[attr-defined]
        except KeyError:
            raise KeyError(f"no delegation {party_id!r} at this table") from None


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
    """``party`` with option values shifted by ``noise`` (clipped to [0, 1]); the shift is read as a
    misjudged value of the other side's restraint, so its gains move by the same amount."""
    if not noise:
        return party
    values: dict[str, object] = {}
    gains: dict[str, object] = {}
    k = 0
    for basket in scenario.baskets:
        row, gain_row = {}, {}
        for option in basket.options:
            old = party.values[basket.id][option.id]
            row[option.id] = min(1.0, max(0.0, old + noise[k]))
            gain_row[option.id] = party.gains.get(basket.id, {}).get(option.id, 0.0) + row[option.id] - old
            k += 1
        values[basket.id] = frozen_map(row)
        gains[basket.id] = frozen_map(gain_row)
    return dataclasses.replace(party, values=frozen_map(values), gains=frozen_map(gains))  # type: ignore[arg-type]


_CACHE: dict[str, Tables] = {}
_CACHE_SIZE = 8
_KEYS: dict[tuple[int, tuple[str, ...], tuple[tuple[str, tuple[float, ...]], ...]], tuple[Scenario, str]] = {}


def _utility_key(scenario: Scenario, parties: tuple[Party, ...], perception: dict[str, tuple[float, ...]]) -> str:
    """Everything the tables depend on, as text (parties hold read-only mappings, which do not hash).

    Memoised by the identity of the (immutable) scenario object, which the memo keeps alive."""
    ids = tuple(p.id for p in parties)
    memo = (id(scenario), ids, tuple(sorted((k, v) for k, v in perception.items() if k in ids)))
    hit = _KEYS.get(memo)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    parts = [repr(scenario.baskets), repr(scenario.forms), repr(scenario.compliance)]
    for p in parties:
        parts.append(repr((p, perception.get(p.id, ()))))
    key = "|".join(parts)
    if len(_KEYS) >= 4 * _CACHE_SIZE:
        _KEYS.pop(next(iter(_KEYS)))
    _KEYS[memo] = (scenario, key)
    return key


def build_tables(scenario: Scenario, party_ids: tuple[str, ...], perception: dict[str, tuple[float, ...]],
                 binding: bool = True) -> Tables:
    """Tables for the delegations ``party_ids`` given each one's perception noise; in non-binding
    talks (``binding`` False) values are on paper.

    Pure; results are memoised on everything they depend on (a few recent
    tables), so games that share a scenario do not rebuild them.
    """
    parties = tuple(scenario.party(pid) for pid in party_ids)
    exact = limits.outcome_count(scenario) <= limits.EXACT_TABLE_OUTCOMES
    key = ("exact|" if exact else "searched|") + _utility_key(scenario, parties, perception) + f"|binding={binding}"
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = (_build if exact else _build_searched)(scenario, parties, perception, binding)
    return _CACHE[key]


def _build_searched(scenario: Scenario, parties: tuple[Party, ...], perception: dict[str, tuple[float, ...]],
                    binding: bool = True) -> Tables:
    """Tables that value outcomes on demand and bargain over searched candidates (:mod:`game.engine.searched`),
    for spaces above :data:`game.model.limits.EXACT_TABLE_OUTCOMES` (on paper in non-binding talks)."""
    pair = bargaining_problem(scenario, parties)
    valuer = PairValuer(scenario, (parties[0], parties[1]), pair, binding)
    delegations = []
    for column, party in enumerate(parties):
        noise = perception.get(party.id, ())
        own = bargaining_problem(scenario, [party])
        seen = bargaining_problem(scenario, [perceived_party(scenario, party, noise)]) if noise else own
        delegations.append(SearchedTable(party.id, column, valuer, own, seen))
    return Tables(pair, tuple(delegations))


def _build(scenario: Scenario, parties: tuple[Party, ...], perception: dict[str, tuple[float, ...]],
           binding: bool = True) -> Tables:
    """Each delegation's paper column comes from the pair's problem (a party's column is
    bit-identical whichever parties share the problem); its expected values from the pair's
    valuation (binding talks) or its paper values (non-binding talks), computed again from its
    own side's perceived values when it has noise."""
    pair = bargaining_problem(scenario, parties)
    truth_v = valuation(scenario, parties, pair) if binding else _on_paper(pair)
    delegations = []
    for column, party in enumerate(parties):
        noise = perception.get(party.id, ())
        truth = pair.utility_column(column)
        expected = truth_v.value[:, column]
        if noise:
            # a misjudged option value counts wherever the deal is in force: V_seen = V + P(entry) (U_seen - U)
            seen = bargaining_problem(scenario, [perceived_party(scenario, party, noise)]).utility_column(0)
            perceived = expected + truth_v.entry * (seen - truth)
        else:
            seen, perceived = truth, expected
        scoped = not all(b.in_scope for b in scenario.baskets)      # a definitions phase left baskets out
        ok = bargaining_problem(scenario, [party]).allowed_mask() if any(party.red_lines.values()) or scoped \
            else np.ones(len(truth), dtype=bool)
        acceptable = np.flatnonzero(ok)
        order = acceptable[best_first(perceived[acceptable])]
        best = float(perceived[order[0]]) if len(order) else 0.0
        sorted_neg = perceived[order]
        np.negative(sorted_neg, out=sorted_neg)
        delegations.append(DelegationTable(party.id, truth, perceived, order, best, ok, sorted_neg, expected,
                                           truth_v.in_force[:, column], truth_v.entry, seen))
    return Tables(pair, tuple(delegations))


def _on_paper(pair: BargainingProblem) -> Valuation:
    """The valuation of non-binding talks: every value on paper, as if certain to enter into force."""
    paper = np.stack([pair.utility_column(c) for c in range(len(pair.party_ids))], axis=1)
    return Valuation(paper, paper, np.ones(len(paper)), paper)


_VALUED: dict[str, Valuation] = {}


def valuation(scenario: Scenario, parties: tuple[Party, ...], pair: BargainingProblem) -> Valuation:
    """The pair's expected values of every outcome, memoised on everything they depend on (perception
    noise is not among them: games that differ only in it share one valuation)."""
    key = _utility_key(scenario, parties, {})
    if key not in _VALUED:
        if len(_VALUED) >= _CACHE_SIZE:
            _VALUED.pop(next(iter(_VALUED)))
        _VALUED[key] = value_all(scenario, (parties[0], parties[1]), pair.shape, pair.allowed_mask())
    return _VALUED[key]


_QUANTUM_BITS = 37
_POSITION_BITS = 25


def best_first(utility: FloatArray) -> NDArray[np.int64]:
    """Positions sorting ``utility`` (in [0, 1]) from best to worst, ties in position order.

    Sorts one unique integer key, ``(2^37 - floor(u * 2^37)) * 2^25 + position``, and reads
    the positions back from its low 25 bits: the order of a stable sort by decreasing
    utility, except that values closer than 2^-37 (float rounding of the same sum) count as
    ties. Sorting the keys themselves (not arg-sorting them) lets numpy use its vectorised
    sort, and the keys are built in their one output array: fresh memory costs page faults.
    """
    n = len(utility)
    if n >= 2 ** _POSITION_BITS:
        return np.argsort(-utility, kind="stable")
    scale = 2 ** _QUANTUM_BITS
    keys = np.empty(n, dtype=np.int64)
    np.multiply(utility, -float(scale), out=keys, casting="unsafe")   # -floor(u * 2^37), truncated toward 0
    keys += scale
    np.clip(keys, 0, scale, out=keys)
    keys <<= _POSITION_BITS
    keys |= _positions(n)
    keys.sort()
    keys &= (1 << _POSITION_BITS) - 1
    return keys


_POSITIONS: dict[int, NDArray[np.int64]] = {}


def _positions(n: int) -> NDArray[np.int64]:
    """A shared, read-only ``arange(n)`` (a few recent sizes)."""
    if n not in _POSITIONS:
        if len(_POSITIONS) >= 4:
            _POSITIONS.pop(next(iter(_POSITIONS)))
        positions = np.arange(n, dtype=np.int64)
        positions.flags.writeable = False
        _POSITIONS[n] = positions
    return _POSITIONS[n]
