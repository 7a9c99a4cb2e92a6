"""The command line: ``backchannel SUBCOMMAND`` (or ``python main.py``, ``python -m game``), text or --json output."""
