"""The class being served: its seats, its tables' games, and the instructor's actions on them.

Rules:

* Seats are claimed with the seat's join code (:mod:`game.web.codes`) and a name; a re-claim (another
  device) replaces the old claim. After the start, only seats already claimed can be re-claimed:
  the others are played by the session's AI (face to face, where no AI plays, a latecomer takes
  the seat until the talks end).
* The instructor starts the class: every table with at least one student gets a game
  (:class:`game.session.game.GameSession`) whose humans are the claimed seats; its move log is
  ``DIR/server/games/table-KK.jsonl``. Tables nobody joined are not played.
* A move is refused while the class is paused, after the table's last response, or when it is not
  the seat's turn (the rules' own checks; an illegal move changes nothing).
* Ending the talks is a move of every unfinished game, sealed by the instructor (rule 16,
  :func:`game.classroom.signing.end_seal`): the seat to move, if it faces an offer, gives one final
  response -- accept the offer on the table or let the talks end (walk away), nothing else (a new offer
  is refused) -- and otherwise the talks end at once without a deal; no later phase is played. An AI
  owes its final response like a student (it accepts what beats no deal for it), and so does the AI of a
  seat handed over after the end. After that, pausing, the timer, injecting and ending the talks again
  are refused (:class:`ClassError` says why), and the timer stops on every page.
* The instructor may hand the seat of a student who has left to the session's AI for the rest of the
  game (:meth:`Classroom.hand_to_ai`): the move log records from which move, the seat's moves are
  refused from then on, and the result seals it (:func:`game.classroom.results.handed_over`), so that
  the debrief and the grades say so rather than credit the student.
* A finished game's signed result goes to ``DIR/results`` in the format of ``classroom debrief``
  (mode ``ai`` with one student, ``hot-seat`` with two or more: a campaign table of three or four
  students is signed by every seat its students played).
* Everything here is synchronous and thread-safe per table: the app runs it in a worker thread so
  that no socket waits on the engine.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from game.classroom.folder import Session, SessionError, open_session, session_key
from game.classroom.signing import end_seal, seat_key
from game.engine.actions import Accept, EndTalks, PlayerAction, Walk
from game.engine.rules import IllegalMoveError
from game.engine.record import moves_hash
from game.errors import GameError
from game.session.game import GameSession
from game.session.movenumber import seen_move
from game.session.personas import Persona
from game.unsafe import strip_unsafe
from game.web.codes import digest, join_code, new_secret, normal_code
from game.web.store import Store
from game.web.tablegame import TableGame, finish_table, replayed

MAX_NAME = 40


class ClassError(GameError):
    """An action the class refuses, with the reason in words for the person who tried it."""


AI_SEAT = "The AI plays your seat now: your instructor handed it over while you were away."
NOT_STARTED = "The class has not started: "     # what the controls that act on the tables answer before the start
ENDED_MOVE = ("The instructor has ended the talks: you can only accept the offer on the table or let the "
              "talks end without a deal.")


class Classroom:
    """The served class: ``root`` is the instructor's session folder (made by ``classroom new``)."""

    def __init__(self, root: Path) -> None:
        self.session: Session = open_session(root)
        if self.session.kind != "session":
            raise SessionError(f"{root}: this is a {self.session.kind} folder; serve the instructor's session folder")
        key = session_key(self.session)
        self.key = key
        self.root = root
        self.codes: dict[str, tuple[int, str]] = {}
        for table, _ in self.session.tables:
            for role in self.session.roles:
                code = join_code(seat_key(key, self.session.id, table, role))
                self.codes[normal_code(code)] = (table, role)
        self.store = Store(root / "server" / "class.sqlite")
        self.tables: dict[int, TableGame] = {}
        self._class_lock = threading.Lock()
        self._names: dict[tuple[int, str], str] | None = None
        for row in self.store.games():
            self.tables[row.table] = self._reopen(row.table, row.log, row.humans, row.result, row.final)

    def _reopen(self, table: int, log: Path, humans: tuple[str, ...], result: str, final: bool) -> TableGame:
        try:
            game, _ = GameSession.resume(log)
        except GameError:                        # finished (or unreadable as running): replay it
            state, moments, starts = replayed(log)
            tg = TableGame(table, humans, state, moments, None, final, result, handovers=starts)
            if not result:
                self._finish(tg)
            return tg
        tg = TableGame(table, humans, game.state, game.earlier_moments() + game.take_moments(), game, final, result,
                       handovers={p: h.start for p, h in game.handovers.items()})
        if tg.final:
            self._end_game(tg)          # a class ended before rule 16 was a move of the game
        return tg

    def close(self) -> None:
        """Close every open move log and the database (the games resume from them)."""
        for tg in self.tables.values():
            if tg.game is not None:
                tg.game.close()
        self.store.close()

    # -- class flags -----------------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self.store.get("started") == "1"

    @property
    def paused(self) -> bool:
        return self.store.get("paused") == "1"

    @property
    def ended(self) -> bool:
        return self.store.get("ended") == "1"

    @property
    def deadline(self) -> float | None:
        text = self.store.get("deadline")
        return float(text) if text else None

    @property
    def mode(self) -> str:
        """"online" (the server plays the games) or "face-to-face" (students enter their deals,
        :mod:`game.web.facetoface`), chosen before the start."""
        return self.store.get("mode", "online")

    def flags(self) -> dict[str, object]:
        return {"started": self.started, "paused": self.paused, "ended": self.ended, "deadline": self.deadline,
                "now": time.time()}

    # -- seats ------------------------------------------------------------------------------
    def seat_code(self, table: int, role: str) -> str:
        code = next(c for c, seat in self.codes.items() if seat == (table, role))
        return "-".join(code[i:i + 4] for i in range(0, len(code), 4))

    def join(self, name: str, code: str) -> tuple[str, int, str]:
        """Claim a seat: (ticket for the cookie, table, role); ClassError says why not. The name is kept on
        one line, without unsafe characters (:func:`game.unsafe.strip_unsafe`: a terminal's escape codes, text
        direction controls), since the dashboard, the debrief and grades.csv show it."""
        name = " ".join(strip_unsafe(" ".join(name.split())).split())[:MAX_NAME]     # white space first: one space
        if not name:
            raise ClassError("Enter your name.")
        seat = self.codes.get(normal_code(code))
        if seat is None:
            raise ClassError("No seat has this code: check it on your brief (16 letters and digits).")
        table, role = seat
        claimed = {(s.table, s.role) for s in self.store.seats()}
        if self.started and seat not in claimed:
            self._late(table)
        ticket = new_secret()
        self.store.claim(table, role, name, digest(ticket), keep_first=self.started)
        self._names = None
        return ticket, table, role

    def _late(self, table: int) -> None:
        """Whether a seat nobody claimed before the start may be taken now: face to face, yes, until the
        talks end (no game is played: the seat enters its table's deal); online, no, and ClassError says
        what is true of the seat: the AI plays it, or its table is not playing at all."""
        if self.ended:
            raise ClassError("The talks have ended: this seat can no longer be taken. Ask your instructor.")
        if self.mode == "face-to-face":
            return
        if table not in self.tables:
            raise ClassError("The class has started without your table (nobody had joined it), so it is not "
                             "playing. Ask your instructor.")
        raise ClassError("The class has started: this seat is played by the AI. Ask your instructor.")

    def seat_of_ticket(self, ticket: str) -> tuple[int, str, str] | None:
        seat = self.store.seat_of(digest(ticket))
        return None if seat is None else (seat.table, seat.role, seat.name)

    def names(self) -> dict[tuple[int, str], str]:
        """Who holds each claimed seat, by the name it was graded under: after the start, a student who comes
        back under another name ("Dmitri D") keeps the seat's first name, shown beside it
        (:func:`game.web.summary.rejoined`).
        Kept in memory; the database is read again after a claim."""
        if self._names is None:
            first = self.store.first_names()
            self._names = {(s.table, s.role): first.get((s.table, s.role), s.name) for s in self.store.seats()}
        return self._names

    # -- the instructor's actions -------------------------------------------------------------
    def start(self) -> list[int]:
        """Start every table with a student (the AI plays the empty seats); returns the tables started."""
        with self._class_lock:
            self.not_ended("the class cannot start now")
            if self.started:
                raise ClassError("The class has already started.")
            if self.mode == "face-to-face":
                self.store.put("started", "1")          # students enter their deals (game.web.facetoface)
                return []
            names = self.names()
            games = self.root / "server" / "games"
            started = []
            for table, seed in self.session.tables:
                humans = tuple(r for r in self.session.roles if (table, r) in names)
                if not humans:
                    continue
                log = games / f"table-{table:02d}.jsonl"
                ais = {self.session.personas.get(r) for r in self.session.roles if r not in humans}
                # the session's --opponent across the table from the students (Session.ais_for); an older
                # session's file names one AI per role
                opponent = self.session.opponent or (ais.pop() if len(ais) == 1 else None)
                game = GameSession.new(self.session.scenario, humans[0], seed, opponent, log, self.session.injects,
                                       {"classroom": {"folder": str(self.root.resolve()), "table": table}}, humans,
                                       across_only=self.session.opponent is not None)
                self.store.add_game(table, log, humans)
                tg = TableGame(table, humans, game.state, game.take_moments(), game)
                self.tables[table] = tg
                if game.over:
                    self._finish(tg)
                started.append(table)
            self.store.put("started", "1")
            return started

    def not_ended(self, what: str) -> None:
        """ClassError once the talks have ended: ``what`` says what that refuses."""
        if self.ended:
            raise ClassError(f"The talks have ended: {what}.")

    def set_paused(self, paused: bool) -> None:
        """Pause or resume every table. On resuming, a table whose next move is the AI's (a seat handed to it
        during the pause) runs on, as it would have without the pause."""
        self.not_ended("there is nothing to pause or resume")
        if not self.started:                   # instructor trial: "Pause all" before the start did nothing, silently
            raise ClassError(NOT_STARTED + "no table is playing, so there is nothing to pause or resume.")
        self.store.put("paused", "1" if paused else "0")
        if not paused:
            for table, tg in list(self.tables.items()):
                if tg.game is not None and tg.game.to_move is None:     # no student to move: the AI's turn
                    self.run_on(table)

    @property
    def timer_minutes(self) -> float | None:
        """The minutes of the timer last set (the dashboard shows them again after a reload)."""
        text = self.store.get("timer_minutes")
        return float(text) if text else None

    def set_timer(self, minutes: float | None) -> None:
        self.not_ended("the timer has stopped")
        self.store.put("deadline", "" if minutes is None else f"{time.time() + 60 * minutes:.3f}")
        self.store.put("timer_minutes", "" if minutes is None else f"{minutes:g}")

    def end_talks(self) -> list[int]:
        """End the talks: every unfinished table gets its final response (see the module's rules). Refused
        before the class starts: ending it then would leave nothing to play and Start refused for ever."""
        with self._class_lock:                   # a start still making its tables finishes first
            self.not_ended("they were ended already")
            if not self.started:
                raise ClassError(NOT_STARTED + "nothing to end.")
            self.store.put("ended", "1")
            self.store.put("paused", "0")
            changed = []
            for tg in list(self.tables.values()):
                with tg.lock:
                    if tg.game is None or tg.final:
                        continue
                    tg.final = True
                    self.store.set_final(tg.table)
                    self._end_game(tg)
                    tg.version += 1
                    changed.append(tg.table)
            return changed

    # -- moves ----------------------------------------------------------------------------------
    def move(self, table: int, role: str, action: PlayerAction) -> bool:
        """Apply the seat's ``action`` and nothing more (fast: the player is answered at once); True when
        chance or an AI is to move next, so that :meth:`run_on` must follow. ClassError (nothing
        changed) when the class or the rules refuse it."""
        tg = self.tables.get(table)
        if tg is None or tg.game is None:
            raise ClassError("This table is not playing." if tg is None else "This game is over.")
        if self.paused:
            raise ClassError("The class is paused: wait for your instructor.")
        with tg.lock:
            game = tg.game
            if game is None:
                raise ClassError("This game is over.")
            if role in tg.handovers:
                raise ClassError(AI_SEAT)
            if game.to_move != role:
                raise ClassError("It is not your turn.")
            if tg.final and not isinstance(action, (Accept, Walk)):
                raise ClassError(ENDED_MOVE)
            try:
                game.submit(action, run=False)
            except IllegalMoveError as exc:
                raise ClassError(f"The rules refuse this move: {exc}") from None
            self.sync(tg, finish=False)
            return game.to_move is None

    def hand_to_ai(self, table: int, role: str) -> int:
        """Hand the seat of a student who has left to the session's AI for the rest of the game (recorded in
        the move log, then in the result, sealed); returns the number (0-based) of the AI's first move. After
        the talks were ended, only the seat that owes the final response can be handed over: its AI gives that
        response (rule 16: it accepts what beats no deal for it). ClassError says why nothing was done."""
        tg = self.tables.get(table)
        if tg is None or tg.game is None:
            raise ClassError(f"Table {table} is not playing." if tg is None else f"Table {table}'s game is over.")
        if role not in tg.humans:
            raise ClassError(f"No student plays this seat of table {table}: the AI already does.")
        if role in tg.handovers:
            raise ClassError(f"The AI already plays this seat (from move "
                             f"{seen_move(tg.state.history, tg.handovers[role])}).")
        with tg.lock:
            game = tg.game
            if game is None:
                raise ClassError(f"Table {table}'s game is over.")
            if tg.final and game.to_move != role:
                raise ClassError("The talks have ended and this seat owes no answer: nothing waits for it.")
            # paused, the AI waits with everyone else: it moves when the class resumes (set_paused)
            start = game.hand_to_ai(role, Persona(self.session.personas[role]), run=not self.paused)
            tg.handovers[role] = start
            self.sync(tg)
            return start

    def run_on(self, table: int) -> None:
        """After :meth:`move`: run chance and the AIs (an event may rebuild the tables: 0.3 s)."""
        tg = self.tables[table]
        with tg.lock:
            if tg.game is None:
                return
            tg.game.run_on()
            self.sync(tg)

    def sync(self, tg: TableGame, finish: bool = True) -> None:
        """Take a game's new moments and state into its table (and write its result once it is over)."""
        assert tg.game is not None
        tg.moments += tg.game.take_moments()
        tg.state = tg.game.state
        tg.version += 1
        if finish and tg.game.over:
            self._finish(tg)

    def _end_game(self, tg: TableGame) -> None:
        """Rule 16 at this table, unless its game is over or already ended: chance moves still owed are made
        first (the end is a move during the talks), then the instructor's sealed end of the talks, and the
        game runs on (an AI to move gives its final response at once)."""
        game = tg.game
        if game is None:
            return
        if game.state.is_chance:
            game.run_on()
        if not game.over and not game.state.ended:
            history = game.state.history
            seal = end_seal(self.key, self.session.id, tg.table, len(history), moves_hash(history))
            game.instruct(EndTalks(seal))
        self.sync(tg)

    def _finish(self, tg: TableGame) -> None:
        """Write the finished game's signed result (once) and close its log."""
        log = next((r.log for r in self.store.games() if r.table == tg.table), None) if tg.game is None else None
        if finish_table(tg, self.session, self.key, log):
            self.store.set_result(tg.table, tg.result)
