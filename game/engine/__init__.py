"""The negotiation engine (pure, seeded, headless); arrives with issue #3."""
