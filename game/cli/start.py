"""``backchannel`` (no arguments) in a terminal: pick a scenario and a side, then play."""

from __future__ import annotations

from game.cli import lineedit
from game.cli.wrap import echo
from game.session.catalogue import shipped_catalogue
from game.session.names import principal_name


def ask(prompt: str, count: int) -> int | None:
    """A number from 1 to ``count`` (None for q or end of input); asks again on anything else."""
    while True:
        try:
            answer = input(prompt).strip().lower()
        except EOFError:
            return None
        if answer in ("q", "quit"):
            return None
        if answer.isdigit() and 1 <= int(answer) <= count:
            return int(answer) - 1
        print(f"  Please type a number from 1 to {count}, or q to quit.")


def start() -> int:
    lineedit.enable(("q", "quit"))
    scenarios = shipped_catalogue().scenarios
    print("Backchannel: negotiate a US-Russian non-interference pact, then see what it is worth.\n")
    for i, s in enumerate(scenarios, start=1):
        print(f"  {i}. {s.year}  {s.title} [{s.difficulty}]")
    choice = ask("\nScenario (number, q to quit): ", len(scenarios))
    if choice is None:
        return 0
    scenario = scenarios[choice]
    echo(f"\n{scenario.title}\n{scenario.summary}\n")            # wrapped to the terminal
    for i, p in enumerate(scenario.parties, start=1):
        print(f"  {i}. {p.name} ({p.delegation.value}, for {principal_name(p.principal, article=True)})")
    side = ask("\nYour delegation (number, q to quit): ", len(scenario.parties))
    if side is None:
        return 0
    from game.session.names import persona_name
    from game.strategies.registry import DEFAULT, DESCRIPTIONS
    print("\nAcross the table:")
    for p in scenario.across(scenario.parties[side].id):     # the other government's, not one's own
        persona = p.strategy or DEFAULT
        echo(f"  {p.name}: {persona_name(persona)}: {DESCRIPTIONS[persona]}")       # wrapped, hanging
    from game.cli.app import build_parser       # the play command's own parser: every option it reads, defaulted
    args = build_parser().parse_args(["play", str(scenario.path), "--side", scenario.parties[side].id])
    return int(args.run(args))
