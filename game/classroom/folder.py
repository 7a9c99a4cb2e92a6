"""A classroom session on disk: what ``classroom new`` writes and what ``play --session`` reads.

    DIR/session.json            the session: id, scenario, pairs and their seeds, scheduled events
    DIR/scenario.yaml           the scenario, copied (the session does not depend on the install)
    DIR/seeds.csv               pair, seed
    DIR/instructor/session.key  the key that checks every result (keep it from the students)
    DIR/instructor/sheet.md     the instructor's sheet (and sheet.html)
    DIR/pairs/pair-K/           one folder per pair: pair.json, pair.key, scenario.yaml and one
                                confidential brief per role (brief-PARTY.md and .html)
    DIR/results/                signed result files, one per finished game

A pair folder is self-contained: students may be given theirs alone.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from game.classroom.signing import new_key, pair_key
from game.errors import GameError
from game.model.limits import too_large_to_play
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario

FORMAT = 1
MAX_PAIRS = 500


class SessionError(GameError):
    """A session folder that cannot be made or read, naming the file and what is wrong."""


@dataclass(frozen=True)
class Session:
    root: Path                         # the session folder, or a lone pair folder
    id: str
    scenario: Scenario
    scenario_sha256: str
    pairs: tuple[tuple[int, int], ...]  # (pair, seed)
    injects: tuple[tuple[str, int], ...]

    def seed_of(self, pair: int) -> int:
        for k, seed in self.pairs:
            if k == pair:
                return seed
        raise SessionError(f"{self.root}: no pair {pair}; the pairs are 1 to {len(self.pairs)}")

    def pair_dir(self, pair: int) -> Path:
        return self.root if (self.root / "pair.json").is_file() else self.root / "pairs" / f"pair-{pair:02d}"

    def key_for(self, pair: int) -> str:
        path = self.pair_dir(pair) / "pair.key"
        try:
            return path.read_text(encoding="ascii").strip()
        except OSError as exc:
            raise SessionError(f"{path}: cannot read the pair's key ({exc.strerror})") from None

    def results_dir(self) -> Path:
        return self.root / "results"


def write_atomically(path: Path, data: bytes, private: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it; readable by others
    (as the umask allows) unless ``private`` (keys)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if not private:
            umask = os.umask(0o022)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _json(data: Any) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode()


def check_injects(scenario: Scenario, injects: list[tuple[str, int]]) -> None:
    known = {e.id for e in scenario.events}
    longest = max([p.protocol.rounds for p in scenario.phases] or [scenario.protocol.rounds])
    for event, round_no in injects:
        if event not in known:
            raise SessionError(f"--inject: {scenario.id} has no event {event!r}; its events are: "
                               f"{', '.join(sorted(known)) or 'none'}")
        if not 1 <= round_no <= longest:
            raise SessionError(f"--at-round: expected a round from 1 to {longest}, got {round_no}")


def create_session(scenario_path: Path, pairs: int, out: Path, seed: int | None = None,
                   injects: list[tuple[str, int]] | None = None) -> Session:
    """Make a session folder for ``pairs`` pairs of students (see the module docstring). It is built
    in a staging folder beside ``out`` and renamed into place only when complete, so a failure (a
    full disk) leaves no half-made session to block a retry or to be played."""
    scenario = load_scenario(scenario_path)
    why = too_large_to_play(scenario)
    if why is not None:
        raise SessionError(f"{scenario.path}: no pair could play this scenario: {why}")
    source = Path(scenario.path)
    injects = list(injects or [])
    check_injects(scenario, injects)
    if not 1 <= pairs <= MAX_PAIRS:
        raise SessionError(f"--pairs: expected 1 to {MAX_PAIRS}, got {pairs}")
    if (out / "session.json").exists():
        raise SessionError(f"{out}: already holds a session; choose another folder")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SessionError(f"{out}: exists and is not an empty folder")
    text = source.read_bytes()
    sha = hashlib.sha256(text).hexdigest()
    session_id = secrets.token_hex(6)
    seeds = np.random.default_rng(seed).integers(0, 2**31 - 1, pairs)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(staging, 0o777 & ~mask)                     # as a plain mkdir would make it
    try:
        spec = _build(staging, session_id, scenario, text, sha, seeds, injects)
        if out.exists():
            out.rmdir()                                  # empty, checked above
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return dataclasses.replace(spec, root=out)


def _build(out: Path, session_id: str, scenario: Scenario, text: bytes, sha: str, seeds: np.ndarray,
           injects: list[tuple[str, int]]) -> Session:
    """Write a whole session into ``out`` (a staging folder that is renamed into place when complete)."""
    from game.classroom.briefs import instructor_sheet, role_brief
    spec = Session(out, session_id, scenario, sha, tuple((k + 1, int(s)) for k, s in enumerate(seeds)),
                   tuple(injects))
    key = new_key()
    public = {"format": FORMAT, "id": session_id, "scenario": "scenario.yaml", "scenario_sha256": sha,
              "scenario_id": scenario.id, "pairs": [list(p) for p in spec.pairs],
              "injects": [list(x) for x in injects]}
    write_atomically(out / "scenario.yaml", text)
    write_atomically(out / "session.json", _json(public))
    write_atomically(out / "instructor" / "session.key", (key + "\n").encode(), private=True)
    write_atomically(out / "seeds.csv", ("pair,seed\n" + "".join(f"{k},{s}\n" for k, s in spec.pairs)).encode())
    markdown, html_text = instructor_sheet(spec)
    write_atomically(out / "instructor" / "sheet.md", markdown.encode())
    write_atomically(out / "instructor" / "sheet.html", html_text.encode())
    (out / "results").mkdir(exist_ok=True)
    for k, pair_seed in spec.pairs:
        folder = spec.pair_dir(k)
        write_atomically(folder / "scenario.yaml", text)
        write_atomically(folder / "pair.json", _json({**public, "pairs": [[k, pair_seed]], "pair": k}))
        write_atomically(folder / "pair.key", (pair_key(key, session_id, k) + "\n").encode(), private=True)
        for party in scenario.parties:
            markdown, html_text = role_brief(spec, k, party.id)
            write_atomically(folder / f"brief-{party.id}.md", markdown.encode())
            write_atomically(folder / f"brief-{party.id}.html", html_text.encode())
    return spec


def open_session(path: Path) -> Session:
    """Read a session folder or a lone pair folder; SessionError names the file and the problem."""
    if (path / "session.json").is_file():
        meta = path / "session.json"
    elif (path / "pair.json").is_file():
        meta = path / "pair.json"
    else:
        raise SessionError(f"{path}: not a classroom session (no session.json or pair.json); "
                           "make one with 'classroom new'")
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        pairs = tuple((int(k), int(s)) for k, s in data["pairs"])
        injects = tuple((str(e), int(r)) for e, r in data.get("injects") or ())
        session_id, sha = str(data["id"]), str(data["scenario_sha256"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SessionError(f"{meta}: not a readable session file ({type(exc).__name__}: {exc})") from None
    scenario_file = path / "scenario.yaml"
    try:
        actual = hashlib.sha256(scenario_file.read_bytes()).hexdigest()
    except OSError as exc:
        raise SessionError(f"{scenario_file}: cannot read the session's scenario ({exc.strerror})") from None
    if actual != sha:
        raise SessionError(f"{scenario_file}: the scenario has changed since the session was made")
    return Session(path, session_id, load_scenario(scenario_file), sha, pairs, injects)


def session_key(session: Session) -> str:
    path = session.root / "instructor" / "session.key"
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError as exc:
        raise SessionError(f"{path}: cannot read the session key ({exc.strerror}); the debrief needs the "
                           "instructor's copy of the session folder") from None
