"""The scenario file format as pydantic v2 models (the authoring contract).

Used only to validate files and to export ``scenarios/schema.json``; the rest
of the game sees :mod:`game.model.scenario` objects. Every model forbids
unknown keys and validates strictly: a number is never read from a string.
Cross-references (ids that must exist) are checked in
:mod:`game.scenario.semantic`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from game.model.ai import AIName
from game.scenario.keypaths import ID_PATTERN
from game.scenario.teaching_schema import TeachingModel
from game.scenario.texts import Prose, Text

Id = Annotated[str, Field(pattern=ID_PATTERN,
                          description="An identifier: lower-case letters, digits and _, starting with a letter.")]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
Unit = Annotated[float, Field(ge=0.0, le=1.0, description="A value between 0 (worst) and 1 (best).")]
Weight = Annotated[float, Field(ge=0.0, le=1.0)]
Signed = Annotated[float, Field(ge=-2.0, le=2.0, description="A change in value, between -2 and 2.")]
Amount = Annotated[float, Field(allow_inf_nan=False, description="A finite number (not .inf or .nan).")]


def _none_listed() -> list[Any]:
    """An empty list: the default of a list key (a function of the game's, not ``list``, whose
    signature pydantic would read by tokenizing its text signature, ~5 ms at every start)."""
    return []


def _none_given() -> dict[Any, Any]:
    """An empty mapping: the default of a mapping key (not ``dict``, as :func:`_none_listed`)."""
    return {}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SourceModel(Strict):
    """A published source the scenario is calibrated from."""

    author: Text
    title: Text
    year: Annotated[int, Field(ge=1500, le=2100)]
    note: Prose = ""


class OptionModel(Strict):
    """One rung of a basket's ladder, weakest commitment first."""

    id: Id
    label: Text
    description: Prose = ""
    detection: Probability = Field(description="Probability that a violation of this option is detected "
                                               "within a year; verification options raise it.")
    consultation: Probability = Field(0.0, description="Probability that a detected violation by a freelancing "
                                                       "agency is settled in the agreement's consultation channel "
                                                       "(the government reins the agency in) instead of triggering "
                                                       "the response rule. Deliberate violations are never settled.")


class BasketModel(Strict):
    """An issue on the table: a family of interference and a ladder of commitments."""

    id: Id
    name: Text
    description: Prose = ""
    options: list[OptionModel] = Field(min_length=2, max_length=12)
    attribution: Probability = Field(1.0, description="Probability that a detected violation is attributed.")
    binds: list[Id] = Field(default_factory=_none_listed, description="Party ids whose restraint the commitment asks "
                            "for (schema 2); empty or absent: every party at the table. One id makes it one-sided.")
    linked_to: list[Id] | None = Field(None, description="Basket ids this commitment was traded against (schema 2): "
                                       "a response to a breach withdraws them too. Absent in every basket: the whole "
                                       "package is one linked group.")
    false_accusation: Probability = Field(0.0, description="Yearly chance that a side keeping this commitment is "
                                          "accused of breaking it all the same (schema 2).")
    misattribution: Probability = Field(0.0, description="Yearly chance that an act by non-state actors (criminals, "
                                        "freelance hackers) is pinned on a side's state (schema 2).")
    detection_cap: Probability = Field(1.0, description="The most any verification can detect in this basket "
                                       "(schema 2): every option's detection is capped at it.")
    detection_by: dict[Id, Annotated[float, Field(ge=0.0, le=10.0)]] = Field(
        default_factory=_none_given, description="Party id -> factor on the detection of violations by that party "
                                          "(schema 2; default 1); the result is capped at 1 and at detection_cap.")


class VetoPlayerModel(Strict):
    """One body whose approval the principal needs: P = logistic(logit(approval) + sensitivity * (V - threshold))."""

    name: Text = Field(description="The body's name, as the game shows it (\"Senate (two thirds)\").")
    approval: Probability = Field(description="Chance this body approves when the deal sits exactly at "
                                              "the principal's domestic threshold.")
    sensitivity: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        0.0, description="How fast its approval moves with the deal's expected value at home (logistic slope).")


