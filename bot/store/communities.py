"""Queries on communities and their places (a Slack workspace, a Discord server)."""

from __future__ import annotations

import json

from bot.store.sqlite import Database


def create(db: Database, *, slug: str, now: str, settings: dict | None = None) -> int:
    cursor = db.execute(
        "INSERT INTO communities (slug, settings, created_at) VALUES (?, ?, ?)",
        [slug, json.dumps(settings or {}, ensure_ascii=False), now],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def get(db: Database, community: int) -> dict | None:
    rows = list(db.query("SELECT * FROM communities WHERE id = ?", [community]))
    return _decoded(rows[0]) if rows else None


def by_slug(db: Database, slug: str) -> dict | None:
    rows = list(db.query("SELECT * FROM communities WHERE slug = ?", [slug]))
    return _decoded(rows[0]) if rows else None


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM communities").fetchone()[0])


def every(db: Database) -> list[dict]:
    return [_decoded(row) for row in db.query("SELECT * FROM communities ORDER BY id")]


def _decoded(row: dict) -> dict:
    return {**row, "settings": json.loads(row["settings"] or "{}")}


def put_settings(db: Database, *, community: int, settings: dict) -> None:
    db.execute(
        "UPDATE communities SET settings = ? WHERE id = ?",
        [json.dumps(settings, ensure_ascii=False), community],
    )


def set_paused(db: Database, *, community: int, paused: bool) -> None:
    db.execute("UPDATE communities SET paused = ? WHERE id = ?", [int(paused), community])


def set_installer(db: Database, *, community: int, user_id: str | None) -> None:
    db.execute("UPDATE communities SET installer = ? WHERE id = ?", [user_id, community])


def by_place(db: Database, *, platform: str, place: str) -> int | None:
    rows = list(
        db.query(
            "SELECT community_id FROM places WHERE platform = ? AND place = ?", [platform, place]
        )
    )
    return rows[0]["community_id"] if rows else None


def places(db: Database, *, community: int) -> list[tuple[str, str]]:
    return [
        (row["platform"], row["place"])
        for row in db.query(
            "SELECT platform, place FROM places WHERE community_id = ? ORDER BY platform",
            [community],
        )
    ]


def place_record(db: Database, *, platform: str, place: str) -> dict | None:
    rows = list(
        db.query("SELECT * FROM places WHERE platform = ? AND place = ?", [platform, place])
    )
    return rows[0] if rows else None


def attach(
    db: Database, *, community: int, platform: str, place: str, previous: int | None = None
) -> None:
    db.execute(
        "INSERT OR REPLACE INTO places (platform, place, community_id, previous_community_id) "
        "VALUES (?, ?, ?, ?)",
        [platform, place, community, previous],
    )


def add_code(
    db: Database, *, code_hash: str, community: int, platform: str, expires_at: str
) -> None:
    db.execute(
        "INSERT INTO link_codes (code_hash, community_id, platform, expires_at) "
        "VALUES (?, ?, ?, ?)",
        [code_hash, community, platform, expires_at],
    )


def take_code(db: Database, *, code_hash: str, now: str) -> tuple[int, str] | None:
    """The code's community and platform, once: a code is deleted when used or expired."""
    db.execute("DELETE FROM link_codes WHERE expires_at <= ?", [now])
    rows = list(db.query("SELECT * FROM link_codes WHERE code_hash = ?", [code_hash]))
    if not rows:
        return None
    db.execute("DELETE FROM link_codes WHERE code_hash = ?", [code_hash])
    return rows[0]["community_id"], rows[0]["platform"]
