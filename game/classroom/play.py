"""Games a classroom session plays without the play screen: AI-vs-AI previews, and deals that students
negotiated face to face and that are then entered in the instructor's folder.

Face to face, the entry is one deal per phase of the scenario (one for a single table; the Track 1.5
plan and then the official deal for a campaign), each either option numbers or ``none`` (no deal).
The instructor enters it once (``classroom enter DIR --table K --deal ...``), or each role enters it
(``--side ROLE``) into the instructor's folder and it counts when every role's entry is the same.
The entry becomes a game: in each phase the first mover offers the deal and the other accepts (or
walks away for ``none``), with the table's seed and the scheduled events. When the rules cannot
record the entered deal (an event froze the talks before any offer, say), the entry is refused with
the reason: a success message is never printed over a result that says something else.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from game.atomic import write_atomically
from game.classroom.folder import Session, SessionError, session_key
from game.classroom.results import ENTERED_BY, write_result
from game.classroom.signing import seat_key, sign, verify
from game.engine.actions import Accept, Offer, Walk
from game.engine.rules import IllegalMoveError, apply, new_game
from game.engine.scope import apply_scope, phase_scenario
from game.engine.state import Stage, State
from game.model.scenario import Scenario
from game.safeio import Unreadable, read_json
from game.session.personas import Persona, strategies_of
from game.session.names import and_list, party_name, possessive, principal_name
from game.session.views import crossed, ending
from game.strategies.registry import make
from game.strategies.runner import advance
from game.unsafe import shown
from game.words import count, plural

ENTRY_BYTES = 64 * 1024          # one seat's entry of the deal: a few hundred bytes in practice

Deal = tuple[int, ...] | None      # option indices per basket and the form's, or None for no deal


def simulate_table(session: Session, table: int, overrides: dict[str, str] | None = None) -> State:
    """The table's game played by the AIs (the session's personas unless overridden), with the
    table's seed and the session's scheduled events."""
    ais = strategies_of(preview_personas(session, overrides))
    return advance(new_game(session.scenario), np.random.default_rng(session.seed_of(table)), ais,
                   schedule=session.injects)


simulate_pair = simulate_table


def preview_personas(session: Session, overrides: dict[str, str] | None = None) -> dict[str, Persona]:
    return {p: Persona((overrides or {}).get(p) or session.personas[p]) for p in session.roles}


def simulate_session(session: Session, a: str | None = None, b: str | None = None) -> list[Path]:
    """Write a signed AI-vs-AI preview result for every table (never counted over a student's result)."""
    ids = list(session.roles)
    overrides = {pid: name for pid, name in zip(ids, (a, b)) if name}
    for name in overrides.values():
        make(name)                                  # an unknown strategy fails before any file is written
    personas = preview_personas(session, overrides)
    try:
        key: str | None = session_key(session)   # the instructor's folder: the previews are sealed
    except SessionError:
        key = None                                # a table's folder: signed with its seat keys only
    return [write_result(session, table, ids[0], "simulated", simulate_table(session, table, overrides), (),
                         personas, sealed_by=key) for table, _ in session.tables]


def phases_of(session: Session) -> list[str]:
    """The names of the talks an entry covers, one deal each, in order."""
    return [ph.name for ph in session.scenario.phases] or [session.scenario.title]


def entry_scenario(session: Session, index: int) -> Scenario:
    """What the deal of table ``index`` is entered over: at a definitions table, its scope ladder (one
    rung, then the terms; :func:`game.engine.scope.phase_scenario`), else every basket and the form.
    Every reader of an entry (the command line's, the class server's form and its check) asks this."""
    s = session.scenario
    return phase_scenario(s, s.phases[index]) if s.phases else s


def red_lines_crossed(session: Session, entry: Sequence[Deal]) -> list[str]:
    """Each red line an entry's deals cross, naming whose ("the United States' red line on Oversight
    ('...')", with the talks in a campaign): a government whose red line a deal crosses can never approve it,
    so it never enters into force. The terminal and the browser ask before such an offer; an entry is
    warned of when made (:func:`enter_deal`) and flagged in the debrief (:mod:`game.classroom.flags`)."""
    s = session.scenario
    out = []
    for index, (name, deal) in enumerate(zip(phases_of(session), entry)):
        if deal is None:
            continue
        table = entry_scenario(session, index)
        seated = s.phases[index].parties if s.phases else session.roles
        where = f" ({name})" if len(s.phases) > 1 else ""
        for party in seated:
            whose = possessive(principal_name(s.party(party).principal, article=True))
            out += [f"{whose} red line on {b.name} ('{b.options[deal[i]].label}'){where}"
                    for i, b in enumerate(table.baskets) if b.name in crossed(table, party, deal)]
    return list(dict.fromkeys(out))


def red_line_warning(crossings: Sequence[str]) -> str:
    """The words an entry that crosses red lines is recorded with (:func:`red_lines_crossed`)."""
    return (f"Warning: this deal crosses {and_list(list(crossings))}: a government whose red line a deal "
            "crosses never approves it, so the agreement cannot enter into force (the debrief shows 0% entry and flags it). If the students "
            "did not agree to that, check the option numbers and enter the deal again.")


def entry_locks(session: Session, index: int, earlier: Sequence[Deal]) -> tuple[int, ...]:
    """What the deal of table ``index`` must keep, given the deals ``earlier`` entered before it: per basket
    (then the form) the option it is locked at, -1 where it is free. After a definitions table, each
    basket outside the scope agreed there (its default rung without a deal) stays at its first option
    (rule D2, :func:`game.engine.scope.apply_scope`): it is out of play."""
    s = session.scenario
    before = s.phases[index - 1] if s.phases and index > 0 else None
    if before is None or before.scope is None:
        return (-1,) * (len(entry_scenario(session, index).baskets) + 1)
    return apply_scope(s, before, earlier[index - 1], index)[2]


def locked_error(session: Session, index: int, earlier: Sequence[Deal], deal: Deal, what: str) -> str | None:
    """Why ``deal`` (option indices) cannot be table ``index``'s deal after ``earlier``: a basket the scope
    agreed before leaves out, set to another option than its locked one; None when it keeps every lock."""
    if deal is None:
        return None
    s = entry_scenario(session, index)
    for i, lock in enumerate(entry_locks(session, index, earlier)):
        if lock >= 0 and deal[i] != lock:
            basket = s.baskets[i]
            return (f"{what}: {basket.name} is outside the scope agreed at "
                    f"{phases_of(session)[index - 1]}, so it stays at '{basket.options[lock].label}'")
    return None


def parse_deal(session: Session, text: str, phase: int | None = None) -> Deal:
    """'3,4,2,...,1': one 1-based option number per basket, then the form's number, written with the digits 0-9;
    or 'none'. At a definitions phase's table (``phase``, :func:`entry_scenario`): the scope rung's number, then 1
    (the terms)."""
    s = session.scenario if phase is None else entry_scenario(session, phase)
    if text.strip().lower() in ("none", "no deal", "no-deal", "0"):
        return None
    sizes = [len(b.options) for b in s.baskets] + [len(s.forms)]
    entries = [x.strip() for x in text.split(",")]
    for i, entry in enumerate(entries):             # the digits 0-9 only: int() also reads '٣' and '1_0' (as 10)
        if not (entry.isascii() and entry.isdigit()):
            names = [b.name for b in s.baskets] + ["the agreement form"]
            what = f" ({names[i]})" if i < len(names) else ""
            raise SessionError(f"--deal: entry {i + 1}{what} is '{shown(entry, 20)}', not a number written with the "
                               f"digits 0-9; expected {count(len(sizes), 'number')} separated by commas (or 'none')")
    numbers = [int(x) for x in entries]
    if len(numbers) != len(sizes):
        raise SessionError(f"--deal: expected {count(len(sizes), 'number')} ({count(len(sizes) - 1, 'basket')} and the form), "
                           f"got {len(numbers)}")
    for i, (n, k) in enumerate(zip(numbers, sizes)):
        if not 1 <= n <= k:
            what = s.baskets[i].name if i < len(s.baskets) else "the agreement form"
            raise SessionError(f"--deal: {what} has options 1 to {k}, got {n}")
    return tuple(n - 1 for n in numbers)


def parse_entry(session: Session, texts: list[str]) -> list[Deal]:
    """One deal per phase (``--deal`` once per phase, in order), each keeping what the deals before it lock
    (:func:`locked_error`)."""
    names = phases_of(session)
    if len(texts) != len(names):
        raise SessionError(f"{session.scenario.id} takes {count(len(names), 'deal')}, one per table in order "
                           f"({'; '.join(names)}): give --deal {plural(len(names), 'once', f'{len(names)} times')}; "
                           f"got {len(texts)}")
    deals = [parse_deal(session, t, i) for i, t in enumerate(texts)]
    for index, deal in enumerate(deals):
        wrong = locked_error(session, index, deals, deal, f"--deal {index + 1}")
        if wrong is not None:
            raise SessionError(wrong)
    return deals


def _instructors(session: Session) -> str:
    """The session key: entries are made in the instructor's folder only."""
    if session.kind != "session":
        raise SessionError(f"{session.root}: face-to-face deals are entered in the instructor's session folder "
                           "(the one with instructor/), not in a table's or a seat's folder")
    return session_key(session)


def entry_path(session: Session, table: int, side: str) -> Path:
    return session.results_dir() / "entries" / f"table-{table:02d}-{side}.json"


def enter_deal(session: Session, table: int, side: str | None, entry: list[Deal]) -> tuple[str, Path | None]:
    """Record a face-to-face entry for ``table``: the instructor's (``side`` None), which is scored at
    once, or one role's, scored when every role's entry matches. Returns (what happened, the result
    or None); SessionError when the rules cannot record the entered deal, saying why."""
    key = _instructors(session)
    session.seed_of(table)
    roles = session.roles
    if side is not None:
        if side not in roles:
            raise SessionError(f"--side: expected one of {', '.join(roles)}, got {side!r}")
        state = agreed_game(session, table, entry)           # refuse an impossible entry at once
        record = {"table": table, "side": side, "entry": [None if d is None else list(d) for d in entry]}
        record["signature"] = sign(record, seat_key(key, session.id, table, side))
        write_atomically(entry_path(session, table, side), (json.dumps(record) + "\n").encode())
        entered, missing = [side], []
        theirs = []
        for other in roles:
            if other == side:
                continue
            path = entry_path(session, table, other)
            if not path.is_file():
                missing.append(other)
                continue
            try:
                data = read_json(path, ENTRY_BYTES)
            except Unreadable as exc:
                raise SessionError(f"{path}: unreadable entry ({exc}); enter it again") from None
            if not isinstance(data, dict) or not verify(data, seat_key(key, session.id, table, other)):
                raise SessionError(f"{path}: the entry's signature does not match; enter it again")
            deals = _entered(session, data.get("entry"), len(entry))
            if deals is None:
                raise SessionError(f"{path}: a malformed entry (expected {count(len(entry), 'deal')}, each 'none' or one "
                                   "option number per basket and the form's); enter it again")
            theirs.append(deals)
            entered.append(other)
        # as soon as two entries exist, where they differ (every seat is told: the words name no "you")
        differ = _differences(session, entry, theirs)
        waiting = "" if not missing else (f"Waiting for {and_list([f'the {party_name(session.scenario, r)}' for r in missing])}"
                                          f" of table {table} to enter the deal.")
        if differ:
            return (f"The entries differ on: {', '.join(differ)}. Agree on the deal and enter it again "
                    "(each new entry replaces the old one)." + (" " + waiting if waiting else "")), None
        if missing:
            so_far = and_list([f"the {party_name(session.scenario, r)}" for r in entered])
            agree = "" if len(entered) == 1 else " (they match so far)"
            crossings = red_lines_crossed(session, entry)
            warning = f" {red_line_warning(crossings)}" if crossings else ""
            return f"Entry saved for {so_far}{agree}. {waiting}{warning}", None
        said = "Every role's entry matches: "
    else:
        state = agreed_game(session, table, entry)
        said = "Entered: "
    path = write_result(session, table, ENTERED_BY, "face-to-face", state, roles, {}, sealed_by=key)
    outcome = "; ".join(f"{name}: {'no deal' if d is None else 'agreement'}" for name, d in
                        zip(phases_of(session), entry))
    crossings = red_lines_crossed(session, entry)
    warning = f" {red_line_warning(crossings)}" if crossings else ""
    return said + f"table {table}'s result is recorded ({outcome}).{warning}", path


def _entered(session: Session, raw: object, count: int) -> list[Deal] | None:
    """A role's signed entry as deals, or None when it is not ``count`` deals of this scenario's shape
    (None for no deal, else one option index per basket of its table, :func:`entry_scenario`, then the
    form's, each in range)."""
    if not isinstance(raw, list) or len(raw) != count:
        return None
    deals: list[Deal] = []
    for index, deal in enumerate(raw):
        s = entry_scenario(session, index)
        sizes = [len(b.options) for b in s.baskets] + [len(s.forms)]
        if deal is None:
            deals.append(None)
        elif isinstance(deal, list) and len(deal) == len(sizes) and \
                all(type(x) is int and 0 <= x < n for x, n in zip(deal, sizes)):
            deals.append(tuple(deal))
        else:
            return None
    return deals


def _differences(session: Session, mine: list[Deal], theirs: list[list[Deal]]) -> list[str]:
    out = []
    for index, (name, deal) in enumerate(zip(phases_of(session), mine)):
        names = [b.name for b in entry_scenario(session, index).baskets] + ["agreement form"]
        where = f" ({name})" if len(mine) > 1 else ""
        for other in theirs:
            if (deal is None) != (other[index] is None):
                out.append(f"deal or no deal{where}")
            elif deal is not None and other[index] is not None:
                out += [f"{names[i]}{where}" for i in range(len(deal)) if deal[i] != other[index][i]]  # type: ignore[index]
    return list(dict.fromkeys(out))


def agreed_game(session: Session, table: int, entry: list[Deal]) -> State:
    """The game in which, at each phase's table, the first mover offers the entered deal and the other
    accepts it at once (or walks away for no deal). SessionError when the rules cannot record it."""
    s = session.scenario
    humans = frozenset(session.roles)
    rng = np.random.default_rng(session.seed_of(table))
    state = advance(new_game(s), rng, {}, humans, schedule=session.injects)
    for index, (name, deal) in enumerate(zip(phases_of(session), entry)):
        if state.stage is not Stage.NEGOTIATE or state.phase != index:
            ended = state.results[index] if len(state.results) > index else None
            if deal is None:
                continue
            events = [e for ph, _, e in state.fired if ph == index]
            why = ending(s, ended.ended_by) if ended is not None else "the talks ended"
            raise SessionError(f"table {table}: {name} ended before any offer could be made ({why}"
                               + (f"; event: {', '.join(events)}" if events else "") + "), so no deal can be "
                               "recorded for it: enter 'none' for this table")
        first = state.to_move
        assert first is not None
        try:
            if deal is None:
                state = apply(state, Walk(first))
            else:
                state = apply(state, Offer(first, deal))
                state = advance(state, rng, {}, humans, schedule=session.injects)
                if state.stage is Stage.NEGOTIATE and state.phase == index:
                    other = state.to_move
                    assert other is not None
                    state = apply(state, Accept(other))
        except IllegalMoveError as exc:
            raise SessionError(f"table {table}: the rules refuse this deal in {name}: {exc}") from None
        state = advance(state, rng, {}, humans, schedule=session.injects)
        got = state.results[index].agreement if len(state.results) > index else None
        if deal is not None and got != deal:
            why = ending(s, state.results[index].ended_by) if len(state.results) > index else "the talks did not end"
            raise SessionError(f"table {table}: the rules did not record this deal in {name} ({why})")
    state = advance(state, rng, {}, humans, schedule=session.injects)
    if state.stage is not Stage.OVER:
        raise SessionError(f"table {table}: the entry does not finish the game (expected one deal per table)")
    return state
