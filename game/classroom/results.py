"""Result files of a classroom session: written signed when a game ends (or re-issued from its log).

A result (format 3) holds the session, the table, who played it (``side``) and how (``mode``), the
*seats* it speaks for (the roles people played: one for a game against the AI, two for hot-seat,
every role for a deal entered face to face), the humans, the persona of every AI delegation and
the game's version (:mod:`game.session.personas`), when the game started, the seed, every move and
the final state's hash, and the payoffs; a game the class server played also names the seats no
student took, sealed with the session key (``not_taken``, :func:`not_taken`; older results have none),
and the seats the instructor handed to the AI mid-game when their student had left, with the number of
the AI's first move, sealed the same way (``ai_from``, :func:`handed_over`): the seat's ``personas``
entry is then that AI's, and its student is still among the humans.
Format 4: a result that the instructor's side writes (the class server's games, a deal entered with
``classroom enter``, an AI preview) carries that side's seal over all of it (``seal``, :func:`sealed`),
which a student cannot make: a face-to-face result signed with a table folder's seat keys is refused.
A game played from a seat folder carries instead each seat's game number and the link of the seat's
game before (``games``, :mod:`game.classroom.chain`), which decide its seed.
It carries one signature per seat, each made with that seat's key (:mod:`game.classroom.signing`).
Checking a result is :mod:`game.classroom.checks`.

A result that cannot be written where it should go (a full disk, a read-only stick, a bad
``--out``) is written to the player's data folder instead and the player is told where; if that
fails too, ``classroom result LOG`` writes it again from the finished game's move log.
"""

from __future__ import annotations

import filecmp
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.about import program, version
from game.atomic import write_atomically
from game.classroom.chain import Number, game_seed, numbers_from_json, numbers_to_json
from game.classroom.destination import KIND, free_target, moved_aside, out_problem, record_id
from game.classroom.folder import Session, SessionError, open_session, session_key
from game.classroom.signing import ai_from_seal, not_taken_seal, result_seal, same, sign, started_here_seal
from game.engine.record import action_to_dict, state_hash
from game.engine.result import game_result
from game.engine.state import State
from game.errors import GameError
from game.paths import data_dir
from game.session.game import GameSession
from game.session.movelog import handovers_of, played_personas, restore
from game.session.personas import Persona, personas_to_json
from game.unsafe import shown

UNNUMBERED = 3   # the format of a student's game without a number (a version before games were numbered)
FORMAT = 4   # 4: a result the instructor's side writes carries its seal (3: tables, seats and a signature per
             # seat, humans, personas; 1 and 2: pairs); every older format is still read
MODES = ("ai", "hot-seat", "face-to-face", "simulated")
ENTERED_BY = "instructor"    # the side of a face-to-face result: it is entered in the instructor's folder
SERVED = ("ai", "hot-seat")  # the modes of a game the class server played (its empty seats can be sealed)


def seats_of(mode: str, humans: Sequence[str], roles: Sequence[str]) -> tuple[str, ...]:
    """The roles a result speaks for: the humans' (every role for a simulated preview)."""
    return tuple(roles) if mode == "simulated" else tuple(humans)


def result_record(session: Session, table: int, side: str, mode: str, state: State, humans: Sequence[str],
                  personas: Mapping[str, Persona], started: str = "",
                  numbers: Mapping[str, Number] | None = None) -> dict[str, Any]:
    """The unsigned result of a finished game; ``numbers``, each seat's game number when it was played
    from a seat folder (:mod:`game.classroom.chain`), which also decide its seed."""
    result = game_result(state)
    s = session.scenario
    agreement = list(result.agreement) if result.agreement is not None else None
    return {
        "kind": KIND, "format": FORMAT, "session": session.id, "scenario_sha256": session.scenario_sha256,
        "table": table, "side": side, "mode": mode, "seats": list(seats_of(mode, humans, session.roles)),
        "humans": list(humans), "personas": personas_to_json(personas), "game_version": version(),
        "started": started, "seed": game_seed(session.seed_of(table), numbers or {}),
        "agreement": agreement,
        "agreement_labels": None if agreement is None else
        {**{b.id: b.options[agreement[i]].id for i, b in enumerate(s.baskets)}, "form": s.forms[agreement[-1]].id},
        "principals": {p.principal: {"party": p.party, "paper": round(p.paper, 10), "in_force": round(p.in_force, 10),
                                     "yearly_value": round(p.compliance_mean, 10),
                                     # null where no pact was in force (undefined; older versions wrote 0.0)
                                     "honoured_by_other": None if p.honoured_by_other is None
                                     else round(p.honoured_by_other, 10),
                                     "answered": None if p.answered is None else round(p.answered, 10), "reservation": p.reservation}
                       for p in result.principals},
        # null where no pact was in force (undefined, as in debrief.csv; versions before wrote 0.0)
        "in_force": result.in_force, "intact": round(result.survival, 10) if result.in_force else None,
        "moves": [action_to_dict(a) for a in state.history], "end_hash": state_hash(state),
        **({"games": numbers_to_json(numbers)} if numbers else {}),
    }


