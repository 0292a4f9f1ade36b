"""``python -m lkjip_tui``: the same as the ``lkjip`` command.

``-m`` puts the working folder first on ``sys.path``; a user's own ``store/`` or ``exports/``
folder there would then be imported instead of ours. Take it off before anything else is
imported, unless the working folder is where this package itself lives (a source checkout).
"""

import os
import sys

_akar = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_cwd = os.getcwd()
if os.path.normcase(_akar) != os.path.normcase(_cwd):
    sys.path[:] = [p for p in sys.path if os.path.normcase(os.path.abspath(p or ".")) != os.path.normcase(_cwd)]

from lkjip_tui.cli import main  # noqa: E402  (after the path fix, on purpose)

raise SystemExit(main())
