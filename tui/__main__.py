"""`python -m tui` runs the same program as `finalround`."""

import sys

from .cli import main

sys.exit(main())
