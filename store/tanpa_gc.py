"""Bulk loads with Python's cyclic garbage collector paused.

Loading a database, a report year or Babel's locale data allocates hundreds of thousands of
small dicts, lists and records in one burst. With the collector on, every 700 allocations
start a collection, and the older generations (which hold everything Textual has built) are
walked again and again: at start-up that tripled the cost of loading Babel's locale data
(about 45 ms instead of 15). Nothing these loads build is cyclic garbage, so pausing the
collector for their duration loses nothing; it runs again as soon as they finish.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def tanpa_gc() -> Iterator[None]:
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()
