"""Experiments over many games: the seeds' claims, each with its ablation.

Layering: research sits beside classroom and authoring, above session and strategies
(it may import session, strategies, engine, analytics, scenario and model); the command
line (``research claims``) is the front-end that runs it.
"""
