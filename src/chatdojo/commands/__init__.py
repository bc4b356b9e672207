"""Sub-commands of ``chatdojo``; each module has ``register(subparsers)``."""
