"""Sessions shared by the front-ends: move logs on disk (save, load, resume, replay)."""
