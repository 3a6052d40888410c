"""Compose reads only what the issue can hold, and chooses exactly what reading the whole
backlog would: featured first, approval order, duplicates folded, the same overflow."""

from __future__ import annotations

import random

import pytest

from bot.issues.selection import _next_entries, _select
from bot.store import victories


def backlog(db, rng: random.Random, size: int) -> None:
    with db.atomic():
        for n in range(1, size + 1):
            approved = rng.random() < 0.8
            victories.insert(
                db,
                {
                    "text": f"Item {n}",
                    "credit": "name",
                    "platform": "console",
                    "user_id": f"u{n}",
                    "display_name": f"Member {n}",
                    "status": "approved" if approved else "pending",
                    "featured": int(rng.random() < 0.1),
                    "approved_seq": rng.randint(1, 10 * size) if approved else None,
                    "duplicate_of": rng.randint(1, n - 1) if n > 1 and rng.random() < 0.3 else None,
                    "norm_text": f"item {n}",
                    "created_at": "2026-11-25T00:00:00+00:00",
                    "updated_at": "2026-11-25T00:00:00+00:00",
                },
                community=1,
            )


def shape(entries, overflow):
    return [(e.position, e.victory.id, [v.id for v in e.also]) for e in entries], overflow


@pytest.mark.parametrize("seed", range(12))
def test_reading_a_page_chooses_what_reading_everything_would(store, seed):
    rng = random.Random(seed)
    size, max_items = rng.choice([(30, 12), (400, 12), (400, 3), (150, 60)])
    store.call(backlog, rng, size)
    everything = store.call(lambda db: _select(victories.ready(db, community=1), max_items))
    paged = store.call(_next_entries, community=1, max_items=max_items)
    assert shape(*paged) == shape(*everything)
