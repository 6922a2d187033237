"""Load test: many browser sessions against one running app (see ``python -m loadtest -h``)."""
