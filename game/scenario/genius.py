"""Read GENIUS negotiation domains (XML, discrete issues) as a bargaining problem.

A GENIUS domain file lists issues and their items; each profile file gives,
per issue, an evaluation for every item, and a weight per issue. The utility
of an outcome is::

    u(o) = sum_i w_i * e_i(o_i) / max_v e_i(v)

with the weights rescaled to sum to 1 (equal weights when a profile gives
none). The reservation value is 0 when absent; the discount factor is
ignored. Quirks of real files handled here: a weight on the objective node
(ignored), a missing reservation, stray whitespace in names and values, and
items or issues listed out of index order (sorted by their ``index``).
Party ids are the profile file names without extension.

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
        raise ScenarioError([Problem(shown, 1, 1, f"{exc}; expected a GENIUS XML file")]) from None
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
    """The bargaining problem of a GENIUS domain and its profiles (in order); each party is named by its
    profile's file name, so two profiles may not share one."""
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
    for issue in domain_issues:
        items = sorted(issue.iter("item"), key=lambda e: _index(ddoc, e))
        if not items:
            raise ddoc.problem(issue, f"issue {_quoted(issue.get('name'))} has no items; only discrete issues are supported")
        issue_names.append((issue.get("name") or f"issue{_index(ddoc, issue)}").strip())
        values.append(tuple((it.get("value") or "").strip() for it in items))
    if len(profiles) < 2:
        raise ScenarioError([Problem(str(domain), 1, 1, "expected at least two profile files")])
    columns: list[list[np.ndarray]] = [[] for _ in issue_names]  # per issue, one column per party
    reservations: list[float] = []
    for profile in map(Path, profiles):
        parts, reservation = _profile(ddoc, domain_issues, issue_names, values, profile)
        for i, part in enumerate(parts):
            columns[i].append(part)
        reservations.append(reservation)
    return BargainingProblem(
        party_ids=tuple(Path(p).stem for p in profiles), issues=tuple(issue_names), values=tuple(values),
        tables=tuple(np.stack(col, axis=1) for col in columns),
        allowed=tuple(np.ones(len(v), dtype=bool) for v in values), reservation=np.array(reservations),
    )


def _profile(ddoc: _Doc, domain_issues: list[ET.Element], issue_names: list[str],
             values: list[tuple[str, ...]], path: Path) -> tuple[list[np.ndarray], float]:
    """One profile: per issue, ``w_i * e_i(v) / max_v e_i(v)`` for each value; and its reservation."""
    pdoc = _parse(path)
    if pdoc.root.tag != "utility_space":
        what = "a domain" if pdoc.root.tag == "negotiation_template" else f"a <{pdoc.root.tag}> document"
        raise pdoc.problem(pdoc.root, f"this is {what}, not a profile; expected a <utility_space> profile with "
                                      "evaluations and weights for each party")
    by_name = {(e.get("name") or "").strip(): e for e in pdoc.root.iter("issue")}
    by_index = {_index(pdoc, e): e for e in pdoc.root.iter("issue")}
    raw_weights = {_index(pdoc, w): _number(pdoc, w, "value") for w in pdoc.root.iter("weight")}
    evaluations: list[np.ndarray] = []
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
        evaluations.append(e / e.max() if e.max() > 0 else e)
        found_weights.append(raw_weights.get(_index(pdoc, element), np.nan))
    weights = np.array(found_weights, dtype=np.float64)
    weights = np.ones(len(issue_names)) if np.all(np.isnan(weights)) else np.nan_to_num(weights, nan=0.0)
    if np.any(weights < 0) or weights.sum() <= 0:
        raise pdoc.problem(pdoc.root, "issue weights must be >= 0 with a positive sum")
    weights = weights / weights.sum()
    reservation = next(iter(pdoc.root.iter("reservation")), None)
    value = _number(pdoc, reservation, "value", 0.0) if reservation is not None else 0.0
    return [e * w for e, w in zip(evaluations, weights)], value
