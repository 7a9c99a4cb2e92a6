"""Export a scenario's binding table as GENIUS XML: one domain file and one profile per party.

GENIUS profiles are additive, like Backchannel's utilities, so the export is exact up to each
party's scale. For party ``p`` and issue ``i`` (the baskets, then the agreement form) with
contributions ``T_i[v, p]`` (see :mod:`game.model.utility`), the profile gives

    weight_i = max_v T_i[v, p]        evaluation_i(v) = T_i[v, p] / weight_i

which the importer (:mod:`game.scenario.genius`) reads back as ``U_p / U_p^max``; the
reservation is exported as ``r_p / U_p^max``. Scaling one party's utility and reservation by
the same positive number changes neither the Pareto frontier nor the Nash deal, so
``analyze --genius`` finds the same frontier and Nash point. GENIUS has no red lines: options
on any party's red line are left out of the domain, which removes exactly the outcomes that
cross one.

The export refuses, with the reason, what GENIUS cannot express or would overwrite: a basket
whose every option is on some party's red line (an issue with no items: no deal is possible at
all), an OUTDIR that is a file, and XML files already in OUTDIR (unless ``force``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from game.errors import GameError
from game.model.scenario import Scenario
from game.model.utility import bargaining_problem


def _file(root: ET.Element, path: Path, force: bool) -> None:
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    try:
        with path.open("wb" if force else "xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise GameError(f"{path}: already exists; choose another OUTDIR or pass --force to write over it") from None


def export_genius(scenario: Scenario, out: Path, force: bool = False) -> list[Path]:
    """Write ``domain.xml`` and ``PARTY.xml`` for each party at the binding table into ``out``
    (GameError, before anything is written, for what the module docstring says it refuses)."""
    problem = bargaining_problem(scenario)
    kept = [np.flatnonzero(ok) for ok in problem.allowed]
    for i, options in enumerate(kept):
        if not len(options):
            who = [p.id for p in scenario.parties if problem.issues[i] in p.red_lines]
            raise GameError(f"{scenario.path}: basket {problem.issues[i]!r}: the red lines of {', '.join(who)} rule "
                            "out every option, so no deal is possible and GENIUS cannot express an issue without "
                            "items; remove a red line first")
    if out.exists() and not out.is_dir():
        raise GameError(f"{out}: is a file; expected a folder for the domain and profile files")
    targets = [out / "domain.xml"] + [out / f"{pid}.xml" for pid in problem.party_ids]
    taken = [str(t) for t in targets if t.exists()]
    if taken and not force:
        raise GameError(f"{taken[0]}: already exists; choose another OUTDIR or pass --force to write over it")
    out.mkdir(parents=True, exist_ok=True)
    names = [b.name for b in scenario.baskets] + ["Agreement form"]
    labels = [[o.label for o in b.options] for b in scenario.baskets] + [[f.label for f in scenario.forms]]
    domain = ET.Element("negotiation_template")
    space = ET.SubElement(domain, "utility_space", number_of_issues=str(len(names)))
    objective = ET.SubElement(space, "objective", index="0", name="root", type="objective", etype="objective")
    for i, (name, values) in enumerate(zip(names, problem.values)):
        issue = ET.SubElement(objective, "issue", index=str(i + 1), name=name, type="discrete", etype="discrete",
                              vtype="discrete")
        for n, k in enumerate(kept[i]):
            ET.SubElement(issue, "item", index=str(n + 1), value=values[k], description=labels[i][k])
    written = [out / "domain.xml"]
    _file(domain, written[0], force)
    for p, pid in enumerate(problem.party_ids):
        maxima = [float(t[k, p].max()) if len(k) else 0.0 for t, k in zip(problem.tables, kept)]
        scale = sum(maxima)
        profile = ET.Element("utility_space")
        objective = ET.SubElement(profile, "objective", index="0", name="root", type="objective", etype="objective")
        for i, (name, values) in enumerate(zip(names, problem.values)):
            issue = ET.SubElement(objective, "issue", index=str(i + 1), name=name, type="discrete",
                                  etype="discrete", vtype="discrete")
            for n, k in enumerate(kept[i]):
                evaluation = problem.tables[i][k, p] / maxima[i] if maxima[i] > 0 else 0.0
                ET.SubElement(issue, "item", index=str(n + 1), value=values[k], evaluation=repr(float(evaluation)))
        for i, weight in enumerate(maxima):
            ET.SubElement(objective, "weight", index=str(i + 1), value=repr(weight / scale if scale > 0 else 0.0))
        ET.SubElement(profile, "reservation", value=repr(float(problem.reservation[p]) / scale if scale > 0 else 0.0))
        path = out / f"{pid}.xml"
        _file(profile, path, force)
        written.append(path)
    return written
