"""The window's theme and fonts, installed as the package data of ``game.assets`` (see pyproject.toml).

Only a marker: it makes this folder a regular package, which setuptools' editable installs can map
(they cannot map a folder without one). Nothing imports it by name; the game finds the files with
``importlib.resources.files("game.assets")`` (:mod:`game.paths`).
"""
