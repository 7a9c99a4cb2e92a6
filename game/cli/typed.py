"""What a player types at the terminal's prompt, read: a basket, an option, a message (``offer N``).

Each answer is checked against the scenario and the state; a wrong one raises ValueError with the valid
answers (and the nearest id), which the prompt prints before asking again.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.actions import Message, MessageKind
from game.engine.state import State
from game.model.scenario import Scenario
from game.session.option_words import option_words
from game.session.views import message_choices
from game.words import closest


def issue_of(scenario: Scenario, word: str) -> int:
    """The basket (its index; ``len(baskets)`` for the form) a player named by number, id or 'f'/'form';
    ValueError with the valid answers and the nearest id."""
    baskets = scenario.baskets
    if word.lower() in ("f", "form"):
        return len(baskets)
    if word.isdigit() and 1 <= int(word) <= len(baskets):
        return int(word) - 1
    for i, b in enumerate(baskets):
        if b.id.lower() == word.lower():
            return i
    near = closest(word.lower(), [b.id for b in baskets], cutoff=0.5) or \
        next((b.id for b in baskets if b.id.startswith(word.lower())), None)
    raise ValueError(f"no basket {word!r}: expected a number from 1 to {len(baskets)}, a basket's id or 'form'"
                     + (f" (did you mean {near!r}?)" if near else ""))


def options_text(s: Scenario, issue: int, draft: Sequence[int] | None) -> str:
    """A basket's options (or the forms), numbered, with their descriptions and detection odds (the window's
    words: :func:`game.session.option_words.option_words`) and the draft's marked."""
    name = s.baskets[issue].name if issue < len(s.baskets) else "Agreement form"
    head = f"{name}:"                                  # labels only: players never see raw ids
    count = len(s.baskets[issue].options) if issue < len(s.baskets) else len(s.forms)
    rows = [option_words(s, issue, n) for n in range(count)]
    return "\n".join([head] + [
        f"  {n}. {w.label}" + ("   <- your draft" if draft is not None and n - 1 == draft[issue] else "")
        + "".join(f"\n       {text}" for text in (w.description, w.detected) if text)
        for n, w in enumerate(rows, start=1)])


def option_of(s: Scenario, issue: int, word: str, draft: Sequence[int] | None) -> int:
    """The option of basket ``issue`` (or the form) a player named by number or id; ValueError listing them."""
    ids = [o.id for o in s.baskets[issue].options] if issue < len(s.baskets) else [f.id for f in s.forms]
    if word.isdigit() and 1 <= int(word) <= len(ids):
        return int(word) - 1
    lowered = [i.lower() for i in ids]
    if word.lower() in lowered:
        return lowered.index(word.lower())
    raise ValueError(f"no option {word!r} here: expected a number from 1 to {len(ids)}:\n{options_text(s, issue, draft)}")


def message_of(state: State, words: list[str], side: str, draft: Sequence[int] | None) -> Message | None:
    """The message of ``offer WORDS``: a number (the game's numbering, :func:`game.session.views.numbered_messages`), 'final',
    'redline BASKET [OPTION]' (the option of their offer when none is named) or 'movement BASKET';
    ValueError with the usage or why the message cannot be sent."""
    if not words:
        return None
    kind = words[0].lower()
    s = state.scenario
    usage = "usage: offer [N | final | redline BASKET OPTION | movement BASKET] (type 'messages' for the list)"
    if kind.isdigit() and len(words) == 1:
        every = message_choices(s)[1:]               # numbered once for the game: a lock changes no number
        if not 1 <= int(kind) <= len(every):
            raise ValueError(f"no message {kind}: expected 1-{len(every)} (type 'messages' for the list)")
        chosen = every[int(kind) - 1][1]
        assert chosen is None or isinstance(chosen, Message)
        if chosen is not None and chosen.basket is not None:
            issue = [b.id for b in s.baskets].index(chosen.basket)
            if state.locks[issue] >= 0:
                raise ValueError(f"message {kind} is about basket {issue + 1}, which is locked: a message about it "
                                 "would change nothing (type 'messages' for those you can send)")
        return chosen
    if kind == "final" and len(words) == 1:
        return Message(MessageKind.FINAL)
    if kind in ("redline", "movement") and len(words) in (2, 3):
        issue = issue_of(s, words[1])
        if issue >= len(s.baskets):
            raise ValueError("messages name a basket, not the form")
        if state.locks[issue] >= 0:
            raise ValueError(f"basket {issue + 1} is locked: a message about it would change nothing")
        basket = s.baskets[issue]
        if kind == "movement":
            if len(words) != 2:
                raise ValueError(usage)
            return Message(MessageKind.MOVEMENT, basket.id)
        if len(words) == 3:
            option = option_of(s, issue, words[2], draft)
        elif state.standing is not None and state.standing.party != side:
            option = state.standing.outcome[issue]
        else:
            raise ValueError(f"name the option the red line rules out: 'offer redline {issue + 1} OPTION'\n"
                             + options_text(s, issue, draft))
        return Message(MessageKind.RED_LINE, basket.id, basket.options[option].id)
    raise ValueError(usage)
