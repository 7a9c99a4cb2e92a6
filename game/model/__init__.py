"""Pure values: the scenario model, the outcome space and additive utilities."""
