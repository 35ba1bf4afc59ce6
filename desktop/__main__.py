"""`python -m desktop` runs the `configurator-editor` command."""

import sys

from desktop.cli import main

sys.exit(main())
