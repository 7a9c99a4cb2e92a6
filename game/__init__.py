"""Backchannel: a negotiation simulation game about a US-Russian non-interference pact.

Layers, imported in one direction only (front-ends at the top, the model at the bottom)::

    game.cli, game.ui          front-ends (only game.ui may import pygame)
    game.strategies            the AI opponents
    game.engine                state, protocol, phases, events, compliance
    game.analytics             frontier, Nash, Kalai-Smorodinsky, welfare
    game.scenario              YAML / GENIUS XML -> validated model objects
    game.model                 plain values: scenario, outcome space, utilities
"""

__version__ = "0.1.0"
