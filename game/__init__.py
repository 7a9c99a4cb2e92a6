"""Backchannel: a negotiation simulation game about a US-Russian non-interference pact.

Layers, imported in one direction only (front-ends at the top, the model at the bottom)::

    game.cli, game.ui          front-ends (only game.ui may import pygame)
    game.strategies            the AI opponents
    game.engine                state, protocol, phases, events, compliance
    game.analytics             frontier, Nash, Kalai-Smorodinsky, welfare
    game.scenario              YAML / GENIUS XML -> validated model objects
    game.model                 plain values: scenario, outcome space, utilities

(game.session, game.classroom, game.authoring and game.research sit between the AI and the
front-ends; game.errors, game.about and game.paths may be used by every layer.)
"""


def __getattr__(name: str) -> str:
    """``game.__version__``: read from the installed metadata when asked (pyproject.toml holds it once)."""
    if name == "__version__":
        from game.about import version
        return version()
    raise AttributeError(f"module 'game' has no attribute {name!r}")
