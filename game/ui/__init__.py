"""The pygame window: scenes over the same engine and session as the terminal."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
