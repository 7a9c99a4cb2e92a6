"""The classroom server: students play in a browser, the instructor runs the class from a dashboard.

A front-end beside :mod:`game.cli` and :mod:`game.ui` (it imports neither). ``classroom serve DIR``
imports it only when it runs. Modules: :mod:`~game.web.store` (the class's state in SQLite),
:mod:`~game.web.codes` (seat codes and tokens), :mod:`~game.web.seatview` (what one seat may see),
:mod:`~game.web.tables` (the games, run off the event loop), :mod:`~game.web.protocol` (checking
client messages), :mod:`~game.web.app` (the ASGI app) and :mod:`~game.web.serve` (the command).
"""
