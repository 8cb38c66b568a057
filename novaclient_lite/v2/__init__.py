"""Compute API v2 (with microversions 2.1 - 2.104): the client and its managers."""