class EntryModel(Strict):
    """Entry into force for one principal: P = logistic(logit(approval) + sensitivity * (V - threshold)), or
    the product of its veto players' approvals."""

    approval: Probability | None = Field(None, description="Chance of entry into force when the deal sits exactly "
                                                           "at the principal's domestic threshold.")
    sensitivity: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        0.0, description="How fast the chance moves with the deal's value at home (logistic slope).")
    veto_players: list[VetoPlayerModel] = Field(default_factory=_none_listed, max_length=8, description=(
        "Bodies that must each approve (schema 2), e.g. two chambers and a court; votes are independent. "
        "Give either veto_players or approval."))

    @field_validator("veto_players")
    @classmethod
    def _someone(cls, bodies: list[VetoPlayerModel]) -> list[VetoPlayerModel]:
        """A ``veto_players`` key lists at least one body (an empty list is no rule at all); left out,
        the key is not checked here (its default is empty) and ``approval`` gives the rule."""
        if not bodies:
            raise ValueError("expected at least one veto player (a body that must approve), got none; list the "
                             "bodies, or remove veto_players and give approval")
        return bodies

    @model_validator(mode="after")
    def _one_form(self) -> EntryModel:
        if (self.approval is None) == (not self.veto_players):
            raise ValueError("expected either approval (and sensitivity) or veto_players, not both and not neither")
        return self


class FormModel(Strict):
    """A form the agreement can take (treaty, executive agreement, code of conduct...)."""

    id: Id
    label: Text
    description: Prose = ""
    credibility: Probability = Field(0.5, description="How firmly the form holds a side to its word in public: "
                                     "a caught breach costs credibility x the principal's audience_cost.")
    revocation: Probability = Field(0.0, description="Yearly chance that a successor drops the agreement "
                                    "(schema 2): a treaty low but not zero, an executive agreement higher.")
    entry: dict[Id, EntryModel] = Field(description="Entry-into-force rule per principal id.")
    signed: bool = Field(False, description="Schema 2: nobody votes on it: each government's leader signs it or "
                                            "declines to (a leaders' joint statement). The entry rule gives the "
                                            "chance of a signature; the game says 'signs' / 'declines to sign'.")


class IncentivesModel(Strict):
    """What the delegation itself gains or loses: N = kappa*(U_hat - r) + prestige - reveal_cost*revealed."""

    concession_weight: Probability = Field(1.0, description="kappa: how much the delegation feels the cost "
                                                            "of terms it concedes (officials about 1).")
    prestige: Weight = Field(0.0, description="Value to the delegation of coming home with any deal.")
    self_knowledge: Weight = Field(0.0, description="Noise (standard deviation) on the delegation's "
                                                    "estimate of its own principal's values.")
    reveal_cost: float = Field(0.0, ge=0.0, le=10.0, description=(
        "Cost per unit of concession shown in non-binding talks (0 to 10). An official's concessions there "
        "are 1/(1 + reveal_cost) of those in binding talks (docs/model.md): 2.33 gives the calibration brief's 0.3."))


class PartyComplianceModel(Strict):
    freelancing_rate: Probability = Field(0.0, description="Yearly chance that an agency would violate a "
                                                           "commitment on its own if sure not to be caught "
                                                           "(detection deters it in proportion).")
    cheat_gain: Weight | None = Field(None, description="Schema 1 only, and no longer used: a breach wins back "
                                       "the cost of one's own restraint (costs).")
    audience_cost: Weight = Field(0.0, description="What a caught, unsettled breach costs the principal under a "
                                  "form of credibility 1, in units of its utility (schema 2).")


class PartyModel(Strict):
    """A delegation and the values of the principal (government) it speaks for."""

    id: Id
    name: Text
    principal: Id
    delegation: Literal["official", "unofficial"]
    weights: dict[Id, Weight] = Field(description="Basket id -> weight in the principal's utility.")
    values: dict[Id, dict[Id, Unit]] | None = Field(None, description="Schema 1: basket id -> option id -> value "
                                                    "in [0, 1]. Schema 2 derives it from status_quo, gains and costs.")
    status_quo: dict[Id, Unit] = Field(default_factory=_none_given, description="Schema 2: basket id -> its value to the "
                                       "principal with no commitment (default 0).")
    gains: dict[Id, dict[Id, Signed]] | None = Field(None, description="Schema 2: basket id -> option id -> the value "
                                                     "of the other side's restraint over no commitment.")
    costs: dict[Id, dict[Id, Signed]] | None = Field(None, description="Schema 2: basket id -> option id -> the cost "
                                                     "of its own restraint over no commitment (negative: a commitment "
                                                     "it wants for itself); what a breach wins back.")
    form_weight: Weight = Field(0.0, description="Share of the principal's utility that comes from the "
                                                 "agreement form (the baskets share the rest).")
    form_values: dict[Id, Unit] = Field(default_factory=_none_given, description="Form id -> value in [0, 1].")
    reservation: Unit = Field(description="What no deal is worth to the principal (BATNA).")
    red_lines: dict[Id, list[Id]] = Field(default_factory=_none_given,
                                          description="Basket id -> options the principal can never accept.")
    incentives: IncentivesModel = IncentivesModel()
    domestic_threshold: Unit = Field(0.5, description="How good a deal must look at home to be ratified easily.")
    compliance: PartyComplianceModel = PartyComplianceModel()
    strategy: AIName | None = Field(None, description="The AI that plays this delegation when no "
                                                            "strategy is chosen on the command line.")


