"""Signatures for classroom results: HMAC-SHA256 over canonical JSON.

The session key stays with the instructor (``instructor/session.key``). Each *seat* -- one role
at one table -- gets its own key, ``HMAC(session key, "<session id>/table/<k>/seat/<role>")``, in
that seat's folder only. A result carries one signature per seat it speaks for, each made with
that seat's key: a student who holds one seat folder can sign for that seat and no other, so
nobody can sign for the other role of their own table; the debrief, which holds the session key,
derives every seat's key and checks them all.

The instructor's seals, made with the session key itself, vouch for what only the instructor's
side knows: an event injected on the class server (:func:`inject_seal`), the end of the talks there
(:func:`end_seal`), the seats of a served
table that no student took (:func:`not_taken_seal`), the seats handed to the AI mid-game when their
student had left (:func:`ai_from_seal`), a served table nobody joined (:func:`not_played_seal`), and a
whole result the instructor's side wrote (:func:`result_seal`).

Sessions made before seats existed gave one key per pair (:func:`pair_key`), shared by both of its
students; their results are still read, and the debrief says that either student could have
signed them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping, Sequence
from typing import Any


def new_key() -> str:
    return secrets.token_hex(32)


def seat_key(session_key: str, session_id: str, table: int, role: str) -> str:
    """The key of one seat (a role at a table), derived from the session key."""
    return hmac.new(bytes.fromhex(session_key), f"{session_id}/table/{table}/seat/{role}".encode(),
                    hashlib.sha256).hexdigest()


def pair_key(session_key: str, session_id: str, pair: int) -> str:
    """The shared key of a pair in a session made before seats had keys (still checked, never issued)."""
    return hmac.new(bytes.fromhex(session_key), f"{session_id}/pair/{pair}".encode(), hashlib.sha256).hexdigest()


def canonical(record: dict[str, Any]) -> bytes:
    """The bytes that are signed: the record without its signature(s), keys sorted, no spaces."""
    body = {k: v for k, v in record.items() if k not in ("signature", "signatures")}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def sign(record: dict[str, Any], key: str) -> str:
    return hmac.new(bytes.fromhex(key), canonical(record), hashlib.sha256).hexdigest()


def same(given: object, expected: str) -> bool:
    """Whether ``given`` (read from a file a stranger may have written) is the signature ``expected``, in
    constant time; False for anything but a string (``hmac.compare_digest`` raises TypeError on a string
    with a non-ASCII character, which a forged file may hold)."""
    return isinstance(given, str) and hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode())


def verify(record: dict[str, Any], key: str) -> bool:
    """Whether the record's single ``signature`` (a pair-era result, an entry) was made with ``key``."""
    return same(record.get("signature"), sign(record, key))


def verify_seat(record: dict[str, Any], seat: str, key: str) -> bool:
    """Whether the record's ``signatures`` hold a signature of ``seat`` made with ``key``."""
    signatures = record.get("signatures")
    return same(signatures.get(seat) if isinstance(signatures, dict) else None, sign(record, key))


def _game_move(index: int, before: str | None) -> str:
    """The words of a sealed move's place: its number, and the hash of the moves before it
    (:func:`game.engine.record.moves_hash`); ``None`` gives the older seal's words, made before seals were
    bound to their game (a checker accepts those only in a result sealed whole by the instructor's side)."""
    return f"{index}" if before is None else f"{index}/after/{before}"


def inject_seal(session_key: str, session_id: str, table: int, index: int, events: tuple[str, ...],
                before: str | None) -> str:
    """The instructor's seal of events injected at table ``table`` as the game's move ``index``
    (0-based), after the moves whose hash is ``before`` (:func:`game.engine.record.moves_hash`): only the
    session key makes it, so a student cannot add an injection to a result, nor carry one over to another
    game."""
    message = f"{session_id}/table/{table}/inject/{_game_move(index, before)}/{','.join(events)}"
    return hmac.new(bytes.fromhex(session_key), message.encode(), hashlib.sha256).hexdigest()


def verify_inject(session_key: str, session_id: str, table: int, index: int, events: tuple[str, ...],
                  before: str | None, seal: str) -> bool:
    """Whether ``seal`` is the instructor's seal of that injection (:func:`inject_seal`)."""
    return same(seal, inject_seal(session_key, session_id, table, index, events, before))


