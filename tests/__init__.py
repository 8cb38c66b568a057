"""Tests for novaclient_lite (unit, functional) and their dev harness."""
