"""Names of the parameters that events and phases may change.

Grammar (``<party>`` is a party id, ``<basket>`` a basket id)::

    <party>.reservation | <party>.domestic_threshold | <party>.form_weight
    <party>.weights.<basket>
    <party>.incentives.(concession_weight|prestige|self_knowledge|reveal_cost)
    <party>.compliance.(freelancing_rate|audience_cost)
    baskets.<basket>.(detection|attribution)
    protocol.(rounds|discount)
    compliance.trust
    phase.anchoring

An effect applies one operation to the named parameter: ``add`` a number,
``multiply`` by a number, or ``set`` it to a number.
"""

from __future__ import annotations

from collections.abc import Iterable

PARTY_FIELDS = ("reservation", "domestic_threshold", "form_weight")
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
