"""``python -m doh``: the same as ``icp-doh``."""

import sys

from doh.cli import main

sys.exit(main())
