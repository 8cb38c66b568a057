"""An example novaclient_lite plugin: one manager and two commands."""
