"""ChatDojo: training toolkit for business chat, groupware and cloud-system rules."""

__version__ = "0.1.0"
