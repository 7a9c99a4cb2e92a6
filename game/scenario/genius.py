"""Read GENIUS negotiation domains (XML, discrete issues) as a bargaining problem.

A GENIUS domain file lists issues and their items; each profile file gives,
per issue, an evaluation for every item, and a weight per issue. The utility
of an outcome is::

    u(o) = sum_i w_i * e_i(o_i) / max_v e_i(v)

with the weights rescaled to sum to 1 (equal weights when a profile gives
none). The reservation value is 0 when absent, and read as written (GENIUS
gives it on the rescaled 0-1 scale already); the discount factor is ignored, and said to be
(:func:`discount_note`): the analysis is of undiscounted values. An item's ``description`` (what
``export --genius`` writes the option's label into) is kept as its label for display.
What reading rescaled, profile by profile, is reported (:class:`Rescaling`,
:func:`rescaling_note`), so that no front-end shows rescaled values silently.
Quirks of real files handled here: a weight on the objective node (ignored),
a missing reservation, stray whitespace in names and values, and items or
issues listed out of index order (sorted by their ``index``). Party ids are
the profile file names without extension.

Files are read as untrusted input (:func:`game.safeio.read_bounded`: regular files of at most
:data:`MAX_XML_BYTES`, no DTD or entities), and each must be of its kind: a profile's root is
``<utility_space>``, so a domain file (``<negotiation_template>``) given as a profile is refused,
and a domain's issues list items without evaluations, so a profile given as the domain is too.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

import numpy as np

from game.errors import GameError, Problem, ScenarioError
from game.model.problem import BargainingProblem
from game.safeio import Unreadable, read_bounded

MAX_XML_BYTES = 4 * 1024 * 1024
TOLERANCE = 1e-9      # closer to 1 than this, a largest evaluation or a weights' sum counts as 1 (unchanged)


@dataclass(frozen=True, slots=True)
class Rescaling:
    """What reading one profile rescaled: its evaluations' range in the file (over every issue) and after
    dividing each issue's by the issue's largest; how many of its ``issues`` had a largest evaluation
    other than 1 (``rescaled_issues``; an issue whose evaluations are all 0 is left alone); and the sum
    of its issue weights in the file (None: it gives none, so each issue weighs 1/n), which the reading
    divides them by."""

    party: str
    evaluations: tuple[float, float]
    rescaled: tuple[float, float]
    rescaled_issues: int
    issues: int
    weights_sum: float | None
    discount: float | None = None      # the profile's discount_factor as written (None: it gives none); ignored

    @property
    def weights_changed(self) -> bool:
        """The weights did not sum to 1, or were not given."""
        return self.weights_sum is None or abs(self.weights_sum - 1.0) > TOLERANCE

    def as_json(self) -> dict[str, object]:
        """The rescaling as JSON data (``analyze --genius --json``)."""
        return {"party": self.party, "evaluations": list(self.evaluations), "rescaled": list(self.rescaled),
                "rescaled_issues": self.rescaled_issues, "issues": self.issues, "weights_sum": self.weights_sum,
                "discount_factor_ignored": self.discount}


@dataclass(frozen=True, slots=True)
class GeniusDomain:
    """A GENIUS domain read as a bargaining problem, with what reading each profile rescaled."""

    problem: BargainingProblem
    rescalings: tuple[Rescaling, ...]
    labels: dict[str, str] | None = None    # "ISSUE/VALUE" -> an item's description, where it has one


def discount_note(rescalings: tuple[Rescaling, ...]) -> str | None:
    """One line saying which profiles give a discount factor other than 1, which reading ignores (the analysis
    values an outcome undiscounted, as if agreed at once); None where none does."""
    given = [f"{r.party} {_short(r.discount)}" for r in rescalings if r.discount is not None and r.discount != 1.0]
    if not given:
        return None
    return ("Discount factors ignored: every value below is undiscounted, as if agreed at once (GENIUS would "
            f"discount by time): {', '.join(given)}")


def _short(x: float, unlike: float | None = None) -> str:
    """``x`` to 4 significant digits, or as many more (up to 12) as it takes not to read as ``unlike``."""
    text = f"{x:.4g}"
    for digits in range(5, 13):
        if unlike is None or float(text) != unlike:
            break
        text = f"{x:.{digits}g}"
    return text


def rescaling_note(rescalings: tuple[Rescaling, ...]) -> str:
    """One line saying what reading the profiles rescaled, from what range to what: each profile's
    evaluations' range in the file (over every issue) and their range once each issue's largest is made 1
    (two ranges side by side, not one rescaling: each issue has its own divisor), and its
    weights from their sum to 1; or that every profile was read as written (as a domain from
    ``export --genius`` is, whose values the export divided by each side's best package's)."""
    parts = []
    for r in rescalings:
        changes = []
        if r.rescaled_issues:
            # two ranges over every issue, not one map: each issue is divided by its own largest, so the
            # new low is not the old low over the old high (research trial 2: '26-508 -> 0.08228-1' read as 26/508)
            changes.append(f"evaluations {_short(r.evaluations[0])}-{_short(r.evaluations[1])} in the file, "
                           f"{_short(r.rescaled[0])}-{_short(r.rescaled[1])} once each issue's are divided by its own "
                           f"largest ({r.rescaled_issues} of {r.issues} issues)")
        if r.weights_sum is None:
            changes.append("no weights given -> each issue 1/n")
        elif r.weights_changed:
            changes.append(f"weights summing to {_short(r.weights_sum, unlike=1.0)} -> 1")
        if changes:
            parts.append(f"{r.party}: {', '.join(changes)}")
    if not parts:
        return ("Values as written in the files, nothing rescaled: each issue's best item is worth 1 and the "
                "weights sum to 1 (a domain from 'export --genius' holds each side's values divided by the value "
                "of its best package)")
    return ("Values rescaled on reading, each issue's evaluations divided by their largest and the weights by "
            f"their sum, as GENIUS does (reservation values as written): {'; '.join(parts)}")


@dataclass(frozen=True)
class _Doc:
    root: ET.Element
    where: dict[int, tuple[int, int]]
    shown: str

    def problem(self, element: ET.Element | None, message: str) -> ScenarioError:
        line, col = self.where.get(id(element), (1, 1)) if element is not None else (1, 1)
        return ScenarioError([Problem(self.shown, line, col, message)])


def _parse(path: Path) -> _Doc:
    shown = str(path)
    try:
        raw = read_bounded(path, MAX_XML_BYTES)
    except Unreadable as exc:
        raise ScenarioError([Problem(shown, 0, 0, f"{exc}; expected a GENIUS XML file")]) from None
    refused = "XML entity or DOCTYPE declarations are not allowed"
    if b"<!ENTITY" in raw or b"<!DOCTYPE" in raw:        # the cheap check, for UTF-8 and ASCII files
        raise ScenarioError([Problem(shown, 1, 1, refused)])
    builder = ET.TreeBuilder()
    where: dict[int, tuple[int, int]] = {}
    parser = expat.ParserCreate()

    def declared(*_: object) -> None:                    # the sure one, in any encoding (UTF-16 got past the bytes)
        raise ScenarioError([Problem(shown, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1, refused)])

    parser.StartDoctypeDeclHandler = declared
    parser.EntityDeclHandler = declared

    def start(tag: str, attrs: dict[str, str]) -> None:
        where[id(builder.start(tag, attrs))] = (parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    try:
        parser.Parse(raw, True)
        root = builder.close()
    except expat.ExpatError as exc:
        raise ScenarioError([Problem(shown, exc.lineno, exc.offset + 1,
                                     f"not well-formed XML: {expat.ErrorString(exc.code)}")]) from None
    except AssertionError:  # TreeBuilder.close() on an empty document
        raise ScenarioError([Problem(shown, 1, 1, "not well-formed XML: no root element")]) from None
    return _Doc(root, where, shown)


def _quoted(text: object) -> str:
    """``text`` quoted for a message, cut short: a name in a hostile file can be megabytes long."""
    quoted = repr(text)
    return quoted if len(quoted) <= 60 else quoted[:56] + "...'"


def _index(doc: _Doc, element: ET.Element) -> int:
    raw = (element.get("index") or "").strip()
    try:
        return int(raw)
    except ValueError:
        raise doc.problem(element, f"<{element.tag}>: expected an integer 'index' attribute, got {_quoted(raw)}") from None


def _number(doc: _Doc, element: ET.Element, attr: str, default: float | None = None) -> float:
    raw = element.get(attr)
    if raw is None:
        if default is None:
            raise doc.problem(element, f"<{element.tag}>: missing attribute {attr!r}")
        return default
    try:
        value = float(raw.strip())
    except ValueError:
        raise doc.problem(element, f"<{element.tag}> {attr}: expected a number, got {_quoted(raw)}") from None
    if not np.isfinite(value):
        raise doc.problem(element, f"<{element.tag}> {attr}: expected a finite number, got {_quoted(raw)}")
    return value


def _issues(doc: _Doc) -> list[ET.Element]:
    issues = sorted(doc.root.iter("issue"), key=lambda e: _index(doc, e))
    if not issues:
        raise doc.problem(doc.root, "no <issue> elements found; expected a GENIUS domain with discrete issues")
    return issues


def load_genius(domain: str | Path, profiles: list[str | Path]) -> BargainingProblem:
    """The bargaining problem of a GENIUS domain and its profiles (:func:`read_genius`'s)."""
    return read_genius(domain, profiles).problem


def read_genius(domain: str | Path, profiles: list[str | Path]) -> GeniusDomain:
    """The bargaining problem of a GENIUS domain and its profiles (in order), with what reading each
    profile rescaled; each party is named by its profile's file name, so two profiles may not share one."""
    ddoc = _parse(Path(domain))
    if ddoc.root.tag == "utility_space" and any(it.get("evaluation") is not None for it in ddoc.root.iter("item")):
        raise ddoc.problem(ddoc.root, "this is a profile (its items have evaluations), not a domain; expected the "
                                      "domain file first, then one profile per party")
    names = [Path(p).stem for p in profiles]
    twice = next((n for n in names if names.count(n) > 1), None)
    if twice is not None:
        raise GameError(f"{profiles[names.index(twice)]}: the party {twice!r} is given twice (a party is named by its "
                        "profile's file name); expected one profile per party")
    domain_issues = _issues(ddoc)
    issue_names: list[str] = []
    values: list[tuple[str, ...]] = []
    labels: dict[str, str] = {}
    for issue in domain_issues:
        items = sorted(issue.iter("item"), key=lambda e: _index(ddoc, e))
        if not items:
            raise ddoc.problem(issue, f"issue {_quoted(issue.get('name'))} has no items; only discrete issues are supported")
        issue_names.append((issue.get("name") or f"issue{_index(ddoc, issue)}").strip())
        values.append(tuple((it.get("value") or "").strip() for it in items))
        labels.update({f"{issue_names[-1]}/{value}": text for it, value in zip(items, values[-1])
                       if (text := (it.get("description") or "").strip()) and text != value})
    if len(profiles) < 2:
        raise ScenarioError([Problem(str(domain), 1, 1, "expected at least two profile files")])
    columns: list[list[np.ndarray]] = [[] for _ in issue_names]  # per issue, one column per party
    reservations: list[float] = []
    rescalings: list[Rescaling] = []
    for profile in map(Path, profiles):
        parts, reservation, rescaling = _profile(ddoc, domain_issues, issue_names, values, profile)
        for i, part in enumerate(parts):
            columns[i].append(part)
        reservations.append(reservation)
        rescalings.append(rescaling)
    problem = BargainingProblem(
        party_ids=tuple(Path(p).stem for p in profiles), issues=tuple(issue_names), values=tuple(values),
        tables=tuple(np.stack(col, axis=1) for col in columns),
        allowed=tuple(np.ones(len(v), dtype=bool) for v in values), reservation=np.array(reservations),
    )
    return GeniusDomain(problem, tuple(rescalings), labels)


def _discount(pdoc: _Doc) -> float | None:
    """The profile's ``<discount_factor value=...>`` as written, or None when it gives none."""
    element = next(iter(pdoc.root.iter("discount_factor")), None)
    return None if element is None else _number(pdoc, element, "value", 1.0)


def _profile(ddoc: _Doc, domain_issues: list[ET.Element], issue_names: list[str],
             values: list[tuple[str, ...]], path: Path) -> tuple[list[np.ndarray], float, Rescaling]:
    """One profile: per issue, ``w_i * e_i(v) / max_v e_i(v)`` for each value; its reservation; and what
    was rescaled."""
    pdoc = _parse(path)
    if pdoc.root.tag != "utility_space":
        what = "a domain" if pdoc.root.tag == "negotiation_template" else f"a <{pdoc.root.tag}> document"
        raise pdoc.problem(pdoc.root, f"this is {what}, not a profile; expected a <utility_space> profile with "
                                      "evaluations and weights for each party")
    by_name = {(e.get("name") or "").strip(): e for e in pdoc.root.iter("issue")}
    by_index = {_index(pdoc, e): e for e in pdoc.root.iter("issue")}
    raw_weights = {_index(pdoc, w): _number(pdoc, w, "value") for w in pdoc.root.iter("weight")}
    evaluations: list[np.ndarray] = []
    raw: list[np.ndarray] = []
    found_weights: list[float] = []
    for i, name in enumerate(issue_names):
        element = by_name.get(name)  # an Element with no children is falsy: never test its truth value
        if element is None:
            element = by_index.get(_index(ddoc, domain_issues[i]))
        if element is None:
            raise pdoc.problem(pdoc.root, f"issue {_quoted(name)} of the domain has no evaluation in this profile")
        evals = {(it.get("value") or "").strip(): _number(pdoc, it, "evaluation", 0.0) for it in element.iter("item")}
        unknown = [v for v in evals if v not in values[i]]
        if unknown:
            raise pdoc.problem(element, f"issue {_quoted(name)}: value {_quoted(unknown[0])} is not in the domain")
        e = np.array([evals.get(v, 0.0) for v in values[i]])
        if np.any(e < 0):
            raise pdoc.problem(element, f"issue {_quoted(name)}: expected evaluations >= 0, got {e.min()}")
        raw.append(e)
        evaluations.append(e / e.max() if e.max() > 0 else e)
        found_weights.append(raw_weights.get(_index(pdoc, element), np.nan))
    weights = np.array(found_weights, dtype=np.float64)
    given = not np.all(np.isnan(weights))
    weights = np.nan_to_num(weights, nan=0.0) if given else np.ones(len(issue_names))
    if np.any(weights < 0) or weights.sum() <= 0:
        raise pdoc.problem(pdoc.root, "issue weights must be >= 0 with a positive sum")
    rescaling = Rescaling(path.stem, (float(min(e.min() for e in raw)), float(max(e.max() for e in raw))),
                          (float(min(e.min() for e in evaluations)), float(max(e.max() for e in evaluations))),
                          sum(bool(e.max() > 0 and abs(e.max() - 1.0) > TOLERANCE) for e in raw), len(raw),
                          float(weights.sum()) if given else None, _discount(pdoc))
    weights = weights / weights.sum()
    reservation = next(iter(pdoc.root.iter("reservation")), None)
    value = _number(pdoc, reservation, "value", 0.0) if reservation is not None else 0.0
    return [e * w for e, w in zip(evaluations, weights)], value, rescaling
