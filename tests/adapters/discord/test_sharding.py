"""IDENTIFY pacing: one IDENTIFY per 5 s in each of ``max_concurrency`` buckets."""

from __future__ import annotations

from adapters.discord.sharding import IdentifyPacer


def test_a_bot_with_max_concurrency_1_identifies_one_shard_every_5_seconds():
    pacer = IdentifyPacer()
    assert pacer.delay(0, 1, now=100.0) == 0.0  # nothing identified yet
    pacer.last[0] = 100.0
    assert pacer.delay(1, 1, now=101.0) == 4.0
    assert pacer.delay(1, 1, now=106.0) == 0.0


def test_shards_in_other_buckets_identify_at_once():
    pacer = IdentifyPacer()
    pacer.last[0] = 100.0
    assert pacer.delay(1, 2, now=100.0) == 0.0  # bucket 1
    assert pacer.delay(2, 2, now=100.0) == 5.0  # bucket 0 again
    assert pacer.delay(17, 16, now=102.5) == 0.0
    assert pacer.delay(16, 16, now=102.5) == 2.5
