"""What a package's figures mean where they look wrong: a deal expected to be worth more than on paper.

The rule (docs/model.md, rule 7): expected = P(in force) x its value once in force + (1 - P) x no deal. A deal
worth less than no deal on paper is then worth more in expectation than on paper, since it may fail at home
and leave no deal's value (newcomer trial, ryabkov round 1: "Worth 0.613 expected, 0.598 on paper" and
nothing said why).
"""

from __future__ import annotations


def above_paper(expected: float, paper: float, no_deal: float) -> str:
    """One short sentence for a package expected to be worth more than on paper (as printed, to 3 decimals),
    else "": why, with no deal's value."""
    if round(expected, 3) <= round(paper, 3):
        return ""
    if no_deal > paper:
        return (f"It is expected to be worth more than on paper because it may fail at home, leaving no deal's "
                f"{no_deal:.3f}, worth more than its terms.")
    # no deal is worth less than the terms, so the rest is the value in force: what the government's own breaches
    # of a strategic type would win back (rule 7's yearly value counts them)
    return ("It is expected to be worth more than on paper because, once in force, what its own side's breaches "
            "would win back counts too.")
