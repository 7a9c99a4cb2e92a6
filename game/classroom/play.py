"""Games a classroom session plays without the play screen: AI-vs-AI previews, and deals that two
students negotiated face to face and then entered."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from game.classroom.folder import Session, SessionError, write_atomically
from game.classroom.results import write_result
from game.classroom.signing import sign, verify
from game.engine.actions import Accept, Offer
from game.engine.rules import apply, new_game
from game.engine.state import Stage, State
from game.strategies.registry import make
from game.strategies.runner import advance, strategies_for


def simulate_pair(session: Session, pair: int, overrides: dict[str, str] | None = None) -> State:
    """The pair's game played by the AIs, with the pair's seed and the session's scheduled events."""
    ais = strategies_for(session.scenario, overrides)
    return advance(new_game(session.scenario), np.random.default_rng(session.seed_of(pair)), ais,
                   schedule=session.injects)


def simulate_session(session: Session, a: str | None = None, b: str | None = None) -> list[Path]:
    """Fill the session's results/ with a signed AI-vs-AI result for every pair."""
    ids = [p.id for p in session.scenario.parties]
    overrides = {pid: name for pid, name in zip(ids, (a, b)) if name}
    for name in overrides.values():
        make(name)                                  # an unknown strategy fails before any file is written
    return [write_result(session, pair, ids[0], "simulated", simulate_pair(session, pair, overrides))
            for pair, _ in session.pairs]


def entry_path(session: Session, pair: int, side: str) -> Path:
    return session.results_dir() / "entries" / f"pair-{pair:02d}-{side}.json"


def parse_deal(session: Session, text: str) -> tuple[int, ...]:
    """'3,4,2,...,1': one 1-based option number per basket, then the form's number."""
    s = session.scenario
    sizes = [len(b.options) for b in s.baskets] + [len(s.forms)]
    try:
        numbers = [int(x) for x in text.replace(" ", "").split(",")]
    except ValueError:
        raise SessionError(f"--deal: expected {len(sizes)} numbers separated by commas, got {text!r}") from None
    if len(numbers) != len(sizes):
        raise SessionError(f"--deal: expected {len(sizes)} numbers ({len(sizes) - 1} baskets and the form), "
                           f"got {len(numbers)}")
    for i, (n, k) in enumerate(zip(numbers, sizes)):
        if not 1 <= n <= k:
            what = s.baskets[i].name if i < len(s.baskets) else "the agreement form"
            raise SessionError(f"--deal: {what} has options 1 to {k}, got {n}")
    return tuple(n - 1 for n in numbers)


def enter_deal(session: Session, pair: int, side: str, deal: tuple[int, ...]) -> tuple[str, Path | None]:
    """Record one side's entry of a face-to-face deal. When both sides have entered the same deal,
    score it and write the signed result; returns (what happened, the result or None)."""
    s = session.scenario
    if s.phases:
        raise SessionError(f"{s.id} has several phases; face-to-face entry covers single-table scenarios only")
    key = session.key_for(pair)
    entry = {"pair": pair, "side": side, "deal": list(deal)}
    entry["signature"] = sign(entry, key)
    write_atomically(entry_path(session, pair, side), (json.dumps(entry) + "\n").encode())
    others = [p.id for p in s.parties if p.id != side]
    theirs = []
    for other in others:
        path = entry_path(session, pair, other)
        if not path.is_file():
            return f"Entry saved. Waiting for the {s.party(other).name} of pair {pair} to enter the deal.", None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SessionError(f"{path}: unreadable entry ({exc})") from None
        if not verify(record, key):
            raise SessionError(f"{path}: the entry's signature does not match; enter it again")
        theirs.append(tuple(record["deal"]))
    if any(t != deal for t in theirs):
        differ = [s.baskets[i].name if i < len(s.baskets) else "agreement form"
                  for i in range(len(deal)) if any(t[i] != deal[i] for t in theirs)]
        return (f"The entries differ on: {', '.join(differ)}. Agree on the deal and enter it again "
                "(each new entry replaces the old one)."), None
    state = _agreed(session, pair, deal)
    return "Both entries match: the deal is scored.", write_result(session, pair, side, "face-to-face", state)


def _agreed(session: Session, pair: int, deal: tuple[int, ...]) -> State:
    """The game in which the first mover offers ``deal`` and the other side accepts it at once."""
    s = session.scenario
    humans = frozenset(p.id for p in s.parties)
    rng = np.random.default_rng(session.seed_of(pair))
    state = advance(new_game(s), rng, {}, humans, schedule=session.injects)
    if state.stage is Stage.NEGOTIATE:
        first = state.to_move
        assert first is not None
        state = apply(state, Offer(first, deal))
        state = advance(state, rng, {}, humans, schedule=session.injects)
        if state.stage is Stage.NEGOTIATE:
            other = state.to_move
            assert other is not None
            state = apply(state, Accept(other))
    return advance(state, rng, {}, humans, schedule=session.injects)