def end_seal(session_key: str, session_id: str, table: int, index: int, before: str | None) -> str:
    """The instructor's seal of the end of the talks at table ``table`` as the game's move ``index``
    (0-based; rule 16), after the moves whose hash is ``before`` (:func:`game.engine.record.moves_hash`):
    only the session key makes it, so a student cannot end a game early by hand, nor carry the seal of one
    game's end over to another game."""
    message = f"{session_id}/table/{table}/end_talks/{_game_move(index, before)}"
    return hmac.new(bytes.fromhex(session_key), message.encode(), hashlib.sha256).hexdigest()


def verify_end(session_key: str, session_id: str, table: int, index: int, before: str | None, seal: str) -> bool:
    """Whether ``seal`` is the instructor's seal of that end of the talks (:func:`end_seal`)."""
    return same(seal, end_seal(session_key, session_id, table, index, before))


def not_taken_seal(session_key: str, session_id: str, table: int, roles: Sequence[str], end_hash: str) -> str:
    """The class server's seal that no student took the seats ``roles`` of table ``table`` (the
    session's AI played them) in the game that ended at ``end_hash``: only the session key makes it,
    so a student cannot claim that their seat was empty to escape a grade, nor carry a seal over to
    another game."""
    message = f"{session_id}/table/{table}/not-taken/{','.join(roles)}/{end_hash}"
    return hmac.new(bytes.fromhex(session_key), message.encode(), hashlib.sha256).hexdigest()


def verify_not_taken(session_key: str, session_id: str, table: int, roles: Sequence[str], end_hash: str,
                     seal: str) -> bool:
    """Whether ``seal`` is the class server's seal of those empty seats (:func:`not_taken_seal`)."""
    return same(seal, not_taken_seal(session_key, session_id, table, roles, end_hash))


def ai_from_seal(session_key: str, session_id: str, table: int, seats: Mapping[str, int], end_hash: str) -> str:
    """The class server's seal that the AI played each seat of ``seats`` from the move number it maps to
    (0-based: the instructor handed the seat of a student who had left to the AI), in the game that ended
    at ``end_hash``: only the session key makes it, so a student can neither say that the AI made their
    moves nor carry the seal over to another game."""
    said = ",".join(f"{role}:{start}" for role, start in sorted(seats.items()))
    message = f"{session_id}/table/{table}/ai-from/{said}/{end_hash}"
    return hmac.new(bytes.fromhex(session_key), message.encode(), hashlib.sha256).hexdigest()


def verify_ai_from(session_key: str, session_id: str, table: int, seats: Mapping[str, int], end_hash: str,
                   seal: str) -> bool:
    """Whether ``seal`` is the class server's seal of those handovers (:func:`ai_from_seal`)."""
    return same(seal, ai_from_seal(session_key, session_id, table, seats, end_hash))
def result_seal(session_key: str, session_id: str, record: dict[str, Any]) -> str:
    """The instructor's side's seal of a whole result it wrote (the class server's games, the deals
    entered with ``classroom enter``, the AI previews): made with the session key over the record as
    signed (:func:`canonical`) without the seal itself, so it vouches for every field, the start time
    included, and a student, who holds seat keys only, can neither make it nor edit a sealed result."""
    body = canonical({k: v for k, v in record.items() if k != "seal"})
    return hmac.new(bytes.fromhex(session_key), f"{session_id}/result/".encode() + body, hashlib.sha256).hexdigest()


def verify_result_seal(session_key: str, session_id: str, record: dict[str, Any]) -> bool:
    """Whether the record's ``seal`` is the instructor's side's seal of it (:func:`result_seal`)."""
    return same(record.get("seal"), result_seal(session_key, session_id, record))


