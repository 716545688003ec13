"""``python -m sitrep``: the same as the ``sitrep`` console script."""
import sys

from .cli import main

sys.exit(main())
