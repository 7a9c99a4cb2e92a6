"""Bargaining analytics over additive outcome spaces (pure numpy)."""
