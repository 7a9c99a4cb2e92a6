"""``lint: {accept: [{code, at, because}]}``: warnings a scenario keeps on purpose, with the reason.

Rule: a warning is accepted when an entry names its code and its place (``at``, the key path
lint prints after the code, with items named by id). Accepted warnings are listed apart and do
not count, so ``lint --strict`` can pass on a file whose remaining warnings are deliberate. An
entry that matches no warning is itself a warning (``accept-unused``, at the entry): the file
changed and the reason may no longer hold, or the entry is misspelt. An entry whose code is no code
lint gives (:data:`game.authoring.warnings.CODES`) is misspelt: the warning says so, with the code it
most likely meant, not that lint no longer gives it.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.authoring.warnings import CODES, Collector, Warning_
from game.scenario.schema import AcceptModel
from game.words import closest, suggest


def apply_accepts(c: Collector, accepts: Sequence[AcceptModel]) -> tuple[list[Warning_], list[Warning_]]:
    """(counted, accepted) warnings of ``c`` under the file's ``accepts``; unused entries are added as warnings."""
    keys = {(a.code, a.at) for a in accepts}
    counted = [w for w in c.found if (w.code, w.at) not in keys]
    accepted = [w for w in c.found if (w.code, w.at) in keys]
    used = {(w.code, w.at) for w in accepted}
    places = [f"{w.code} at {w.at}" for w in c.found]
    unused = Collector(c.scenario, c.locator)
    for k, entry in enumerate(accepts):
        if (entry.code, entry.at) in used:
            continue
        if entry.code not in CODES:
            unused.warn(("lint", "accept", k, "code"), "accept-unused",
                        f"unknown warning code {entry.code!r}{suggest(entry.code, sorted(CODES), listed=len(CODES))}",
                        at_key=False)
            continue
        close = closest(f"{entry.code} at {entry.at}", places)
        hint = f"; did you mean {close}?" if close else "; lint gives no such warning any more (remove the entry)"
        unused.warn(("lint", "accept", k), "accept-unused",
                    f"the accepted warning {entry.code} at {entry.at} is not given{hint}", at_key=False)
    return counted + unused.found, accepted
