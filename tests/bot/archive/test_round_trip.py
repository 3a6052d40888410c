"""Export → import → export loses nothing, through Markdown and through the JSON dump."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.archive.export import export_site
from bot.archive.importing import import_path
from bot.archive.json_dump import dump, dump_json
from bot.store.database import Store
from tests.bot.archive.sample import publish_more, publish_week_one


def site_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def without_feed_times(files: dict[str, bytes]) -> dict[str, bytes]:
    """Markdown carries an issue's date, not the minute it went out: after a Markdown
    import the feed says noon of that date. Everything else must be identical."""
    times = re.compile(rb"<(published|updated)>[^<]*</")
    return {**files, "feed.xml": times.sub(rb"<\1>TIME</", files["feed.xml"])}


async def published_archive(core, clock) -> None:
    await publish_week_one(core)
    await publish_more(
        core, clock, ["The bus fare cut passed.", "Parents won a crossing guard \\ *."]
    )


async def test_markdown_round_trip_reproduces_the_site(core, clock, config, tmp_path):
    await published_archive(core, clock)
    first = tmp_path / "first"
    core.store.call(export_site, community=1, config=config, out=first)
    copy = Store(tmp_path / "copy.db")
    try:
        report = copy.call(import_path, first / "issues", community=1, now=clock.now())
        assert report.problems == []
        assert [number for number, _ in report.imported] == [1, 2]
        second = tmp_path / "second"
        copy.call(export_site, community=1, config=config, out=second)
        assert without_feed_times(site_files(second)) == without_feed_times(site_files(first))
        # ... and the imported archive imports again, identically.
        again = Store(tmp_path / "again.db")
        try:
            again.call(import_path, second, community=1, now=clock.now())
            third = tmp_path / "third"
            again.call(export_site, community=1, config=config, out=third)
            assert site_files(third) == site_files(second)
            assert strip_ids(again.call(dump, community=1)) == strip_ids(
                copy.call(dump, community=1)
            )
        finally:
            again.close()
    finally:
        copy.close()


def strip_ids(data: dict) -> dict:
    for issue in data["issues"]:
        issue.pop("created_at")
        for victory in issue["victories"]:
            for key in ("id", "updated_at"):
                victory.pop(key)
    return data


async def test_json_dump_round_trip_is_exact(core, clock, config, tmp_path):
    await published_archive(core, clock)
    text = core.store.call(dump_json, community=1)
    (tmp_path / "dump.json").write_text(text, encoding="utf-8")
    copy = Store(tmp_path / "copy.db")
    try:
        report = copy.call(import_path, tmp_path / "dump.json", community=1, now=clock.now())
        assert report.problems == [] and [n for n, _ in report.imported] == [1, 2]
        assert copy.call(dump_json, community=1) == text
        data = json.loads(text)
        merged = [v for v in data["issues"][0]["victories"] if v["duplicate_of"]]
        assert len(merged) == 1 and merged[0]["platform"] == "console"  # every field kept
        core.store.call(export_site, community=1, config=config, out=tmp_path / "a")
        copy.call(export_site, community=1, config=config, out=tmp_path / "b")
        assert site_files(tmp_path / "a") == site_files(tmp_path / "b")
    finally:
        copy.close()


async def test_json_dump_into_a_busy_database_renumbers_ids_and_refuses_known_issues(
    core, clock, config, tmp_path
):
    await published_archive(core, clock)
    data = core.store.call(dump, community=1)
    data["issues"][0]["number"] = 101
    data["issues"][1]["number"] = 2  # already here
    (tmp_path / "dump.json").write_text(json.dumps(data), encoding="utf-8")
    report = core.store.call(import_path, tmp_path / "dump.json", community=1, now=clock.now())
    assert [n for n, _ in report.imported] == [101]
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'dump.json'}:issues[1]: not imported: issue 2 is already in the database "
        "(published); not imported again"
    ]
    rows = list(
        core.store.db.query(
            "SELECT id, duplicate_of FROM victories WHERE issue_number = 101 ORDER BY position, id"
        )
    )
    originals = {v["id"] for v in data["issues"][0]["victories"]}
    assert not originals & {row["id"] for row in rows}  # the old ids were taken: new ones
    duplicates = [row for row in rows if row["duplicate_of"]]
    assert len(duplicates) == 1 and duplicates[0]["duplicate_of"] in {row["id"] for row in rows}
