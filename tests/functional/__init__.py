"""Functional tests: run against the real nova started by tests/devcloud."""
