"""Experiments over many games: the seeds' claims, measured (a front-end layer, like cli)."""
