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
