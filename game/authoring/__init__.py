"""Tools for scenario authors: a skeleton to start from, lint warnings, and GENIUS export."""
