"""The checks of a party's ``red_lines`` that a schema cannot express.

Rules, each refused at its place in the file:

* a red line's key names a basket of the scenario, and each option it lists an option of that basket;
* an option is listed once in a basket's red lines (the brief would name it twice, as an id given twice
  names two things);
* a party's red lines leave at least one option of each basket open: when they rule out every option,
  the first ("no commitment") included, no package is within them, so no deal could ever be agreed and
  the party's AI would have nothing to offer. (Red lines that leave open options worth less than no deal
  are a poor game, not an invalid file: ``lint`` warns, ``red-lines-leave-nothing``.)
"""

from __future__ import annotations

from collections.abc import Iterator

from game.scenario.findings import Finding, repeated
from game.scenario.messages import format_path
from game.scenario.schema import PartyModel
from game.scenario.yamlsafe import PathKey
from game.words import suggest

__all__ = ["check_red_lines"]


def check_red_lines(party: PartyModel, base: PathKey, options: dict[str, list[str]]) -> Iterator[Finding]:
    """The problems of the red lines of ``party`` (at ``base``), given each basket's option ids."""
    for key, opts in party.red_lines.items():
        where = base + ("red_lines", key)
        if key not in options:
            yield where, True, f"{format_path(where)}: unknown basket {key!r}{suggest(key, options)}"
            continue
        unknown = [j for j, opt in enumerate(opts) if opt not in options[key]]
        for j in unknown:
            yield where + (j,), False, (f"{format_path(where + (j,))}: red line names unknown option {opts[j]!r} of "
                                        f"basket {key!r}{suggest(opts[j], options[key])}")
        yield from repeated(opts, where, "red line", None)
        if not unknown and set(options[key]) <= set(opts):
            yield where, True, (f"{format_path(where)}: the red lines of {party.id!r} rule out every option of "
                                f"{key!r} ({', '.join(options[key])}), the first, {options[key][0]!r}, included: no "
                                f"deal could ever be agreed; expected at least one option left open (a red line "
                                f"usually rules out the commitments a side cannot accept, not the weakest)")
