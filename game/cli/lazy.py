"""Option values of the command line whose checks import nothing heavy (building the parser stays fast)."""

from __future__ import annotations

from game.model.ai import AI_NAMES, DEFAULT_AI

__all__ = ["DEFAULT_AI", "MAX_SEED", "STRATEGY_NAMES", "seed_number"]


STRATEGY_NAMES: tuple[str, ...] = tuple(sorted(AI_NAMES))
"""The AI names, as argparse ``choices`` (the model's list: importing it loads nothing heavy)."""


MAX_SEED = 2**63 - 1


def seed_number(text: str) -> int:
    """An argparse ``type`` for seeds: a whole number from 0 to 2**63 - 1 (numpy's generators refuse
    negative seeds; a negative one used to end in an internal error)."""
    import argparse
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to {MAX_SEED}, got {value}")
    return value
