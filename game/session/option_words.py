"""What one option of a basket (or one agreement form) says, in the words both front-ends show: the window's
line under the baskets and its tooltip, the terminal's ``options`` command (window trial: the text and the
detection odds were only in a tooltip the mouse opened, and the terminal gave no odds at all)."""

from __future__ import annotations

from dataclasses import dataclass

from game.model.scenario import Scenario


@dataclass(frozen=True)
class OptionWords:
    label: str
    description: str                 # "" when the scenario gives none
    detected: str | None             # "Violations detected N% of the time"; for a basket's first option (nothing
                                     # binds: docs/model.md, rule 1) that there is nothing to violate; None for a form

    def details(self) -> str:
        """What follows the label: the description (its closing full stop dropped before the odds) and the
        detection odds, joined by " · "; "" when the option has neither."""
        text = self.description.rstrip(".") if self.detected else self.description
        return " · ".join(x for x in (text, self.detected) if x)

    def sentence(self) -> str:
        """The option's text and its detection odds in one line: "Pledge: no theft ... · Violations detected ...";
        the label alone when the scenario describes it no further."""
        if not self.description:
            return f"{self.label} · {self.detected}" if self.detected else self.label
        return f"{self.label}: {self.details()}"


def option_words(scenario: Scenario, issue: int, option: int) -> OptionWords:
    """The words of option ``option`` of basket ``issue`` (``len(baskets)``: the agreement form). A violation is
    caught when it is both detected and attributed: the odds are the option's detection times the basket's
    attribution, of ``scenario`` as it stands (an event may have changed either). A basket's first option
    commits nobody (its gains and costs are 0 and it cannot be breached), so it has no odds to give."""
    if issue >= len(scenario.baskets):
        form = scenario.forms[option]
        return OptionWords(form.label, form.description or "", None)
    basket = scenario.baskets[issue]
    chosen = basket.options[option]
    if option == 0:
        return OptionWords(chosen.label, chosen.description or "", "Not a commitment: nothing to violate")
    return OptionWords(chosen.label, chosen.description or "",
                       f"Violations detected {chosen.detection * basket.attribution:.0%} of the time")
