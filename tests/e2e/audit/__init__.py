"""The page audit helpers (see checks.py)."""
