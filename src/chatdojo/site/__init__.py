"""The closed-network edition: every module as static files for any plain web server."""
