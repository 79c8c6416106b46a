"""`python -m exshell`: the same as the `exshell` command."""

import sys

from exshell.cli import main

sys.exit(main())
