"""AI negotiators; arrive with issue #3."""