class ProtocolModel(Strict):
    rounds: Annotated[int, Field(ge=1, le=200)]
    discount: Annotated[float, Field(gt=0.0, le=1.0)] = 1.0
    first_mover: Id
    binding: bool = True
    lanes: bool = False


class EffectModel(Strict):
    """Change one named parameter (see docs/scenario-format.md): exactly one of add, multiply, set."""

    parameter: Annotated[str, Field(min_length=1, max_length=200)]
    add: Amount | None = None
    multiply: Amount | None = None
    set: Amount | None = None

    @model_validator(mode="after")
    def _one_operation(self) -> EffectModel:
        given = [k for k in ("add", "multiply", "set") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"expected exactly one of add, multiply, set; got {len(given)}")
        return self


class ScopeRungModel(Strict):
    """One rung of the scope ladder: what the agreed definition of interference covers."""

    id: Id = Field(description="The rung's id, unique in the ladder.")
    label: Text = Field(description="The definition as the players see it.")
    description: Prose = Field("", description="What the definition covers, in a sentence.")
    baskets: list[Id] = Field(min_length=1, max_length=30,
                              description="The baskets this definition covers; every other basket is fixed at its "
                                          "first rung (no commitment) in the next phase. Each rung covers the "
                                          "baskets of the rung before it.")
    disputes: Probability = Field(0.0, description="Yearly chance that a side keeping its word is accused all the "
                                                   "same over what this definition covers (an interpretive dispute), "
                                                   "added to each covered basket's false_accusation; it may not fall "
                                                   "as the ladder broadens (docs/model.md, rule D3).")


class ScopeModel(Strict):
    """A definitions phase: the talks bargain over this ladder alone, and its outcome sets the next
    phase's parameters (docs/model.md, "Definitions")."""

    name: Text = Field(description="The issue as the players see it, e.g. 'What counts as interference'.")
    rungs: list[ScopeRungModel] = Field(min_length=2, max_length=8, description="The ladder, narrowest first.")
    default: Id = Field(description="The rung that applies when the phase ends without an agreement.")
    values: dict[Id, dict[Id, Unit]] = Field(description="Party id (each party at this table) -> rung id -> what the "
                                                         "rung is worth to its government, 0 worst, 1 best.")


class PhaseModel(Strict):
    """One stage of a campaign, e.g. a Track 1.5 working group, then official talks."""

    id: Id
    name: Text
    parties: list[Id] = Field(min_length=2, max_length=8)
    protocol: ProtocolModel
    anchoring: Probability = Field(0.0, description="Weight this phase takes from the published outcome "
                                                    "of the phase before (0 for the first phase).")
    publishes: bool = Field(False, description="Whether this phase's outcome is published as a plan.")
    effects: list[EffectModel] = Field(default_factory=_none_listed, max_length=50)
    scope: ScopeModel | None = Field(None, description="Makes this a definitions phase, bargained over the scope "
                                                       "ladder alone; not the last phase, and it publishes nothing.")


class OfferConditionModel(Strict):
    """The standing offer names ``option`` of ``basket`` or a stronger rung (later on its ladder)."""

    basket: Id
    option: Id
    party: Id | None = Field(None, description="Only an offer made by this party counts (default: either side's).")


class WhenModel(Strict):
    """When an event may fire: every condition given must hold as the round opens (a closed list;
    no code in scenarios)."""

    round_at_least: Annotated[int, Field(ge=1, le=200)] | None = Field(
        None, description="The round about to open is this one (1-based) or later.")
    round_at_most: Annotated[int, Field(ge=1, le=200)] | None = Field(
        None, description="The round about to open is this one (1-based) or earlier.")
    offer_at_least: OfferConditionModel | None = Field(
        None, description="The standing offer names this option of the basket or a stronger one.")
    walked_away: Id | None = Field(None, description="This party walked away from an earlier phase.")
    after_event: Id | None = Field(None, description="This event has fired earlier in the game.")
    agreed_in: Id | None = Field(None, description="This earlier phase ended with an agreement.")
    trust_below: Probability | None = Field(
        None, description="compliance.trust (the prior that the other government complies), as it stands "
                          "when the round opens, is below this number.")


