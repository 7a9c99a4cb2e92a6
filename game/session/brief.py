"""The confidential brief of one delegation, as plain facts (the front-ends format it): its government's
priorities, red lines, no-deal value, the bar at home by form, and a Track 1.5 delegation's own stakes;
nothing of the other side's values. An unsure delegation's brief is its own view (:func:`seen_scenario`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from game.engine.scope import TERMS_FORM
from game.engine.state import State
from game.engine.tables import perceived_party
from game.model.scenario import AgreementForm, Delegation, Scenario
from game.session.names import principal_name


PRIORITIES_ORDER = "heaviest first, each with its number in a draft"
"""How every front-end's brief lists the government's priorities (the terminal's and the window's)."""


@dataclass(frozen=True)
class Priority:
    basket: str          # basket name
    weight: float        # share of the government's basket weights (of the terms' value, as cards tell it)
    best: str            # label of its best option on paper for this government (not at expected value)
    number: int = 0      # the basket's number in a draft (from 1): the brief lists the heaviest first


@dataclass(frozen=True)
class Rung:
    """One rung of a definitions table's scope ladder as a seated delegation's brief gives it."""

    number: int                  # what to enter for it (``--deal S,1``), from 1
    label: str
    value: float                 # what it is worth to this government (0 worst, 1 best)
    covers: tuple[str, ...]      # names of the baskets the official talks then bargain over
    disputes: float              # yearly chance of an interpretive dispute on each covered basket (rule D3)
    default: bool                # it applies when the table agrees nothing


@dataclass(frozen=True)
class ScopeTable:
    """A definitions table the delegation sits at (docs/model.md, "Definitions"): its ladder, narrowest first."""

    phase: str                   # the table's name
    name: str                    # what the ladder decides
    rungs: tuple[Rung, ...]

    def heading(self) -> str:
        """"At <table> (<what it decides>)", the decision left out where the table's name already says it."""
        said = self.name.lower() in self.phase.lower()
        return f"At {self.phase}" + ("" if said else f" ({self.name[:1].lower() + self.name[1:]})")

    def intro(self) -> str:
        """The heading of the rungs' list, with the scale their worth is on: the ladder's own (newcomer trial:
        "worth 1.00 ... worth 0.00" beside "No deal is worth 0.35", the terms' scale, in one brief)."""
        return self.heading() + self.scale()

    def scale(self) -> str:
        """:meth:`intro` after the heading (a front-end may set the heading apart)."""
        return (", each rung of the scope and its worth to your government on this ladder's own scale (1 = the "
                "definition best for it, 0 = the worst; not the scale of the terms and of no deal)")

    def rung_line(self, rung: Rung, worth: str) -> str:
        """One rung in words, ``worth`` its value as the front-end writes it."""
        extra = f"; disputed {rung.disputes:.0%} a year on each" if rung.disputes > 0 else ""
        default = " (applies if nothing is agreed)" if rung.default else ""
        return (f"{rung.number}. {rung.label}{default}: worth {worth}; the official talks bargain over "
                f"{', '.join(rung.covers) or 'nothing'}{extra}")


