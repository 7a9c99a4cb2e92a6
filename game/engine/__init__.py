"""The negotiation engine: pure, seeded and headless (rules, chance, tables, ratification, compliance)."""
