"""``new NAME``: a scenario to start from, valid as written, every block explained in comments;
or, with ``--from``, a copy of an existing scenario under a new id (its comments kept).

Both start with ``# yaml-language-server: $schema=schema.json``, a path relative to the new file
that works on any machine: when the new file's folder has no ``schema.json``, a copy of the
game's schema is written there too, so the editor finds it wherever the file is moved with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from game.errors import GameError
from game.scenario.keypaths import ID_PATTERN
from game.scenario.loader import SCENARIO_DIR, load_scenario
from game.words import shorten

ID = re.compile(ID_PATTERN)          # the schema's ids: a new file's id must validate

SKELETON = """\
# yaml-language-server: $schema={schema}
#
# A new Backchannel scenario. It validates as written: change it block by block and run
#   backchannel validate {name}.yaml     (errors, with file:line:col)
#   backchannel lint {name}.yaml         (warnings: a valid file can still make a poor game)
#   backchannel analyze {name}.yaml      (the zone of agreement and the deals worth knowing)
#   backchannel play {name}.yaml --side us
# docs/scenario-format.md describes every key; docs/authoring.md is the tutorial.

schema_version: 2
id: {name}                        # lower-case letters, digits and _; used on the command line
title: "A new negotiation"
year: 2026
difficulty: introductory          # introductory | intermediate | advanced
summary: >
  One paragraph for the scenario picker: when and where the talks happen, who
  meets, and what is on the table.
sources:                          # cite what the numbers rest on: author, title, year
  - author: Your Name
    title: Notes for this scenario
    year: 2026

# ---------------------------------------------------------------- baskets
# Each basket is an issue on the table. Its options form a ladder from the
# weakest commitment to the strongest. detection: the chance that a violation
# is detected within a year; consultation: the chance that a caught violation
# by a freelancing agency is settled in the agreement's channel.
baskets:
  - id: hack_and_leak
    name: Hack-and-leak by state agencies
    description: Stealing private material and publishing it through fronts.
    attribution: 0.7              # the chance a detected violation is pinned on the state
    options:
      - {{id: none, label: No commitment, detection: 0.6}}
      - {{id: pledge, label: Specific pledge, detection: 0.6}}
      - {{id: pledge_consult, label: Pledge + consultations, detection: 0.7, consultation: 0.5}}
  - id: channels
    name: Channels between governments
    options:
      - {{id: none, label: No commitment, detection: 0.9}}
      - {{id: pledge, label: Restore the channels, detection: 0.9}}
      - {{id: pledge_consult, label: Channels + regular meetings, detection: 0.95, consultation: 0.5}}

# ---------------------------------------------------------------- forms
# The form decides who must approve the deal at home. entry: per principal, the
# chance of entry into force for a deal exactly at its domestic threshold, and
# how fast that chance moves with the deal's value.
forms:
  - id: executive_agreement
    label: Executive agreement
    credibility: 0.25
    entry:
      united_states: {{approval: 0.4, sensitivity: 6}}
      russia: {{approval: 0.9, sensitivity: 4}}
  - id: joint_statement
    label: Leaders' joint statement
    credibility: 0.2
    entry:
      united_states: {{approval: 0.5, sensitivity: 4}}
      russia: {{approval: 0.95, sensitivity: 2}}

