"""Animated numbers for the window's meters, and the worker that keeps heavy moves off the frame.

A :class:`Tween` eases a shown value toward its target in at most :data:`DURATION` seconds (ease
out); any input skips it to the end, and under the "reduce motion" setting it jumps at once.
A :class:`Worker` runs one job (a move and everything it sets off: the AI's answer, events,
rebuilding the sorted tables) in a thread while frames go on; the scene polls it each frame and
takes the result on the frame thread, so the move log and the game's determinism are exactly
those of the same calls made in line.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable

DURATION = 0.5                 # seconds; the bound is 0.6
SWITCH_INTERVAL = 0.0005       # seconds between the threads' turns while a move is in play (Python's default: 0.005)


class Tween:
    """A value shown on screen that moves to its target over :data:`DURATION` seconds."""

    def __init__(self, value: float = 0.0) -> None:
        self.start = self.target = self.shown = value
        self.t = DURATION

    def set(self, target: float, animate: bool) -> None:
        """Aim at ``target``; jump there unless ``animate`` (and unless it is the first value)."""
        if target == self.target:
            return
        self.start, self.target, self.t = self.shown, target, 0.0 if animate else DURATION
        if not animate:
            self.shown = target

    def update(self, dt: float) -> bool:
        """Advance; True while moving."""
        if self.t >= DURATION:
            return False
        self.t = min(DURATION, self.t + dt)
        x = self.t / DURATION
        self.shown = self.start + (self.target - self.start) * (1 - (1 - x) ** 3)
        return self.t < DURATION

    def skip(self) -> None:
        self.t, self.shown = DURATION, self.target

    @property
    def moving(self) -> bool:
        return self.t < DURATION


class Worker:
    """One job at a time in a daemon thread; :meth:`poll` on the frame thread says when it is done."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._interval = sys.getswitchinterval()

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, job: Callable[[], None]) -> None:
        """Run ``job`` off the frame (RuntimeError if a job is already running)."""
        if self._thread is not None:
            raise RuntimeError("a move is already being played")
        self._error = None

        def run() -> None:
            _lower_priority()
            try:
                job()
            except BaseException as exc:  # noqa: BLE001  (handed to the frame thread by poll())
                self._error = exc
        # the frame thread waits for the interpreter lock after each drawing call: a short switch interval
        # while a move is in play keeps those waits well under a frame (restored when the move is taken)
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        self._thread = threading.Thread(target=run, name="backchannel-move", daemon=True)
        self._thread.start()

    def poll(self) -> tuple[bool, BaseException | None]:
        """(True, the job's exception or None) once, when the job has finished; else (False, None)."""
        if self._thread is None or self._thread.is_alive():
            return False, None
        self._thread.join()
        self._thread = None
        sys.setswitchinterval(self._interval)
        return True, self._error

    def join(self, timeout: float | None = None) -> None:
        """Wait for the running job (closing the window must not cut a move log mid-line)."""
        if self._thread is not None:
            self._thread.join(timeout)


def _lower_priority() -> None:
    """On Linux, where threads have their own nice value, let the system schedule the frame thread first
    (elsewhere, and where it is not allowed, nothing changes)."""
    if sys.platform.startswith("linux") and hasattr(os, "setpriority"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except OSError:
            pass
