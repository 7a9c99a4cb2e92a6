"""Short sound effects generated in code (no sample files): offer, accept, event, violation.

Each effect is a few sine partials under an exponential decay, synthesised with
numpy when the mixer starts. Without an audio device every call is a silent
no-op: the game never fails or logs noise for want of sound.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pygame

#: effect -> (partials as (frequency Hz, amplitude), duration s, decay rate 1/s)
EFFECTS: dict[str, tuple[tuple[tuple[float, float], ...], float, float]] = {
    "offer": (((660.0, 0.5), (990.0, 0.2)), 0.12, 30.0),
    "accept": (((523.3, 0.4), (659.3, 0.3), (784.0, 0.3)), 0.45, 7.0),
    "event": (((440.0, 0.5), (466.2, 0.3)), 0.30, 10.0),
    "violation": (((196.0, 0.6), (207.7, 0.4)), 0.50, 6.0),
    "click": (((1200.0, 0.4),), 0.04, 80.0),
}


def synthesise(partials: tuple[tuple[float, float], ...], seconds: float, decay: float, rate: int) -> np.ndarray:
    """``sum_k a_k sin(2 pi f_k t) * exp(-decay t)``, 16-bit, with a 5 ms fade-in against clicks."""
    t = np.arange(int(seconds * rate)) / rate
    wave = sum(a * np.sin(2 * np.pi * f * t) for f, a in partials) * np.exp(-decay * t)
    wave *= np.minimum(1.0, t / 0.005)
    return (np.clip(wave, -1.0, 1.0) * 0.6 * 32767).astype(np.int16)


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence the C libraries' own messages on file descriptor 2 (ALSA prints a dozen lines
    when there is no sound card) for the duration of the block."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class Sounds:
    def __init__(self) -> None:
        self.available = False
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.volume = 0.6
        self.muted = False
        try:
            if not pygame.mixer.get_init():
                with quiet_stderr():
                    pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=512)
            init = pygame.mixer.get_init()
        except pygame.error:
            return
        if init is None:
            return
        rate, _, channels = init
        for name, (partials, seconds, decay) in EFFECTS.items():
            mono = synthesise(partials, seconds, decay, rate)
            samples = np.repeat(mono[:, None], channels, axis=1) if channels > 1 else mono
            self._sounds[name] = pygame.sndarray.make_sound(np.ascontiguousarray(samples))
        self.available = True

    def configure(self, volume: float, muted: bool) -> None:
        self.volume, self.muted = volume, muted

    def play(self, name: str) -> None:
        sound = self._sounds.get(name)
        if sound is None or self.muted or self.volume <= 0:
            return
        sound.set_volume(self.volume)
        sound.play()
