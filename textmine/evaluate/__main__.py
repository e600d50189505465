"""``python -m textmine.evaluate``: score the extraction on the evaluation texts (see :func:`main`)."""

import sys

from . import main

sys.exit(main())