def not_taken(session: Session, record: dict[str, Any], key: str) -> dict[str, Any]:
    """The record of a game the class server played, with the seats no student took (the session's AI
    played them; in the session's order) sealed with the session ``key``, which only the instructor's
    side holds (:func:`game.classroom.signing.not_taken_seal`); unchanged when every seat was taken."""
    roles = [r for r in session.roles if r not in record["humans"]]
    if not roles or record["mode"] not in SERVED:
        return record
    seal = not_taken_seal(key, session.id, int(record["table"]), roles, str(record["end_hash"]))
    return {**record, "not_taken": {"seats": roles, "seal": seal}}


def handed_over(session: Session, record: dict[str, Any], key: str | None, starts: Mapping[str, int]) -> dict[str, Any]:
    """The record with the seats the class server handed to the AI mid-game (``starts``: each seat's first
    AI move, 0-based), sealed with the session ``key`` (:func:`game.classroom.signing.ai_from_seal`);
    unchanged when none was. Without the key (a server's game finished elsewhere) the seal is empty and the
    debrief rejects the result until ``classroom result LOG`` writes it again in the instructor's folder."""
    if not starts:
        return record
    seats = {role: int(starts[role]) for role in session.roles if role in starts}
    seal = "" if key is None else ai_from_seal(key, session.id, int(record["table"]), seats, str(record["end_hash"]))
    return {**record, "ai_from": {"seats": seats, "seal": seal}}
def sealed(session: Session, record: dict[str, Any], key: str) -> dict[str, Any]:
    """The record with the instructor's side's seal over all of it, made with the session ``key``
    (:func:`game.classroom.signing.result_seal`): for the results only that side writes (a class
    server's game, a deal entered with ``classroom enter``, an AI preview)."""
    return {**record, "seal": result_seal(key, session.id, record)}


def signed(session: Session, record: dict[str, Any]) -> dict[str, Any]:
    """The record with one signature per seat it speaks for (SessionError when a seat's key is not here)."""
    keys = {seat: session.key_for(int(record["table"]), seat) for seat in record["seats"]}
    return {**record, "signatures": {seat: sign(record, key) for seat, key in keys.items()}}


def result_name(record: dict[str, Any]) -> str:
    who = "-".join(record["seats"]) if record["mode"] != "ai" else record["side"]
    return f"table-{record['table']:02d}-{who}-{record['mode']}-{record['end_hash'][:10]}.json"


def write_result(session: Session, table: int, side: str, mode: str, state: State, humans: Sequence[str],
                 personas: Mapping[str, Persona], started: str = "", out: Path | None = None,
                 served_by: str | None = None, sealed_by: str | None = None,
                 numbers: Mapping[str, Number] | None = None, ai_from: Mapping[str, int] | None = None) -> Path:
    """Sign and write the result of a finished game to ``out`` (a folder or a .json path; by default
    the session's results/ folder), atomically. OSError when it cannot be written there. The class
    server passes the session key as ``served_by``: the seats nobody took are then sealed in it
    (:func:`not_taken`), so that ``classroom debrief`` says of them what the server's debrief says, and so
    are the seats it handed to the AI mid-game (``ai_from``, :func:`handed_over`). The instructor's other
    commands pass it as ``sealed_by``; either way the whole result is then sealed (:func:`sealed`). A game
    played from a seat folder passes its ``numbers``; one started by a version before games were numbered
    has none and is written as that version wrote it (format 3)."""
    record = result_record(session, table, side, mode, state, humans, personas, started, numbers)
    if served_by is not None:
        record = not_taken(session, record, served_by)
    record = handed_over(session, record, served_by, ai_from or {})
    key = served_by or sealed_by
    if key is not None:
        record = sealed(session, record, key)
    elif not numbers and mode in SERVED:
        record["format"] = UNNUMBERED
    record = signed(session, record)
    target = out if out is not None and out.suffix.lower() == ".json" else (out or session.results_dir()) / result_name(record)
    game = record_id(record)
    assert game is not None
    target = free_target(target, session.id, game)      # another game's file is never replaced (destination)
    write_atomically(target, (json.dumps(record, indent=1, sort_keys=True) + "\n").encode())
    return target


@dataclass(frozen=True)
class Delivery:
    """Where a finished game's signed result went: ``path`` (None if nowhere); when it could not go where it
    should, ``problem`` saying why and what to do; ``note``, what the player should know of a result written
    safely but not where they said (their ``--out`` held another game's result, never replaced)."""

    path: Path | None
    problem: str | None = None
    note: str | None = None


