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
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.errors import Problem, ScenarioError
from game.model.problem import BargainingProblem

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
        if path.is_dir():
            raise ScenarioError([Problem(shown, 1, 1, "is a directory; expected a GENIUS XML file")])
        size = path.stat().st_size
        if size > MAX_XML_BYTES:
            raise ScenarioError([Problem(shown, 1, 1, f"file too large: {size:,} bytes; expected at most {MAX_XML_BYTES:,}")])
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError([Problem(shown, 1, 1, f"cannot read the file: {exc.strerror or exc}")]) from None
    if b"<!ENTITY" in raw or b"<!DOCTYPE" in raw:
        raise ScenarioError([Problem(shown, 1, 1, "XML entity or DOCTYPE declarations are not allowed")])
    builder = ET.TreeBuilder()
    where: dict[int, tuple[int, int]] = {}
    parser = expat.ParserCreate()

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


def _index(doc: _Doc, element: ET.Element) -> int:
    raw = (element.get("index") or "").strip()
    try:
        return int(raw)
    except ValueError:
        raise doc.problem(element, f"<{element.tag}>: expected an integer 'index' attribute, got {raw!r}") from None


def _number(doc: _Doc, element: ET.Element, attr: str, default: float | None = None) -> float:
    raw = element.get(attr)
    if raw is None:
        if default is None:
            raise doc.problem(element, f"<{element.tag}>: missing attribute {attr!r}")
        return default
    try:
        value = float(raw.strip())
    except ValueError:
        raise doc.problem(element, f"<{element.tag}> {attr}: expected a number, got {raw!r}") from None
    if not np.isfinite(value):
        raise doc.problem(element, f"<{element.tag}> {attr}: expected a finite number, got {raw!r}")
    return value


def _issues(doc: _Doc) -> list[ET.Element]:
    issues = sorted(doc.root.iter("issue"), key=lambda e: _index(doc, e))
    if not issues:
        raise doc.problem(doc.root, "no <issue> elements found; expected a GENIUS domain with discrete issues")
    return issues


def load_genius(domain: str | Path, profiles: list[str | Path]) -> BargainingProblem:
    """The bargaining problem of a GENIUS domain and its profiles (in order)."""
    ddoc = _parse(Path(domain))
    issue_names: list[str] = []
    values: list[tuple[str, ...]] = []
    for issue in _issues(ddoc):
        items = sorted(issue.iter("item"), key=lambda e: _index(ddoc, e))
        if not items:
            raise ddoc.problem(issue, f"issue {issue.get('name')!r} has no items; only discrete issues are supported")
        issue_names.append((issue.get("name") or f"issue{_index(ddoc, issue)}").strip())
        values.append(tuple((it.get("value") or "").strip() for it in items))
    columns = [[] for _ in issue_names]  # per issue, per party: normalised evaluations
    party_ids, weights, reservations = [], [], []
    for profile in map(Path, profiles):
        pdoc = _parse(profile)
        party_ids.append(profile.stem)
        pissues = {(e.get("name") or "").strip(): e for e in pdoc.root.iter("issue")}
        by_index = {_index(pdoc, e): e for e in pdoc.root.iter("issue")}
        raw_weights = {_index(pdoc, w): _number(pdoc, w, "value") for w in pdoc.root.iter("weight")}
        domain_issues = _issues(ddoc)
        w = []
        for i, name in enumerate(issue_names):
            element = pissues.get(name) or by_index.get(_index(ddoc, domain_issues[i]))
            if element is None:
                raise pdoc.problem(pdoc.root, f"issue {name!r} of the domain has no evaluation in this profile")
            evals = {(it.get("value") or "").strip(): _number(pdoc, it, "evaluation", 0.0) for it in element.iter("item")}
            unknown = [v for v in evals if v not in values[i]]
            if unknown:
                raise pdoc.problem(element, f"issue {name!r}: value {unknown[0]!r} is not in the domain")
            e = np.array([evals.get(v, 0.0) for v in values[i]])
            if np.any(e < 0):
                raise pdoc.problem(element, f"issue {name!r}: expected evaluations >= 0, got {e.min()}")
            columns[i].append(e / e.max() if e.max() > 0 else e)
            w.append(raw_weights.get(_index(pdoc, element), raw_weights.get(_index(ddoc, domain_issues[i]), np.nan)))
        w = np.array(w, dtype=np.float64)
        if np.all(np.isnan(w)):
            w = np.ones(len(issue_names))
        w = np.nan_to_num(w, nan=0.0)
        if np.any(w < 0) or w.sum() <= 0:
            raise pdoc.problem(pdoc.root, "issue weights must be >= 0 with a positive sum")
        weights.append(w / w.sum())
        reservation = next(iter(pdoc.root.iter("reservation")), None)
        reservations.append(_number(pdoc, reservation, "value", 0.0) if reservation is not None else 0.0)
    if len(party_ids) < 2:
        raise ScenarioError([Problem(str(domain), 1, 1, "expected at least two profile files")])
    tables = tuple(np.stack([col * weights[p][i] for p, col in enumerate(columns[i])], axis=1)
                   for i in range(len(issue_names)))
    return BargainingProblem(
        party_ids=tuple(party_ids), issues=tuple(issue_names), values=tuple(values), tables=tables,
        allowed=tuple(np.ones(len(v), dtype=bool) for v in values), reservation=np.array(reservations),
    )
