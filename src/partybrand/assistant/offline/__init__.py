"""The offline engine: deterministic drafts from the lexicons, with no network."""
