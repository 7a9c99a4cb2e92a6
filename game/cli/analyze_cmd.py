"""``analyze SCENARIO | --genius DOMAIN P1 P2 [--json]``: the bargaining analysis."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import GameError
from game.words import closest, count

if TYPE_CHECKING:
    import numpy as np

    from game.analytics.analysis import Analysis
    from game.analytics.bargaining import Point
    from game.model.problem import BargainingProblem
    from game.model.scenario import Effect, Event, Phase, Scenario
    from game.scenario.genius import Rescaling


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "analyze", help="frontier, Nash and Kalai-Smorodinsky deals and zone of agreement of a scenario",
        description="Analyse a scenario (or a GENIUS domain): outcome space, reservation values, zone of "
                    "agreement, Pareto frontier and the Nash, Kalai-Smorodinsky and maximum-welfare deals.")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario .yaml file, or a shipped scenario's id")
    p.add_argument("--genius", nargs="+", metavar=("DOMAIN", "PROFILE"),
                   help="analyse a GENIUS XML domain with its profiles (two or more, one per party) instead of a "
                        "scenario, as 'export --genius' writes them")
    p.add_argument("--phase", metavar="ID", help="the phase whose table is analysed (default: the last one)")
    p.add_argument("--method", choices=("auto", "enumerate", "factored"), default="auto",
                   help="enumerate every outcome, or build the frontier basket by basket (default: auto)")
    p.add_argument("--deal", metavar="ISSUE=VALUE,...",
                   help="also judge one deal, e.g. 'hack_and_leak=pledge,form=treaty' (issues not named "
                        "stay at their first value): its value to each side and distance to the frontier")
    p.add_argument("--expected", action="store_true",
                   help="analyse the values the game bargains on, expected before the votes (chance of entry into "
                        "force, trust, verification, revocation: docs/model.md rule 7), instead of values on paper")
    p.add_argument("--scope", metavar="RUNG",
                   help="after a definitions phase: analyse the table as this rung of its scope leaves it (baskets "
                        "out of scope fixed at their first option, the rung's disputes; docs/model.md D2-D3); "
                        "default: the scope's default rung, which applies when no definition is agreed")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    p.set_defaults(run=run, parser=p)


def run(args: argparse.Namespace) -> int:
    from game.analytics.analysis import analyze
    from game.analytics.report import analysis_dict, deal_dict
    from game.cli.analyze_scope import check_scoped_deal, scope_dict, scope_line, scoped_table, table_shape
    from game.model.utility import bargaining_problem
    from game.scenario.genius import read_genius
    from game.scenario.loader import load_scenario
    if (args.scenario is None) == (args.genius is None):
        args.parser.error("give either SCENARIO or --genius DOMAIN PROFILE1 PROFILE2")
    for name in args.genius or ():
        where = Path(name)
        if where.is_dir():
            raise GameError(f"--genius {name}: is a folder; expected its files: the domain, then one profile "
                            f"per party, e.g. {where / 'domain.xml'} {where / 'us.xml'} {where / 'ru.xml'}")
    if args.genius and len(args.genius) < 3:
        args.parser.error("--genius: expected a domain file and at least two profile files")
    if args.genius and args.expected:
        raise GameError("--expected: a GENIUS domain has no entry into force or compliance; give a SCENARIO")
    if args.genius and args.phase is not None:
        raise GameError("--phase: a GENIUS domain has one table; give --phase only with a SCENARIO")
    if args.genius and args.scope is not None:
        raise GameError("--scope: a GENIUS domain has no definitions phase; give --scope only with a SCENARIO")
    scoped = None                                     # the table as a definitions phase's rung leaves it
    scenario = None
    rescaled = None                                   # a GENIUS domain: what reading it rescaled
    labels: dict[str, str] = {}                       # a GENIUS domain: its items' descriptions
    if args.genius:
        domain = read_genius(args.genius[0], list(args.genius[1:]))
        problem, rescaled, labels = domain.problem, domain.rescalings, domain.labels or {}
    else:
        scenario = load_scenario(args.scenario)
        try:
            if args.phase is not None and not scenario.phases:
                raise KeyError(args.phase)
            parties = scenario.table_parties(args.phase)
        except KeyError:
            if not scenario.phases:
                raise GameError(f"{args.scenario}: has a single table and no phases; leave out --phase") from None
            known = ", ".join(p.id for p in scenario.phases)
            raise GameError(f"{args.scenario}: no phase {args.phase!r}; expected one of: {known}") from None
        chosen = next((ph for ph in scenario.phases if ph.id == args.phase), None)
        scoped = scoped_table(scenario, args.phase, args.scope)
        if scoped is not None:                        # D2-D3: the table the game plays, never every basket open
            scenario = scoped.scenario
            parties = tuple(scenario.party(p.id) for p in parties)
        if args.expected:
            refuse_non_binding(scenario, chosen or (scenario.phases[-1] if scenario.phases else None))
        if chosen is not None and chosen.scope is not None:   # a definitions phase: its one-issue scope ladder
            from game.engine.scope import scope_scenario
            scenario = scope_scenario(scenario, chosen)
            parties = tuple(scenario.party(pid) for pid in chosen.parties)
        problem = bargaining_problem(scenario, parties)
    digits = parse_deal(problem, args.deal) if args.deal else None
    if scoped is not None and digits is not None:
        check_scoped_deal(scoped, digits)
    if args.expected and scenario is not None and len(parties) != 2:
        raise GameError("--expected: values a table of two delegations; this one seats "
                        f"{len(parties)}")
    zone = None
    entry: tuple[float | None, float | None] | None = None   # --expected: the highest chance of entry (any, zone)
    deal_values = None                                # --expected: the deal's V, as the frontier values it
    try:
        if args.expected:
            from game.engine.expected_analysis import analyze_expected
            assert scenario is not None                   # refused above for a GENIUS domain
            expected = analyze_expected(scenario, (parties[0], parties[1]))
            result, zone = expected.analysis, expected.zone
            entry = (expected.best_entry, expected.best_entry_in_zone)
            if digits is not None:
                deal_values = expected.value_of(digits)
        else:
            result = analyze(problem, args.method)
    except GameError as exc:                          # too many outcomes, or a frontier too large
        raise GameError(f"{args.scenario or args.genius[0]}: {exc}") from None
    shape = table_shape(problem, scoped)              # a basket the rung left out counts its one option (D2)
    if args.json:
        data = analysis_dict(result, math.prod(shape))
        data["values"] = "expected" if args.expected else "paper"
        data["scope"] = scope_dict(scoped)
        if scenario is not None:            # the file before the talks: no event applied (events_line)
            data["scheduled_events"] = [{"id": e.id, "at_round": e.at_round,
                                         "effects": [{"parameter": x.parameter, x.op: x.amount} for x in e.effects]}
                                        for e in scheduled(scenario, args.phase)]
        if zone is not None:
            data["zone_packages"] = zone
        if entry is not None:
            data["max_entry"] = {"any": None if entry[0] is None else round(entry[0], 10),
                                 "zone": None if entry[1] is None else round(entry[1], 10)}
        if rescaled is not None:
            from game.scenario.genius import discount_note, rescaling_note
            data["rescaling"] = {"note": rescaling_note(rescaled), "discount_note": discount_note(rescaled),
                                 "profiles": [r.as_json() for r in rescaled]}
            if labels:
                data["labels"] = labels
        if digits is not None:
            data["deal"] = deal_dict(result, digits, deal_values)
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(summary(result, scenario, args.phase, zone, _genius_note(rescaled), labels, entry,
                      None if scoped is None else scope_line(scoped), shape))
        if digits is not None:
            print("\n" + deal_summary(deal_dict(result, digits, deal_values), problem.party_ids,
                                      "expected" if args.expected else "paper"))
    return 0


def refuse_non_binding(scenario: Scenario, phase: Phase | None) -> None:
    """Refuse ``--expected`` at a non-binding table (``phase``, or the scenario's one table when None):
    nothing agreed there enters into force, so its delegations value outcomes on paper (docs/model.md
    rule 14), and the analysis on paper is already the one of the values that table bargains on."""
    protocol = scenario.protocol if phase is None else phase.protocol
    if protocol.binding:
        return
    table = f"phase {phase.id!r}" if phase is not None else scenario.id
    raise GameError(f"--expected: {table} is non-binding talks: nothing agreed there enters into force, so every "
                    "delegation at it values an outcome on paper (docs/model.md rule 14) and it has no expected "
                    "value to analyse; leave out --expected (its values on paper are the ones it bargains on)")


def parse_deal(problem: BargainingProblem, text: str) -> np.ndarray:
    """``issue=value,...`` -> value indices; issues not named take their first value; an issue named
    twice is refused (which value was meant?)."""
    import numpy as np
    digits = np.zeros(len(problem.issues), dtype=np.int64)
    named: set[str] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        issue, sep, value = (x.strip() for x in part.partition("="))
        if not sep or issue not in problem.issues:
            hint = closest(issue, problem.issues)
            raise GameError(f"--deal: {part!r}: expected ISSUE=VALUE with an issue among: "
                            f"{', '.join(problem.issues)}" + (f" (did you mean {hint!r}?)" if hint else ""))
        if issue in named:
            raise GameError(f"--deal: {issue!r} is named twice; expected one value per issue")
        named.add(issue)
        i = problem.issues.index(issue)
        if value not in problem.values[i]:
            raise GameError(f"--deal: {issue}={value}: expected one of: {', '.join(problem.values[i])}")
        digits[i] = problem.values[i].index(value)
    return digits


def deal_summary(deal: dict, party_ids: tuple[str, ...], values: str = "paper") -> str:
    """The ``--deal`` verdict in words; ``values``: ``"paper"`` or ``"expected"``, the valuation of the
    deal and of the frontier it is measured against (always the same one)."""
    worth = ", ".join(f"{pid} {u:.3f}" for pid, u in zip(party_ids, deal["utilities"]))
    where = "at expected value" if values == "expected" else "on paper"
    lines = [f"Your deal ({worth}, {where}):"]
    if deal["red_lines_crossed"]:
        lines.append(f"  It crosses a red line on: {', '.join(deal['red_lines_crossed'])}.")
    if deal["below_reservation"]:
        lines.append(f"  It is worth less than no deal to: {', '.join(deal['below_reservation'])}.")
    if deal["distance_to_frontier"] is not None:
        lines.append(f"  Distance to the Pareto frontier: {deal['distance_to_frontier']:.3f} "
                     f"({'on the frontier' if deal['distance_to_frontier'] == 0 else 'both sides could do better'}).")
    return "\n".join(lines)


def _genius_note(rescaled: tuple[Rescaling, ...] | None) -> str | None:
    """What reading a GENIUS domain's profiles did: rescaled (always said) and ignored (a discount factor)."""
    if rescaled is None:
        return None
    from game.scenario.genius import discount_note, rescaling_note
    return "\n".join(n for n in (rescaling_note(rescaled), discount_note(rescaled)) if n)


def summary(analysis: Analysis, scenario: Scenario | None, phase: str | None = None, zone: int | None = None,
            note: str | None = None, labels: dict[str, str] | None = None,
            entry: tuple[float | None, float | None] | None = None, table: str | None = None,
            shape: tuple[int, ...] | None = None) -> str:
    """A readable summary: space, reservations, ZOPA, frontier and the deals basket by basket; ``zone``: the
    number of packages beating no deal for both at expected value (an analysis of ``--expected``); ``note``:
    one line on the scale of the values, after the outcome space (a GENIUS domain: what reading rescaled);
    ``labels``: a GENIUS domain's item descriptions by ``ISSUE/VALUE``, printed instead of the values;
    ``entry``: the highest chance of entry into force of any package crossing no red line, and of any in the
    zone (None without one), for ``--expected``; ``table``: the line saying which table is analysed after a
    definitions phase (:func:`game.cli.analyze_scope.scope_line`), after the title; ``shape``: the options per
    issue of the table analysed (:func:`game.cli.analyze_scope.table_shape`: a basket a rung left out counts its
    one option), the problem's own by default: the outcome space, and the packages the zone is counted among,
    are its product."""
    problem, sol = analysis.problem, analysis.solutions
    shape = problem.shape if shape is None else shape
    size = math.prod(shape)
    names = _names(scenario) | (labels or {})
    width = max([len(names.get(k, k)) for k in (*problem.party_ids, *problem.issues)] + [20]) + 2
    lines = []
    if scenario is not None:
        where = f", phase {phase or scenario.phases[-1].id}" if scenario.phases else ""
        lines.append(f"{scenario.title} ({scenario.id}, {scenario.year}{where})")
    if table is not None:
        lines.append(table)
    sizes = " x ".join(str(k) for k in shape)
    how = {"enumerate": "enumeration", "expected": "valuing every package at expected value"}.get(
        analysis.method, "building the frontier issue by issue")
    lines.append(f"Outcome space: {count(size, 'outcome')} ({sizes}), analysed by {how}")
    if analysis.method == "expected":
        lines.append("Every value below is expected before the votes (docs/model.md rule 7): the chance of entry into "
                     "force, trust, verification and revocation counted")
        lines.append(f"Packages that beat no deal for both at expected value: {zone or 0:,} of {size:,}")
        if entry is not None and entry[0] is None:
            lines.append("Highest chance of entry into force: none, every package crosses a red line")
        elif entry is not None:
            inside = "no zone" if entry[1] is None else f"{entry[1]:.3f} within the zone of agreement"
            lines.append(f"Highest chance of entry into force (both capitals' votes): {entry[0]:.3f} of any package "
                         f"crossing no red line, {inside}")
    elif scenario is not None and not _binding(scenario, phase):
        lines.append("Every value below is on paper, the values this non-binding table bargains on: nothing agreed "
                     "here enters into force (docs/model.md rule 14), so it has no expected value")
    elif scenario is not None:
        lines.append("Every value below is on paper: what a deal says, before the votes at home, trust, verification "
                     "and revocation (the game and 'simulate' value deals at what they are expected to be worth)")
    if note is not None:
        lines.append(note)
    if scenario is not None and scenario.events:
        lines.append(events_line(scenario, phase))
    lines.append("Reservation values (what no deal is worth):")
    for pid, r in zip(problem.party_ids, problem.reservation):
        lines.append(f"  {names.get(pid, pid):<{width}} {r:.3f}")
    if sol.zopa:
        lines.append("Zone of agreement: yes, some deals beat every reservation value and cross no red line")
    else:
        lines.append("Zone of agreement: none; no deal beats every reservation value without crossing a red line")
    lines.append(f"Pareto frontier (acceptable deals): {count(len(sol.frontier_digits), 'outcome')}")
    shown: dict[bytes, str] = {}
    for title, point in (("Nash bargaining deal", sol.nash), ("Kalai-Smorodinsky deal", sol.kalai_smorodinsky),
                         ("Maximum-welfare deal", sol.max_welfare)):
        lines.append("")
        lines.extend(_deal(analysis, title, point, names, shown, width))
    return "\n".join(lines)


def scheduled(scenario: Scenario, phase: str | None) -> list[Event]:
    """The events of the talks certain to fire at a known round of the table analysed (probability 1 and
    ``at_round``, in that phase: a known date such as an election window)."""
    where = phase or (scenario.phases[-1].id if scenario.phases else None)
    return [e for e in scenario.events if e.probability >= 1 and e.at_round is not None
            and (not e.phases or where in e.phases)]


def _effect_words(effect: Effect) -> str:
    sign = {"add": "+" if effect.amount >= 0 else "", "multiply": "×", "set": "= "}[effect.op]
    return f"{effect.parameter} {sign}{effect.amount:g}"


def events_line(scenario: Scenario, phase: str | None) -> str:
    """The analysis is of the file as it stands before the talks: no event is applied (newcomer trial: the 2017
    and ICT 2020 election windows, certain and early, halve Washington's chance of going ahead, and the analysis
    gave figures a player never meets). Names the scheduled ones (:func:`scheduled`) with their effects."""
    certain = scheduled(scenario, phase)
    line = (f"Events of the talks are not applied: this is the table before any of the file's "
            f"{count(len(scenario.events), 'event')}")
    if certain:
        line += "; certain to fire: " + "; ".join(
            f"{e.id} at round {e.at_round} ({', '.join(_effect_words(x) for x in e.effects)})" for e in certain)
    return line


def _binding(scenario: Scenario, phase: str | None) -> bool:
    """Whether the table analysed (phase ``phase``, default the last; the scenario's one table without phases)
    is binding talks."""
    if not scenario.phases:
        return scenario.protocol.binding
    return next((ph for ph in scenario.phases if ph.id == phase), scenario.phases[-1]).protocol.binding


def _deal(analysis: Analysis, title: str, point: Point | None, names: dict[str, str],
          shown: dict[bytes, str], width: int) -> list[str]:
    problem = analysis.problem
    if point is None:
        return [f"{title}: none (no acceptable outcome)"]
    worth = ", ".join(f"{pid} {u:.3f}" for pid, u in zip(problem.party_ids, point.utilities))
    key = point.digits.tobytes()
    if key in shown:
        return [f"{title} ({worth}): the same as the {shown[key]}"]
    shown[key] = title
    out = [f"{title} ({worth}):"]
    for issue, value in problem.describe(point.digits).items():
        out.append(f"  {names.get(issue, issue):<{width}} {names.get(f'{issue}/{value}', value)}")
    return out


def _names(scenario: Scenario | None) -> dict[str, str]:
    """Display names for party ids, basket ids and ``basket/option`` pairs."""
    from game.model.utility import FORM_ISSUE
    if scenario is None:
        return {}
    names = {p.id: f"{p.name} [{p.id}]" for p in scenario.parties}
    for basket in scenario.baskets:
        names[basket.id] = basket.name
        names.update({f"{basket.id}/{o.id}": o.label for o in basket.options})
    names[FORM_ISSUE] = "Agreement form"
    names.update({f"{FORM_ISSUE}/{f.id}": f.label for f in scenario.forms})
    return names
