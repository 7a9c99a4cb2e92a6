"""Scenario files (YAML, GENIUS XML) -> validated :mod:`game.model` objects."""
