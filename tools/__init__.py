"""Maintenance scripts of the repository (not shipped): ``python3 -m tools.<name>``."""