@dataclass(frozen=True)
class Brief:
    """One delegation's confidential brief: nothing of the other side's values."""

    delegation: str
    title: str
    year: int
    summary: str
    principal: str                   # in words, for running text: "the United States"
    kind: str                        # official | unofficial
    across: tuple[str, ...]          # names of the delegations of other governments it meets at its tables
    priorities: tuple[Priority, ...] # heaviest first
    form_share: float
    forms_preferred: tuple[str, ...] # every form, best first
    red_lines: tuple[str, ...]       # "Basket: option, option"
    reservation: float
    threshold: float
    stakes: tuple[float, float, float] | None  # (concession weight, prestige, noise) for a Track 1.5 delegation
    definitions: bool = False        # a definitions phase: no deal leaves the default scope; nobody must approve
    form_worth: tuple[float, ...] = ()  # what each of forms_preferred is worth to this government
    approvals: tuple[str, ...] = ()  # each of forms_preferred: its bodies at home and their chance at the bar
    scopes: tuple[ScopeTable, ...] = ()  # the definitions tables it sits at, each rung's worth to its government
    # (the non-binding tables it sits at, its reveal cost) when conceding there costs the delegation itself
    reveal: tuple[tuple[str, ...], float] | None = None
    acceptance: float = 1.0          # rule 10: the chance of going ahead with any deal at all, as events left it

    def reveal_line(self) -> str:
        """One sentence on the reveal cost (docs/model.md, Incentives: ``- lambda * revealed`` in non-binding
        talks), "" when it does not apply: an official at a non-binding table feels what it concedes below its
        best there, and each draft's 'Your delegation' figure counts it (newcomer trial, track15_trap as the
        Russian minister: "Your delegation: -0.982 vs no deal" was explained only in the final debrief)."""
        if self.reveal is None:
            return ""
        tables, cost = self.reveal
        where = " and ".join(f"'{t}'" for t in tables)
        return (f"Nothing binds at {'the table' if len(tables) == 1 else 'the tables'} {where}, so conceding there "
                "costs your delegation itself: "
                f"whatever a package gives up below the best you could offer counts {cost:.2f} times against "
                "it (the reveal cost: you show your hand before the real talks), and each draft's 'Your "
                "delegation' figure is its worth over no deal minus that.")

    def terms_note(self) -> str:
        """How the priorities' shares add up (the model's ``U = (1 - omega) terms + omega form``): each
        basket's share is of the terms, which make up the rest of a deal's value beside the form's."""
        if self.form_share <= 0:
            return "each basket's share of a deal's value: the form counts for nothing here"
        return f"each basket's share of the terms, which make up {1 - self.form_share:.0%} of a deal's value"

    def form_line(self) -> str:
        """The agreement form's share of a deal's value, the rest of :meth:`terms_note`, and each form's worth."""
        if self.form_share <= 0:
            return f"Agreement form: {self.forms_text()} (no part of a deal's value)"
        return f"Agreement form: the other {self.form_share:.0%} of a deal's value; worth to you: {self.forms_text()}"

    def home_bar(self, bar: str) -> str:
        """The bar at home in words (rule 10), ``bar`` the threshold as the front-end writes it: each body's
        chance of a yes is the form's own at the bar, higher above it and lower below; and, once an event lowered
        it, the government's chance of going ahead at all (newcomer trial: after the 2017 election window the brief
        still gave the file's chances, with no word of the halving)."""
        chances = "; ".join(f"{label}: {text}" for label, text in zip(self.forms_preferred, self.approvals))
        return ("At home each body that must approve a deal says yes more often the more it is expected to be "
                "worth once in force (trust, verification and the form's durability counted): at "
                f"{bar} with the chance the form gives it, above it more often, below it less. At the bar: {chances}."
                + ("" if self.acceptance >= 1 else
                   f" An event of these talks has since left your government a chance of {self.acceptance:.0%} of "
                   "going ahead with any deal at all, whatever its bodies say (the timing)."))

    def forms_text(self) -> str:
        """Every agreement form with what it is worth to this government, best first."""
        return "; ".join(f"{label} {worth:.2f}" for label, worth in zip(self.forms_preferred, self.form_worth))


def _best(scenario: Scenario, side: str, basket_id: str) -> str:
    """The label of the option of ``basket_id`` worth most to ``side``'s government on paper among those off its
    red lines (regression trial: an expert's brief named as best an option it also listed as a red line)."""
    me, basket = scenario.party(side), scenario.basket(basket_id)
    banned = set(me.red_lines.get(basket_id, ()))
    allowed = [o for o in basket.options if o.id not in banned] or list(basket.options)
    return max(allowed, key=lambda o: me.values[basket_id][o.id]).label