def out_seal(seat_key_hex: str, session_id: str, table: int, out: str, games: object) -> str:
    """A seat's seal, in a game's log header, of where its student said its result goes (``play --session --out``,
    ``out`` as the header writes it) for that game (``games``: the header's game numbers): a resume writes the
    result there only when the seal matches, so a header edited to send it elsewhere (a new .json file in any
    folder) is refused. Made with the key of the seat folder the game was started from: it binds the log to
    that folder, not to a person (a student may seal any path for their own seat)."""
    body = json.dumps(games, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    message = f"{session_id}/table/{table}/out/{out}/games/{body}"
    return hmac.new(bytes.fromhex(seat_key_hex), message.encode(), hashlib.sha256).hexdigest()


def started_here_seal(session_key: str, session_id: str, table: int, humans: Sequence[str], games: object) -> str:
    """The instructor's seal, in a game's log header, that the game was started from the instructor's own folder
    (``play --session INSTRUCTOR_FOLDER``): that folder holds every seat's key and signs a result for every seat
    it was played by, so a resume there needs this seal, which only the session key makes (a student's log edited
    to name the instructor's folder, handed over to be resumed, was signed for every seat)."""
    body = json.dumps(games, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    message = f"{session_id}/table/{table}/started-here/{','.join(sorted(humans))}/games/{body}"
    return hmac.new(bytes.fromhex(session_key), message.encode(), hashlib.sha256).hexdigest()


def not_played_seal(session_key: str, session_id: str, table: int) -> str:
    """The class server's seal that nobody joined table ``table`` of the session (it was not played):
    only the session key makes it, so a student cannot say that their table was not played to escape
    a grade, nor carry the seal over to another table or session."""
    message = f"{session_id}/table/{table}/not-played"
    return hmac.new(bytes.fromhex(session_key), message.encode(), hashlib.sha256).hexdigest()


def verify_not_played(session_key: str, session_id: str, table: int, seal: str) -> bool:
    """Whether ``seal`` is the class server's seal that nobody joined that table (:func:`not_played_seal`)."""
    return same(seal, not_played_seal(session_key, session_id, table))


CODE_BITS = 64


def join_code(seat_key_hex: str) -> str:
    """The code a student types to take the seat whose key is ``seat_key_hex`` on the class server:
    ``HMAC(seat key, "backchannel/web/join")``, its first 64 bits as four groups of four hex digits.
    Printed on the seat's brief; derived, so nothing needs storing."""
    digest = hmac.new(bytes.fromhex(seat_key_hex), b"backchannel/web/join", hashlib.sha256).hexdigest()
    raw = digest[: CODE_BITS // 4]
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def seal_schedule(key: str, schedule: Sequence[tuple[str, int]]) -> str:
    """The instructor's planned events (``classroom new --inject E --at-round R``) as a seat's or a table's file
    carries them: sealed with the folder's seat key (HMAC-SHA256 as a key stream, then a tag), so that the
    program that plays there can fire them while no file a student opens says what they are (the game's move
    log records each only when it fires: :mod:`game.classroom.planned`). A student who runs the program's code
    on their key can still unseal them (file mode keeps nothing from its own player; the class server's
    *Inject now* is the true surprise: docs/classroom.md)."""
    plain = json.dumps([list(x) for x in schedule], separators=(",", ":")).encode()
    body = bytes(a ^ b for a, b in zip(plain, _stream(key, len(plain))))
    return body.hex() + "." + hmac.new(bytes.fromhex(key), b"schedule/tag/" + body, hashlib.sha256).hexdigest()


def open_schedule(key: str, sealed: str) -> tuple[tuple[str, int], ...] | None:
    """The events :func:`seal_schedule` sealed with ``key``; None when ``sealed`` is not such a seal (another
    key's, or changed)."""
    body_hex, _, tag = sealed.partition(".")
    try:
        body = bytes.fromhex(body_hex)
    except ValueError:
        return None
    if not same(tag, hmac.new(bytes.fromhex(key), b"schedule/tag/" + body, hashlib.sha256).hexdigest()):
        return None
    try:
        pairs = json.loads(bytes(a ^ b for a, b in zip(body, _stream(key, len(body)))))
        return tuple((str(event), int(round_no)) for event, round_no in pairs)
    except (ValueError, TypeError):
        return None


def _stream(key: str, size: int) -> bytes:
    """``size`` bytes of key stream for :func:`seal_schedule`: HMAC(key, "schedule/stream/<i>"), i = 0, 1, ..."""
    blocks = (hmac.new(bytes.fromhex(key), f"schedule/stream/{i}".encode(), hashlib.sha256).digest()
              for i in range(size // 32 + 1))
    return b"".join(blocks)[:size]