class EventModel(Strict):
    """An event that may fire as a round of the listed phases opens (all phases if none), with its
    probability, once its timing and conditions allow; or, with ``year``, in a year after signing."""

    id: Id
    text: Text
    probability: Probability
    phases: list[Id] = Field(default_factory=_none_listed)
    effects: list[EffectModel] = Field(min_length=1, max_length=50)
    once: bool = Field(False, description="The event fires at most once in a game.")
    at_round: Annotated[int, Field(ge=1, le=200)] | None = Field(
        None, description="The event may fire only as this round (1-based) opens: a known date "
                          "(with probability 1 it fires then for sure).")
    when: WhenModel | None = Field(None, description="Conditions that must all hold for the event to fire.")
    year: Annotated[int, Field(ge=1, le=50)] | None = Field(
        None, description="A year event: it may happen (with its probability, once per history) at the start of "
                          "this compliance year (1-based) after signing, not during the talks; its effects, on "
                          "compliance.trust, baskets.<basket>.detection|attribution or forms.<form>.revocation "
                          "only, hold from that year on (docs/model.md, rule 11). Not with phases, once, at_round "
                          "or when.")


class ComplianceModel(Strict):
    """The years after signing (docs/model.md, rules 2-6)."""

    years: Annotated[int, Field(ge=1, le=50)] = 5
    response: Literal["suspend_basket", "tit_for_tat", "collapse"] = "suspend_basket"
    trust: Probability = Field(1.0, description="Schema 2: the prior that the other government is a complying "
                               "type; one number per pair of governments and years (docs/calibration.md).")
    continuation: Probability | None = Field(None, description="Schema 2: yearly chance that both governments "
                                             "expect the pact to matter next year (default 1 - 1/years).")
    response_by: dict[Id, Literal["suspend_basket", "tit_for_tat", "collapse"]] = Field(
        default_factory=_none_given, description="Schema 2: party id -> the response that party applies when the other "
                                          "side's breach is answered (default: response).")
    responses: Literal["automatic", "credible"] = Field(
        "automatic", description="Schema 2: 'automatic' (default): every public accusation meets the victim's "
                                 "response whatever it costs the victim (a response fixed in advance, e.g. by "
                                 "statute); 'credible': the victim answers only when answering beats tolerating "
                                 "(docs/model.md, rule 12 of After signing).")


class StakeholderModel(Strict):
    """A principal with values but no seat (an ally, independent media, a third country)."""

    id: Id = Field(description="The stakeholder's id (not a party id).")
    name: Text = Field(description="Its name, as the debrief shows it.")
    description: Prose = Field("", description="Who the stakeholder is and why the deal matters to it.")
    weights: dict[Id, Weight] = Field(description="Basket id -> weight in the stakeholder's utility.")
    values: dict[Id, dict[Id, Unit]] = Field(description="Basket id -> option id -> value in [0, 1].")
    reservation: Unit = Field(description="What no deal leaves the stakeholder.")


class AcceptModel(Strict):
    """One lint warning the author has decided to keep, and why (see docs/authoring.md)."""

    code: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.-]{0,47}$",
                               description="The warning's code, as lint prints it in brackets (e.g. dominated-option).")]
    at: Annotated[str, Field(min_length=1, max_length=200,
                             description="Where the warning is, as lint prints it after the code "
                                         "(e.g. baskets[hack_and_leak].options).")]
    because: Text = Field(description="Why the warning is deliberate: the reason a reviewer reads.")


class LintModel(Strict):
    """Settings for ``lint``: the warnings this file keeps on purpose."""

    accept: list[AcceptModel] = Field(default_factory=_none_listed, max_length=200,
                                      description="Warnings accepted with a reason; lint does not count them.")


class ScenarioModel(Strict):
    """A Backchannel scenario."""

    schema_version: Literal[1, 2]
    id: Id
    title: Text
    year: Annotated[int, Field(ge=1500, le=2100)]
    summary: Text
    difficulty: Literal["introductory", "intermediate", "advanced"]
    sources: list[SourceModel] = Field(min_length=1, max_length=100)
    baskets: list[BasketModel] = Field(min_length=1, max_length=40)
    forms: list[FormModel] = Field(min_length=1, max_length=12)
    parties: list[PartyModel] = Field(min_length=2, max_length=8)
    protocol: ProtocolModel | None = Field(None, description="How the talks run when there are no phases "
                                                             "(required then; each phase has its own).")
    phases: list[PhaseModel] = Field(default_factory=_none_listed, max_length=10)
    events: list[EventModel] = Field(default_factory=_none_listed, max_length=100)
    compliance: ComplianceModel = ComplianceModel()
    stakeholders: list[StakeholderModel] = Field(default_factory=_none_listed, max_length=8,
                                                 description="Schema 2: principals with values but no seat.")
    teaching: TeachingModel | None = Field(None, description="Optional teaching material: a lesson plan, debrief "
                                                             "questions tied to the sources, a staffing note.")
    lint: LintModel = Field(LintModel(), description="Lint warnings accepted on purpose, each with its reason.")