def unsent_dir() -> Path:
    """Where a result that could not be written where it should go is kept (the player's data folder)."""
    return data_dir() / "results"


def deliver(session: Session, table: int, side: str, mode: str, state: State, humans: Sequence[str],
            personas: Mapping[str, Persona], started: str, out: Path | None, log: Path | None,
            numbers: Mapping[str, Number] | None = None, ai_from: Mapping[str, int] | None = None) -> Delivery:
    """Write the result; if that fails, keep it in :func:`unsent_dir` and say so (never lose it silently)."""
    try:
        written = write_result(session, table, side, mode, state, humans, personas, started, out,
                               numbers=numbers, ai_from=ai_from)
        return Delivery(written, note=moved_aside(out, written))
    except OSError as exc:
        wanted = out or session.results_dir()
        reason = f"cannot write the result to {wanted} ({exc.strerror or exc})"
    retry = f"'classroom result {log} --out PATH'" if log is not None else "the game again"
    try:
        kept = write_result(session, table, side, mode, state, humans, personas, started, unsent_dir(),
                            numbers=numbers, ai_from=ai_from)
    except OSError as exc:
        return Delivery(None, f"{reason}, nor to {unsent_dir()} ({exc.strerror or exc}). The move log holds the "
                              f"whole game: write the result later with {retry}")
    return Delivery(kept, f"{reason}. The signed result is kept at {kept}: hand in that file, or write it "
                          f"where it belongs with {retry}")


def classroom_info(header: Mapping[str, Any]) -> tuple[Path, int, Path | None] | None:
    """(session folder, table, --out) from a log header's ``classroom`` entry; None for other games."""
    info = header.get("classroom")
    if not isinstance(info, dict):
        return None
    table = info.get("table", info.get("pair"))
    if not isinstance(info.get("folder"), str) or not isinstance(table, int):
        raise GameError("the log's classroom entry is malformed (expected a folder and a table)")
    return Path(info["folder"]), table, Path(info["out"]) if isinstance(info.get("out"), str) else None


def check_classroom_log(header: Mapping[str, Any], humans: Sequence[str], log: Path | None = None) -> None:
    """Before a classroom game's log (``log``) is resumed, as before it began (docs/classroom.md: the seat's key is
    checked before the game starts): GameError unless the header's ``classroom`` entry names a session folder, a
    table of it, a readable key for each seat that signs, and an ``out`` where a result may go
    (:func:`game.classroom.destination.out_problem`); and, when that folder is the instructor's, which signs for
    every seat, unless the log is the class server's (:func:`served_log`) or carries the seal that it was started
    there (:func:`game.classroom.signing.started_here_seal`, made with the session key; a student's log edited to
    name the instructor's folder and resumed there was signed for every seat).
    The game is not played only to be told at its end that its result cannot be written. Other logs pass."""
    info = classroom_info(header)
    if info is None:
        return
    folder, table, out = info
    try:
        session = open_session(folder)
        session.seed_of(table)
        for seat in humans:
            session.key_for(table, seat)
        if session.kind == "session" and not (log is not None and served_log(session, log, table)):
            seal = header["classroom"].get("started_here")
            started = [str(h) for h in header.get("humans") or ()]
            if not same(seal, started_here_seal(session_key(session), session.id, table, started,
                                                header["classroom"].get("games"))):
                raise GameError(shown(
                    f"this log names the instructor's folder {session.root}, which signs for every seat, but it was "
                    "not started there (its header lacks the seal only that folder makes when a game begins), and "
                    "anyone can write a log. A student's game is resumed from the student's own seat folder: ask "
                    f"them to run '{program()} play --resume LOG' there"))
    except SessionError as exc:
        raise GameError(shown(f"this log is a classroom game whose signed result cannot be written: {exc}. Resume "
                              "it on the machine and in the place where its session folder was when it began")) from None
    refused = None if out is None else out_problem(session, header, out)
    if refused is not None:            # each problem with its own remedy (an edited header: restore it)
        raise GameError(shown(f"this log is a classroom game whose signed result cannot be written where its "
                              f"--out says: {refused.problem}. {refused.remedy}"))


def log_numbers(header: Mapping[str, Any], humans: Sequence[str]) -> dict[str, Number] | None:
    """The game numbers a classroom log's header gives its seats (:func:`game.classroom.chain.claim`), or
    None for a game started before games were numbered (or on the class server); GameError if malformed."""
    info = header.get("classroom")
    raw = info.get("games") if isinstance(info, dict) else None
    if raw is None:
        return None
    numbers = numbers_from_json(raw, humans)
    if isinstance(numbers, str):
        raise GameError(f"the log's classroom entry is malformed ({numbers})")
    return numbers


