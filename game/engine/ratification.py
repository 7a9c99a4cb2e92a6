"""Entry into force: does each principal's domestic system approve the agreement?

For principal ``p``, agreement form ``f`` and a deal worth ``U_p`` at home::

    P(enters for p) = logistic(logit(approval_fp) + sensitivity_fp * (U_p - threshold_p))

The pact enters into force when every principal approves (independent draws).
"""

from __future__ import annotations

import math

from game.model.scenario import AgreementForm, Party


def entry_probability(form: AgreementForm, party: Party, utility: float) -> float:
    """P(``party``'s principal brings a deal worth ``utility`` into force under ``form``)."""
    rule = form.entry[party.principal]
    a = min(1 - 1e-9, max(1e-9, rule.approval))
    z = math.log(a / (1 - a)) + rule.sensitivity * (utility - party.domestic_threshold)
    return 1.0 / (1.0 + math.exp(-z))
