"""Quiz engine: question types, attempts, scoring and review (no widgets here)."""
