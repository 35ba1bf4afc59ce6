"""`python -m desktop` runs the `configurator-editor` command."""

import sys

from desktop.process import run

sys.exit(run())
