"""``python -m novaclient_lite`` runs the ``nova`` command line."""

import sys

from novaclient_lite.shell import console_main

sys.exit(console_main())
