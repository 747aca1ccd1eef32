"""``python -m finsam`` runs the ``finsam`` command."""

import sys

from finsam.cli import main

sys.exit(main())
