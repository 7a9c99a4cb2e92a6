"""Display names for the front-ends: never a raw id, always correct grammar.

Scenario files name delegations and baskets in words, but principals
(``united_states``) and AI personas (``tit_for_tat``) only by id. The terminal
and the window both turn ids into words here, so that every player-facing
string reads "the United States", "Tit for tat" and "Roosevelt's negotiators
offer".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.model.scenario import Scenario

# Country names that take "the" in running text ("You speak for the United States").
_WITH_ARTICLE = frozenset({"states", "union", "kingdom", "republic", "federation", "emirates", "netherlands",
                           "philippines", "islands"})
_SMALL_WORDS = frozenset({"of", "and", "the", "for"})


def principal_name(principal: str, article: bool = False) -> str:
    """A principal (government) id in words: ``united_states`` -> "United States", or with
    ``article`` "the United States" (for running text); ``russia`` -> "Russia" either way."""
    words = principal.replace("_", " ").split()
    name = " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))
    if article and words and words[-1].lower() in _WITH_ARTICLE:
        return f"the {name}"
    return name


def persona_name(strategy: str | None) -> str:
    """An AI persona's id in words: ``tit_for_tat`` -> "Tit for tat"; None: the scenario's own choice."""
    if strategy is None:
        return "As the scenario says"
    text = strategy.replace("_", " ")
    return text[:1].upper() + text[1:]


def is_plural(name: str) -> bool:
    """Whether a delegation's name is a plural subject ("Roosevelt's negotiators", "Former US officials
    and scholars", "American members of the working group": the head noun is the last word before
    "of") rather than a singular one ("US delegation (State Department)")."""
    head = re.sub(r"\s*\([^)]*\)\s*$", "", name).split(" of ")[0].split()
    last = head[-1].lower() if head else ""
    return last.endswith("s") and not last.endswith(("ss", "'s", "us"))


def says(name: str, singular: str, plural: str) -> str:
    """``name`` followed by the verb that agrees with it: says("Roosevelt's negotiators", "offers",
    "offer") -> "Roosevelt's negotiators offer"."""
    return f"{name} {plural if is_plural(name) else singular}"


def and_list(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' ('' for none)."""
    return names[0] if len(names) == 1 else (", ".join(names[:-1]) + " and " + names[-1] if names else "")


def a_percent(chance: float) -> str:
    """A chance with its article, "a 40%" or "an 88%" ("an" before eight, eleven, eighteen, eighty-…)."""
    shown = f"{chance:.0%}"
    return f"{'an' if shown.startswith('8') or shown in ('11%', '18%') else 'a'} {shown}"


def possessive(name: str) -> str:
    """"the United States'" and "Russia's"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def capitalised(text: str) -> str:
    """``text`` with its first letter upper-case (a sentence that starts with "the United States")."""
    return text[:1].upper() + text[1:]


RULE_PREFIX = re.compile(r"^rule \d+: ")    # an engine refusal names its rule (docs/model.md); players read the reason


def refusal(error: BaseException) -> str:
    """A refused move's reason as a player reads it, the terminal's and the window's: the engine's text without
    its rule's number (that is for the log and the docs), as a sentence."""
    return capitalised(RULE_PREFIX.sub("", str(error)))


def party_name(scenario: Scenario, party: str) -> str:
    """A delegation's name, from its id."""
    return scenario.party(party).name


def government_of(scenario: Scenario, party: str, article: bool = False) -> str:
    """The name of the government a delegation speaks for."""
    return principal_name(scenario.party(party).principal, article)


def phase_name(scenario: Scenario, phase: str) -> str:
    """A phase's name, from its id (the implicit single phase of a scenario without phases: "The talks")."""
    return next((p.name for p in scenario.phases if p.id == phase), "The talks")


def frozen_after(played: int, tense: str = "are") -> str:
    """Talks an event froze after ``played`` rounds, in words: "the talks are frozen after round 1"."""
    return f"the talks {tense} frozen " + (f"after round {played}" if played > 0 else "before the first round")


def round_words(played: int, rounds: int) -> str:
    """Where the talks stand, in words: "round 2 of 6", or "frozen after round 1" once an event froze them
    (rule 2 sets the deadline to the rounds played; instructor trial: the page said "round 0 of 0")."""
    if rounds <= played:
        return frozen_after(played, "are").removeprefix("the talks are ")
    return f"round {played + 1} of {rounds}"


def delay_cost(discount: float) -> str:
    """What a round of delay costs, in words, or "" when it costs (almost) nothing: the discount applies to
    each delegation's stake in a deal (docs/model.md, Rules), not to what its government gets, so the words
    say whose loss it is: "delay costs each delegation 3% a round"."""
    loss = 1 - discount
    return f"delay costs each delegation {loss:.0%} a round" if loss > 0.0049 else ""


def anchoring_rule(weight: float) -> str:
    """What a published plan does to the talks it anchors, as docs/model.md states it (rule 3, and "A published
    plan's terms travel"): each government's bar for approval at home moves ``weight`` of the way toward the
    plan's expected value once in force, and an AI delegation's opening ask as far toward what the plan's terms
    are worth to it. The one wording of the log, the terminal and the hand-off screen (newcomer trial: the log
    said "pulls the sense of a fair deal toward it (weight 0.40)", the hand-off "moves 30% of the way")."""
    return (f"each government's bar for approval at home moves {weight:.0%} of the way toward what the plan would "
            f"be worth to it once in force, and an AI delegation's opening ask {weight:.0%} of the way toward what "
            "the plan's terms are worth to it")


def anchoring(phase: str, weight: float) -> str:
    """:func:`anchoring_rule` at the talks ``phase``: "at 'Official talks', each government's bar ..."."""
    return f"at '{phase}', {anchoring_rule(weight)}"


@dataclass(frozen=True)
class Verdicts:
    """How a government's yes and no to an agreement are said: a vote (approves / refuses) for every form but
    one its leaders sign or decline to sign (``AgreementForm.signed``: a joint statement, where nobody votes;
    newcomer trial: the vote screen said "refuses" of a leader who declined to sign)."""

    yes: str            # "approves"
    no: str             # "refuses"
    no_past: str        # "refused it"
    refused_by: str     # "Refused by"


VOTE = Verdicts("approves", "refuses", "refused it", "Refused by")
SIGNATURE = Verdicts("signs", "declines to sign", "declined to sign it", "Not signed by")
TIMING_WORDS = Verdicts("lets it go ahead", "holds it back", "held it back", "Held back by")
"""The words for "the timing" (rule 10's acceptance below 1): it weighs no deal and votes on nothing; it lets a
deal go ahead or holds it back, with its chance whatever the terms (newcomer trial: "the timing signs it")."""


def verdicts(scenario: Scenario, agreement: tuple[int, ...] | None) -> Verdicts:
    """The words for the yes and no of the form ``agreement`` chose (its last place); a vote's without one."""
    if agreement is None or len(agreement) <= len(scenario.baskets):
        return VOTE
    return SIGNATURE if scenario.forms[agreement[len(scenario.baskets)]].signed else VOTE
