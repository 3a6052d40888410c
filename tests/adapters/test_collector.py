"""After start-up the collector leaves start-up's objects alone and runs full
collections ten times less often."""

import gc

from adapters.collector import settle_after_start_up


def test_start_up_objects_are_frozen_and_full_collections_are_rarer():
    before = gc.get_threshold()
    try:
        settle_after_start_up()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (700, 10, 100)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
