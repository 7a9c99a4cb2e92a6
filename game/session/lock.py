"""An exclusive writer lock on a file (a move log, a seat's count of games): one writer at a time, on
every platform.

The lock is taken on a lock file beside the log (``NAME.jsonl.lock``), never on the log itself:
Windows locks are mandatory and would stop other programs *reading* the locked bytes (``replay``,
the window's list of saved games), while a separate file that nobody reads can be locked freely.
POSIX uses :func:`fcntl.flock`, Windows :func:`msvcrt.locking` on the lock file's first byte; both
locks die with the process, so a killed game never leaves its log locked.

The lock file exists only while a game is open. On POSIX it is removed while still locked, and
whoever takes the lock checks that the file it locked is still the one at that path (else it was
just removed: it tries again); on Windows a file another program has open cannot be removed, so
the lock file is removed after unlocking, when it can be.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

from game.errors import GameError


class LogInUse(GameError):
    """Another game is writing this move log."""


def _try_lock(handle: BinaryIO) -> bool:
    """Lock without waiting: True if taken, False if another process holds it (OSError: locks do not
    work on this file system)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows
        import msvcrt
        os.lseek(handle.fileno(), 0, os.SEEK_SET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: BinaryIO) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows
        import msvcrt
        os.lseek(handle.fileno(), 0, os.SEEK_SET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _still_there(handle: BinaryIO, path: Path) -> bool:
    """Whether ``path`` is still the file ``handle`` has open (its last holder may have removed it)."""
    try:
        on_disk, held = os.stat(path), os.fstat(handle.fileno())
    except OSError:
        return False
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


class WriterLock:
    """The exclusive right to write one file (by default a move log), held from :meth:`acquire` to
    :meth:`release`. ``subject`` names the file in messages; ``busy`` is the message when another process
    holds the lock."""

    def __init__(self, log: Path, subject: str = "the move log", busy: str | None = None) -> None:
        self.log = log
        self.path = log.with_name(log.name + ".lock")
        self.subject = subject
        self.busy = busy or ("this game is open in another window or terminal; finish or quit it there first "
                             "(two games writing one log would spoil it)")
        self._handle: BinaryIO | None = None

    def acquire(self) -> None:
        """Take the lock at once or raise :class:`LogInUse` (GameError: one line for the player)."""
        for _ in range(10):
            try:
                handle = open(self.path, "ab")
            except OSError as exc:
                raise GameError(f"{self.log}: cannot lock {self.subject} ({exc.strerror or exc})") from None
            try:
                taken = _try_lock(handle)
            except OSError:          # no locks on this file system: the per-move check on disk still holds
                self._handle = handle
                return
            if not taken:
                handle.close()
                raise LogInUse(f"{self.log}: {self.busy}")
            if _still_there(handle, self.path):
                self._handle = handle
                return
            handle.close()           # its last holder removed it as we opened it: take the new one
        raise LogInUse(f"{self.log}: could not lock {self.subject}; try again")

    def release(self) -> None:
        """Give the lock up (and remove the lock file); does nothing when not held."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows
            _unlock(handle)
            handle.close()
            try:
                self.path.unlink()
            except OSError:
                pass                 # another game has it open: it will remove it
            return
        try:
            self.path.unlink()       # still locked: anyone who opened this file will see it is gone
        except OSError:
            pass
        handle.close()               # closing releases the lock

    @property
    def held(self) -> bool:
        """Whether this lock is held now."""
        return self._handle is not None
