"""A scenario with one mechanism of After signing neutralised: what the debrief's "what if" figures and the
claims' ablations value a deal under (docs/model.md, "After signing" and "The seeds' claims").

Each is a pure transform of the (immutable) scenario; valuing a deal under it is the ordinary valuation.
"""

from __future__ import annotations

import dataclasses

from game.model.scenario import Scenario, frozen_map


def with_trust(scenario: Scenario, trust: float) -> Scenario:
    """The prior that each government is a complying type set to ``trust`` (rule 6)."""
    return dataclasses.replace(scenario, compliance=dataclasses.replace(scenario.compliance, trust=trust))


def fully_verified(scenario: Scenario) -> Scenario:
    """Every breach seen and pinned on its author: detection, its cap and attribution 1 on every basket and
    rung, so ``q = 1`` everywhere (rule 4; a year event that changes detection later still applies)."""
    baskets = tuple(dataclasses.replace(b, attribution=1.0, detection_cap=1.0,
                                        detection_by=frozen_map({k: 1.0 for k in b.detection_by}),
                                        options=tuple(dataclasses.replace(o, detection=1.0) for o in b.options))
                    for b in scenario.baskets)
    return dataclasses.replace(scenario, baskets=baskets)


def never_dropped(scenario: Scenario) -> Scenario:
    """Every agreement form kept for good by every successor: revocation 0 (rule 5)."""
    return dataclasses.replace(scenario, forms=tuple(dataclasses.replace(f, revocation=0.0) for f in scenario.forms))