def brief_facts(scenario: Scenario, side: str) -> Brief:
    me = scenario.party(side)
    numbers = {b.id: i + 1 for i, b in enumerate(scenario.baskets)}
    priorities = tuple(Priority(b.name, me.weights[b.id] / max(sum(me.weights.values()), 1e-300),
                                _best(scenario, side, b.id), numbers[b.id])
                       for b in sorted(scenario.baskets, key=lambda b: -me.weights[b.id]))
    ranked = sorted(scenario.forms, key=lambda f: -me.form_values[f.id])
    forms = tuple(f.label for f in ranked)
    red = tuple(f"{scenario.basket(b).name}: "
                + ", ".join(scenario.basket(b).options[scenario.basket(b).option_index(o)].label for o in opts)
                for b, opts in me.red_lines.items() if opts)
    inc = me.incentives
    track15 = me.delegation is Delegation.UNOFFICIAL or inc.prestige > 0 or inc.concession_weight < 1
    loose = ([ph.name for ph in scenario.phases if side in ph.parties and not ph.protocol.binding]
             if scenario.phases else ([] if scenario.protocol.binding else [scenario.title]))
    reveal = (tuple(loose), inc.reveal_cost) if loose and inc.reveal_cost > 0 else None
    return Brief(me.name, scenario.title, scenario.year, scenario.summary, principal_name(me.principal, article=True),
                 me.delegation.value, tuple(p.name for p in scenario.across(side)),
                 priorities, me.form_weight, forms, red, me.reservation, me.domestic_threshold,
                 (inc.concession_weight, inc.prestige, inc.self_knowledge) if track15 else None,
                 any(f.id == TERMS_FORM for f in scenario.forms), tuple(me.form_values[f.id] for f in ranked),
                 tuple(_bodies(f, me.principal) for f in ranked), scope_tables(scenario, side), reveal, me.acceptance)


def scope_tables(scenario: Scenario, side: str) -> tuple[ScopeTable, ...]:
    """Every definitions phase ``side`` sits at, with what each rung of its scope ladder is worth to
    ``side``'s government (the file's ``scope.values``) and which baskets it leaves to the official talks."""
    out = []
    for phase in scenario.phases:
        scope = phase.scope
        if scope is None or side not in phase.parties:
            continue
        mine = scope.values.get(side, {})
        out.append(ScopeTable(phase.name, scope.name, tuple(
            Rung(i + 1, r.label, float(mine.get(r.id, 0.0)),
                 tuple(scenario.basket(b).name for b in r.baskets if any(x.id == b for x in scenario.baskets)),
                 r.disputes, r.id == scope.default)
            for i, r in enumerate(scope.rungs))))
    return tuple(out)


def _bodies(form: AgreementForm, principal: str) -> str:
    """``form``'s bodies at home for ``principal`` and each one's chance of a yes at the bar: "60%" for a
    government deciding as one body, "President 60%, Congress 35%" where the file names several."""
    bodies = form.entry[principal].veto_players(principal)
    if len(bodies) == 1:
        return f"{bodies[0].approval:.0%}"
    return ", ".join(f"{b.name} {b.approval:.0%}" for b in bodies)


def seen_scenario(state: State, side: str, base: Scenario | None = None) -> Scenario:
    """The scenario (``base``, by default the state's as events left it, the whole one while a definitions
    phase runs) as ``side``'s delegation sees it:
    its own values shifted by its perception noise (rule 1, :func:`game.engine.tables.perceived_party`), so
    that a brief built from it ranks options as the delegation's drafts do; the scenario itself when the
    delegation sees its values as they are."""
    s = base or state.held or state.scenario       # a definitions phase bargains in its scope scenario (rule D1):
    noise = dict(state.perception).get(side, ())  # the brief is the whole scenario's (instructor trial)
    if not noise:
        return s
    seen = perceived_party(s, s.party(side), noise)
    return dataclasses.replace(s, parties=tuple(seen if p.id == side else p for p in s.parties))