def finish_classroom_game(session: GameSession) -> Delivery | None:
    """When a finished game was a classroom table's (its log's header says so), deliver its signed
    result; None for any other game. A class server's game with a seat handed to the AI, finished with
    ``play --resume`` in the instructor's folder (the server gone), is sealed there at once (:func:`reissue`,
    with the session key); anywhere else it is written unsealed and the problem says how to seal it."""
    info = classroom_info(session.header)
    if info is None or not session.over:
        return None
    folder, table, out = info
    starts = {p: h.start for p, h in session.handovers.items()}
    served = session.log.path.resolve().parent == (folder / "server" / "games").resolve()
    if starts and served:       # finished in the instructor's folder: sealed there with the session key
        try:
            return Delivery(reissue(session.log.path))
        except GameError:
            pass                # the key cannot be read: written unsealed below, saying what to do
    # a seat handed to the AI on the class server still counts its student among the humans
    humans = tuple(str(h) for h in session.header.get("humans") or ()) if starts else session.humans
    mode = "hot-seat" if len(humans) > 1 else "ai"
    delivery = deliver(open_session(folder), table, session.side, mode, session.state, humans,
                       session.personas, str(session.header.get("started", "")), out, session.log.path,
                       log_numbers(session.header, humans), starts)
    if starts and delivery.path is not None and delivery.problem is None:     # the seal needs the session key
        return Delivery(delivery.path, "the AI played a seat handed to it on the class server: write the result "
                                       f"again in the instructor's folder with 'classroom result {session.log.path}'",
                            note=delivery.note)
    return delivery


def served_log(session: Session, log: Path, table: int) -> bool:
    """Whether ``log`` is the class server's log of ``table`` in the session's ``server/games`` (which only
    the server writes), or a copy of it byte for byte (the instructor moved it)."""
    games = (session.root / "server" / "games").resolve()
    if log.resolve().parent == games:
        return True
    own = games / f"table-{table:02d}.jsonl"
    try:
        return own.is_file() and log.is_file() and filecmp.cmp(log, own, shallow=False)
    except OSError:
        return False


def reissue(log: Path, folder: Path | None = None, out: Path | None = None) -> Path:
    """``classroom result LOG``: the signed result of a finished classroom game, written again from its
    move log (every move re-checked, the AI's included). A game the class server played (its log is in
    the session's ``server/games``, which only the server writes) gets its seats nobody took sealed
    again, as the server did (:func:`not_taken`; this needs the instructor's session key). The instructor's
    folder, which holds every seat's key, signs only those (:func:`served_log`): any other log may be a
    student's own writing, both sides' moves chosen by them, and is signed by the seat folder it was played
    from. SessionError/LogError say what is wrong."""
    contents, scenario, state, _ = restore(log)
    if contents.end_hash is None:
        raise SessionError(f"{log}: the game is not finished; continue it with '{program()} play --resume {log}'")
    if state_hash(state) != contents.end_hash:
        raise SessionError(f"{log}: the replay ends at a different state than the log records")
    header = contents.header
    info = classroom_info(header)
    if info is None:
        raise SessionError(f"{log}: not a classroom game (it was not started with 'play --session')")
    recorded, table, recorded_out = info
    session = open_session(folder or recorded)
    if session.scenario_sha256 != header.get("scenario_sha256"):
        raise SessionError(f"{log}: this game was played on another scenario than {session.root}'s")
    humans = tuple(str(h) for h in header["humans"])
    mode = "hot-seat" if len(humans) > 1 else "ai"
    served = served_log(session, log, table)
    if session.kind == "session" and not served:
        raise SessionError(
            f"{log}: not a game the class server played (neither its log in {session.root / 'server' / 'games'} "
            "nor a copy of it), and the instructor's folder signs only those: it holds every seat's key, and "
            "anyone can write a log. A student's game is signed by the student's own seat folder: ask them to "
            f"run '{program()} classroom result LOG' there (or with '--session SEAT_FOLDER')")
    numbers = log_numbers(header, humans)
    if header.get("seed") != game_seed(session.seed_of(table), numbers or {}):
        raise SessionError(f"{log}: the game's seed is not the one its table and game number give in {session.root}")
    handovers = handovers_of(contents, scenario)
    refused = None if out is not None or recorded_out is None else out_problem(session, header, recorded_out)
    if refused is not None:         # the header's out is trusted only with its seal, as on play --resume
        raise SessionError(f"{log}: the result cannot go where the log says: {refused.problem}. Give '--out PATH'")
    return write_result(session, table, humans[0], mode, state, humans, played_personas(contents, scenario),
                        str(header.get("started", "")), out or recorded_out,
                        served_by=session_key(session) if served else None, numbers=numbers,
                        ai_from={p: h.start for p, h in handovers.items()})
