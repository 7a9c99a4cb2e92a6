"""Moves: what players do (offer, accept, walk away, lock a lane), what chance does, and the events
an instructor injects.

Every action is a small frozen record, so a game is fully described by its
list of actions (the move log). An outcome is a tuple of option indices, one
per basket in file order, then the index of the agreement form.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

Outcome = tuple[int, ...]


class MessageKind(StrEnum):
    """Short canned messages that may go with an offer (rule 10)."""

    RED_LINE = "red_line"      # "this is a red line for us" (names a basket and the option it rules out)
    MOVEMENT = "movement"      # "we need movement on X" (names a basket)
    FINAL = "final"            # "this is our final offer"


@dataclass(frozen=True, slots=True)
class Message:
    """A canned message (rule 10). A red line names the basket and the option it rules out
    (``option``; logs written before options were named have none, and such a red line declares
    nothing, rule 13)."""

    kind: MessageKind
    basket: str | None = None
    option: str | None = None

    def text(self, basket_name: str | None = None, option_label: str | None = None) -> str:
        name = basket_name or self.basket or ""
        if self.kind is MessageKind.RED_LINE:
            if self.option is not None:
                return f"{name}: '{option_label or self.option}' is a red line for us."
            return f"{name} is a red line for us."
        if self.kind is MessageKind.MOVEMENT:
            return f"We need movement on {name}."
        return "This is our final offer."


@dataclass(frozen=True, slots=True)
class Offer:
    party: str
    outcome: Outcome
    message: Message | None = None


@dataclass(frozen=True, slots=True)
class Accept:
    party: str


@dataclass(frozen=True, slots=True)
class Walk:
    party: str


@dataclass(frozen=True, slots=True)
class Lock:
    """Settle one basket at the standing offer's option (parallel lanes only)."""

    party: str
    basket: int


@dataclass(frozen=True, slots=True)
class Perceive:
    """Chance: each delegation's noise on its own government's option values (rule 1)."""

    noise: tuple[tuple[str, tuple[float, ...]], ...]


@dataclass(frozen=True, slots=True)
class RoundStart:
    """Chance: the events that fire as a round opens (rule 2)."""

    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ratify:
    """Chance: whether each principal brings the agreement into force (rule 11), and which of
    its veto players refused when it has several."""

    entered: tuple[tuple[str, bool], ...]
    refused: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Comply:
    """Chance: the compliance Monte Carlo has been run with this seed (rule 12)."""

    seed: int


@dataclass(frozen=True, slots=True)
class Inject:
    """The instructor makes events happen now, during the talks (rule 15). ``seal`` is the
    instructor's signature of it (opaque to the rules; a classroom's checks verify it)."""

    events: tuple[str, ...]
    seal: str = ""


@dataclass(frozen=True, slots=True)
class EndTalks:
    """The instructor ends the talks (rule 16): the delegation to move gives its final response, and no
    phase after this one is played. ``seal`` is the instructor's signature of it (opaque to the rules; a
    classroom's checks verify it)."""

    seal: str = ""


@dataclass(frozen=True, slots=True)
class AnyOffer:
    """In a listing of legal actions: any offer by ``party`` that keeps ``locks``
    (option index per issue, -1 where free). Packages are too many to list one by one."""

    party: str
    locks: tuple[int, ...]

    def allows(self, offer: Offer) -> bool:
        return offer.party == self.party and all(lock < 0 or lock == v for lock, v in zip(self.locks, offer.outcome))


PlayerAction = Offer | Accept | Walk | Lock
ChanceAction = Perceive | RoundStart | Ratify | Comply
InstructorAction = Inject | EndTalks
Action = PlayerAction | ChanceAction | InstructorAction
