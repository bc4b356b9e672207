"""Content: Markdown + YAML files parsed with markdown-it-py into checked models."""
