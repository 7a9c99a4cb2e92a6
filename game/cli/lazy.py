"""Option values the command line checks only when they are used, so that building the parser
imports nothing heavy."""

from __future__ import annotations

from collections.abc import Iterator


class _StrategyNames:
    """The AI names, as argparse ``choices``: the registry (and numpy with it) is imported only when
    a value is checked or the choices are shown. Give the option a ``metavar`` (argparse lists the
    choices to build one otherwise) and name them in its help with ``%(choices)s``."""

    def _names(self) -> list[str]:
        """The registry's names, sorted (importing it the first time)."""
        from game.strategies.registry import STRATEGIES
        return sorted(STRATEGIES)

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())


STRATEGY_NAMES = _StrategyNames()


class _DefaultAI:
    """The default AI's name for a help text (``%(default_ai)s``), looked up only when shown."""

    def __str__(self) -> str:
        from game.strategies.registry import DEFAULT
        return DEFAULT


DEFAULT_AI = _DefaultAI()


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
