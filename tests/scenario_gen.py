"""Scenario files written from a few numbers, for tests of size limits and for the fuzz harness:
``sized_scenario(baskets, options)`` is a valid two-party scenario with that many baskets of that
many options, values drawn from a seeded generator on a grid of twentieths."""

from __future__ import annotations

import numpy as np


def sized_scenario(baskets: int, options: int, seed: int = 0, forms: int = 2, rounds: int = 6,
                   opposed: bool = False) -> str:
    """The YAML text of a valid scenario with ``baskets`` x ``options`` options and ``forms`` forms.
    With ``opposed``, option values are fine-grained and exactly opposed (b's is 1 - a's), so every
    package lies on the Pareto frontier."""
    rng = np.random.default_rng(seed)
    shared = rng.random((baskets, options)).round(6)
    ids = [f"b{i}" for i in range(baskets)]
    opts = [f"o{j}" for j in range(options)]
    form_ids = [f"f{k}" for k in range(forms)]
    lines = ["schema_version: 1", f"id: sized_{baskets}x{options}", "title: Sized test scenario", "year: 2020",
             "summary: A generated scenario.", "difficulty: introductory",
             "sources: [{author: Test, title: Generated, year: 2020}]", "baskets:"]
    for b in ids:
        lines.append(f"  - id: {b}\n    name: Basket {b}\n    options:")
        lines += [f"      - {{id: {o}, label: Option {o}, detection: 0.5}}" for o in opts]
    lines.append("forms:")
    for f in form_ids:
        lines.append(f"  - {{id: {f}, label: Form {f}, entry: {{east: {{approval: 0.8}}, west: {{approval: 0.8}}}}}}")
    lines.append("parties:")
    for pid, principal in (("a", "east"), ("b", "west")):
        weights = ", ".join(f"{b}: {1 / baskets:.6f}" for b in ids)
        def value(i: int, j: int, pid: str = pid) -> float:
            if opposed:
                return float(shared[i, j] if pid == "a" else round(1 - shared[i, j], 6))
            return int(rng.integers(0, 21)) / 20
        values = "\n".join(f"      {b}: {{" + ", ".join(f"{o}: {value(i, j)}" for j, o in enumerate(opts)) + "}"
                           for i, b in enumerate(ids))
        form_values = ", ".join(f"{f}: {int(rng.integers(0, 21)) / 20}" for f in form_ids)
        lines.append(f"  - id: {pid}\n    name: Delegation {pid}\n    principal: {principal}\n    delegation: official\n"
                     f"    weights: {{{weights}}}\n    values:\n{values}\n    form_values: {{{form_values}}}\n"
                     f"    reservation: 0.3")
    lines.append(f"protocol: {{rounds: {rounds}, first_mover: a}}")
    return "\n".join(lines) + "\n"
