"""Bulk loads with Python's cyclic garbage collector paused.

Loading a database, a report year or Babel's locale data allocates hundreds of thousands of
small dicts, lists and records in one burst. With the collector on, every 700 allocations
start a collection, and the older generations (which hold everything Textual has built) are
walked again and again: at start-up that tripled the cost of loading Babel's locale data
(about 45 ms instead of 15). Nothing these loads build is cyclic garbage, so pausing the
collector for their duration loses nothing; it runs again as soon as they finish.

The collector is one switch for the whole process, and the export runs on a worker thread
while the app's thread may load a year: the pauses are counted under a lock, and the
collector runs again only when the last one ends (and only if it was on before the first).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_kunci = threading.Lock()
_jeda = 0  # pauses now open, in any thread
_semula = True  # whether the collector was on when the first of them began


@contextmanager
def tanpa_gc() -> Iterator[None]:
    global _jeda, _semula
    with _kunci:
        if _jeda == 0:
            _semula = gc.isenabled()
            gc.disable()
        _jeda += 1
    try:
        yield
    finally:
        with _kunci:
            _jeda -= 1
            if _jeda == 0 and _semula:
                gc.enable()
