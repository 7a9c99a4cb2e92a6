"""The command line: ``python main.py SUBCOMMAND`` (text or --json output)."""
