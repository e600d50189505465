"""``python -m textmine``: see :mod:`textmine.cli`."""

import sys

from .cli import main

sys.exit(main())
