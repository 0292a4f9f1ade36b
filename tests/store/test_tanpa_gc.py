import gc

import pytest

from store.tanpa_gc import tanpa_gc


def test_collector_paused_inside_and_back_after_even_on_error():
    assert gc.isenabled()
    with tanpa_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), tanpa_gc():
        raise ValueError
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused():
    gc.disable()
    try:
        with tanpa_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_two_threads_overlapping_pauses():
    """The export's worker thread and the app's thread pause it at overlapping times: it
    stays off until the last one ends, then comes back on."""
    import threading

    masuk, keluar = threading.Event(), threading.Event()
    dilihat = []

    def pekerja():
        with tanpa_gc():
            masuk.set()
            keluar.wait(5)
        dilihat.append(gc.isenabled())

    with tanpa_gc():
        t = threading.Thread(target=pekerja)
        t.start()
        masuk.wait(5)
    assert not gc.isenabled()  # the worker's pause is still open: ending ours did not turn it on
    keluar.set()
    t.join(5)
    assert dilihat == [True] and gc.isenabled()
