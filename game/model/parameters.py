"""Names of the parameters that events and phases may change.

Grammar (``<party>`` is a party id, ``<basket>`` a basket id)::

    <party>.reservation | <party>.domestic_threshold | <party>.form_weight | <party>.acceptance
    <party>.weights.<basket>
    <party>.incentives.(concession_weight|prestige|self_knowledge|reveal_cost)
    <party>.compliance.(freelancing_rate|audience_cost)
    baskets.<basket>.(detection|attribution)
    protocol.(rounds|discount)
    compliance.trust
    phase.anchoring

A year event (docs/model.md, rule 11) may change only the parameters of the years after signing
(:func:`year_parameter_names`)::

    compliance.trust | baskets.<basket>.(detection|attribution) | forms.<form>.revocation

An effect applies one operation to the named parameter: ``add`` a number,
``multiply`` by a number, or ``set`` it to a number. Each parameter has a range
(:func:`parameter_range`); ``validate`` refuses an effect that would leave it, and the engine
keeps every value inside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PARTY_FIELDS = ("reservation", "domestic_threshold", "form_weight", "acceptance")
"""``acceptance`` is 1 as a file starts (the file cannot set it): the chance, apart from the veto players'
votes, that the principal goes ahead with any deal at all (docs/model.md, rule 10)."""
INCENTIVE_FIELDS = ("concession_weight", "prestige", "self_knowledge", "reveal_cost")
COMPLIANCE_FIELDS = ("freelancing_rate", "audience_cost")
BASKET_FIELDS = ("detection", "attribution")
PROTOCOL_FIELDS = ("rounds", "discount")
OPERATIONS = ("add", "multiply", "set")


def parameter_names(party_ids: Iterable[str], basket_ids: Iterable[str]) -> list[str]:
    """Every valid parameter name for the given parties and baskets."""
    baskets = list(basket_ids)
    names: list[str] = []
    for party in party_ids:
        names += [f"{party}.{f}" for f in PARTY_FIELDS]
        names += [f"{party}.weights.{b}" for b in baskets]
        names += [f"{party}.incentives.{f}" for f in INCENTIVE_FIELDS]
        names += [f"{party}.compliance.{f}" for f in COMPLIANCE_FIELDS]
    names += [f"baskets.{b}.{f}" for b in baskets for f in BASKET_FIELDS]
    names += [f"protocol.{f}" for f in PROTOCOL_FIELDS]
    names.append("phase.anchoring")
    names.append("compliance.trust")
    return names


_FAMILY_MEMBERS = {"weights": "<basket>", "incentives": f"({'|'.join(INCENTIVE_FIELDS)})",
                   "compliance": f"({'|'.join(COMPLIANCE_FIELDS)})", "baskets": f"({'|'.join(BASKET_FIELDS)})"}


def parameter_families(head: str, names: Iterable[str]) -> list[str]:
    """The groups of parameters one level below ``head`` among ``names``, each written once as the
    grammar above writes it: for a party ``ru``, ``ru.weights.<basket>``,
    ``ru.incentives.(concession_weight|prestige|self_knowledge|reveal_cost)`` and
    ``ru.compliance.(freelancing_rate|audience_cost)`` (a message listing ``ru``'s parameters names
    these families too, not only ``ru.reservation`` and its like)."""
    found: dict[str, None] = {}
    for name in names:
        rest = name[len(head) + 1:] if name.startswith(head + ".") else ""
        mid, dot, _ = rest.partition(".")
        if dot:
            found[f"{head}.{mid}.{_FAMILY_MEMBERS.get(mid, '<name>')}"] = None
    return list(found)


def year_parameter_names(basket_ids: Iterable[str], form_ids: Iterable[str]) -> list[str]:
    """Every parameter a year event may change: trust, a basket's detection or attribution, a form's
    revocation chance."""
    names = ["compliance.trust"]
    names += [f"baskets.{b}.{f}" for b in basket_ids for f in BASKET_FIELDS]
    names += [f"forms.{f}.revocation" for f in form_ids]
    return names


def needs_schema_2(name: str) -> bool:
    """Whether the parameter ``name`` exists only in schema 2: ``compliance.trust``,
    ``forms.<form>.revocation`` and ``<party>.compliance.audience_cost``. A schema-1 file has full
    trust, no revocation and no audience cost (docs/scenario-format.md), so no effect of it may
    change them."""
    parts = name.split(".")
    return (name == "compliance.trust" or (len(parts) == 3 and parts[0] == "forms" and parts[2] == "revocation")
            or (len(parts) == 3 and parts[1:] == ["compliance", "audience_cost"]))


MAX_ROUNDS = 200
"""The longest a phase's talks can run, in rounds: the schema's maximum for ``protocol.rounds``, and
the cap on a deadline that effects move (so every game ends after a bounded number of moves)."""


@dataclass(frozen=True, slots=True)
class Range:
    """The values a parameter may take: ``low <= x <= high`` (``low < x`` when ``low_open``)."""

    low: float
    high: float
    low_open: bool = False

    def holds(self, x: float) -> bool:
        """Whether ``x`` (finite) lies in the range."""
        return (x > self.low if self.low_open else x >= self.low) and x <= self.high

    def __str__(self) -> str:
        return f"{'(' if self.low_open else '['}{self.low:g}, {self.high:g}]"


UNIT = Range(0.0, 1.0)
REVEAL_COST_MAX = 10.0
"""The largest reveal cost (an official in non-binding talks then concedes 1/11 of what it would
in binding talks)."""


OTHER_RANGES: dict[str, Range] = {
    "protocol.rounds": Range(0.0, float(MAX_ROUNDS)),          # 0: the talks are frozen
    "protocol.discount": Range(0.0, 1.0, low_open=True),
    "<party>.incentives.reveal_cost": Range(0.0, REVEAL_COST_MAX),
}
"""Every parameter whose range is not :data:`UNIT`, by its name as the grammar above writes it (``<party>``
stands for any party id): the one table :func:`parameter_range` reads, and docs/scenario-format.md lists
(tests/test_docs.py holds the two together)."""


def _named(pattern: str, name: str) -> bool:
    """Whether parameter ``name`` is one ``pattern`` of :data:`OTHER_RANGES` writes (``<...>``: any id)."""
    parts, names = pattern.split("."), name.split(".")
    return len(parts) == len(names) and all(p.startswith("<") or p == n for p, n in zip(parts, names))


def parameter_range(name: str) -> Range:
    """The range of the parameter ``name`` (a name from :func:`parameter_names`): its entry of
    :data:`OTHER_RANGES` (rounds 0 to :data:`MAX_ROUNDS`, the discount in (0, 1], a reveal cost in
    [0, 10]), else [0, 1]."""
    return next((span for pattern, span in OTHER_RANGES.items() if _named(pattern, name)), UNIT)
