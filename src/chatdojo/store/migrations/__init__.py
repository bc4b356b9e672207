"""Alembic migrations of the ChatDojo store (run programmatically; no alembic.ini)."""