# ---------------------------------------------------------------- parties
# A delegation and the government (principal) it speaks for. weights: how much each basket
# matters (they add up to 1); an option is worth status_quo + gain - cost to this side, between
# 0 = worst and 1 = best (schema_version 2); reservation: what no deal is worth.
parties:
  - id: us
    name: US delegation
    principal: united_states
    delegation: official          # official (Track 1) or unofficial (Track 1.5)
    weights: {{hack_and_leak: 0.7, channels: 0.3}}
    status_quo: {{channels: 0.2}}   # each basket's value with no commitment (default 0)
    gains:                        # the value of the other side's restraint, over none
      hack_and_leak: {{none: 0.0, pledge: 0.7, pledge_consult: 1.0}}
      channels: {{none: 0.0, pledge: 0.6, pledge_consult: 0.8}}
    costs:                        # the cost of its own restraint: what a breach wins back
      hack_and_leak: {{none: 0.0, pledge: 0.0, pledge_consult: 0.0}}
      channels: {{none: 0.0, pledge: 0.0, pledge_consult: 0.0}}
    form_weight: 0.1              # share of the deal's value that comes from its form
    form_values: {{executive_agreement: 1.0, joint_statement: 0.6}}
    reservation: 0.3
    red_lines: {{}}                 # e.g. {{channels: [pledge_consult]}}
    domestic_threshold: 0.6       # how good a deal must look at home
    compliance: {{freelancing_rate: 0.05}}   # yearly chance an agency acts on its own
  - id: ru
    name: Russian delegation
    principal: russia
    delegation: official
    weights: {{hack_and_leak: 0.3, channels: 0.7}}
    status_quo: {{hack_and_leak: 0.6}}
    gains:
      hack_and_leak: {{none: 0.0, pledge: 0.4, pledge_consult: 0.0}}
      channels: {{none: 0.0, pledge: 1.0, pledge_consult: 0.7}}
    costs:
      hack_and_leak: {{none: 0.0, pledge: 0.0, pledge_consult: 0.1}}
      channels: {{none: 0.0, pledge: 0.0, pledge_consult: 0.0}}
    form_weight: 0.1
    form_values: {{executive_agreement: 0.7, joint_statement: 1.0}}
    reservation: 0.3
    red_lines: {{}}
    domestic_threshold: 0.5
    compliance: {{freelancing_rate: 0.1}}

# ---------------------------------------------------------------- protocol
protocol:
  rounds: 8                       # the deadline, in rounds of offers
  discount: 0.97                  # each round, a deal is worth this much of the round before
  first_mover: us
  binding: true                   # official talks whose outcome binds the governments
  lanes: false                    # true: a basket can be settled and locked on its own

# ---------------------------------------------------------------- events
# Each round, each event fires with its probability and changes named parameters; once, at_round
# and when time it (docs/scenario-format.md, "Timing events").
events:
  - id: leak
    text: A leak embarrasses the negotiators.
    probability: 0.1
    once: true                    # at most once in a game
    effects:
      - {{parameter: us.reservation, add: 0.05}}

# ---------------------------------------------------------------- after a deal
compliance:
  years: 6                        # how long the pact is simulated
  response: suspend_basket        # suspend_basket | tit_for_tat | collapse
  trust: 1.0                      # the prior that the other government complies (docs/calibration.md)
"""


SCHEMA_LINE = re.compile(r"(?m)^#[ \t]*yaml-language-server:[ \t]*\$schema=\S*")


@dataclass(frozen=True)
class NewScenario:
    """What ``new`` wrote: the scenario, and the schema beside it when there was none."""

    path: Path
    schema: Path | None


def new_scenario(name: str, out: Path | None = None, source: Path | None = None) -> NewScenario:
    """Write a new scenario file (the skeleton, or a copy of ``source`` with id ``name``) and check
    that it validates; also ``schema.json`` beside it when that folder has none."""
    if not ID.match(name):
        raise GameError(f"NAME: expected a lower-case id (letters, digits and _, starting with a letter, at most "
                        f"48 characters), got {shorten(name)!r}")
    target = out or Path(f"{name}.yaml")
    if target.is_dir():
        raise GameError(f"-o {target}: is a folder; give the new file's path, such as -o {target / (name + '.yaml')}")
    if target.exists():
        raise GameError(f"{target}: already exists; choose another name or -o PATH")
    if source is None:
        # the comments' commands name the file written (regression trial: 'validate mytalks.yaml' for -o my.yaml)
        text = SKELETON.format(name=name, schema="schema.json").replace(f" {name}.yaml ", f" {target.name} ")
    else:
        original = load_scenario(source)
        text, count = re.subn(r"(?m)^id:[ \t]*\S+", f"id: {name}", Path(original.path).read_text(encoding="utf-8"),
                              count=1)
        if count != 1:
            raise GameError(f"{original.path}: no top-level 'id:' line to rename")
        text = SCHEMA_LINE.sub("# yaml-language-server: $schema=schema.json", text, count=1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    load_scenario(target)                        # it must validate as written
    schema = target.parent / "schema.json"
    shipped = SCENARIO_DIR / "schema.json"
    if schema.exists() or not shipped.is_file():
        return NewScenario(target, None)
    schema.write_bytes(shipped.read_bytes())
    return NewScenario(target, schema)
