"""After a publish the site is refreshed a few files at a time, and ends up exactly as a
full export would write it."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from adapters.archive_setup import attach_archive
from bot.archive.export import export_site
from bot.archive.importing import import_path
from bot.core import Core
from tests.bot.archive.sample import publish_more, publish_week_one
from tests.bot.archive.test_years import DATES, back_catalogue
from tests.conftest import make_config
from tests.fakes.surface import RecordingSurface


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def hooked_core(store, clock, out: Path) -> Core:
    config = make_config(
        intake={"cooldown": "0s"},
        issue={"min_items": 1},
        archive={"out": str(out), "base_url": "https://town.example/news"},
    )
    core = Core(store=store, config=config, clock=clock)
    core.attach(RecordingSurface())
    attach_archive(core)
    return core


async def test_refreshed_site_is_what_a_full_export_writes(store, clock, tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="victories.archive")
    out = tmp_path / "public"
    core = hooked_core(store, clock, out)
    await publish_week_one(core)
    for week in range(3):
        await publish_more(core, clock, [f"Week {week}: the bus fare cut passed.", "A park."])
    full = tmp_path / "full"
    store.call(export_site, community=1, config=core.config, out=full)
    assert files_of(out) == files_of(full)
    assert "issues/4/index.html" in files_of(out)
    assert not caplog.records  # each render ran in a forked process, none in the fallback


async def test_a_publish_rewrites_only_what_the_new_issue_changes(store, clock, tmp_path):
    out = tmp_path / "public"
    core = hooked_core(store, clock, out)
    await publish_week_one(core)
    await publish_more(core, clock, ["The bus fare cut passed."])
    await publish_more(core, clock, ["Parents won a crossing guard."])
    # Pages of older issues are not rendered again: a missing one stays missing.
    (out / "issues/1/index.html").unlink()
    (out / "issues/1.md").unlink()
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    await publish_more(core, clock, ["The library stays open late."])
    assert not (out / "issues/1/index.html").exists()
    assert not (out / "issues/1.md").exists()
    assert changed_since(out, stamps) == {
        "feed.xml",
        "index.html",
        "issues/3/index.html",  # its "newer" link now points to issue 4
        "issues/4/index.html",
        "issues/4.md",
        "years/2026/index.html",  # the new issue's year
    }
    assert (
        'href="../../issues/4/index.html" rel="next"' in (out / "issues/3/index.html").read_text()
    )


async def test_a_site_never_exported_is_written_whole(store, clock, tmp_path):
    out = tmp_path / "public"
    plain = Core(store=store, config=make_config(intake={"cooldown": "0s"}), clock=clock)
    plain.attach(RecordingSurface())
    await publish_week_one(plain)
    core = hooked_core(store, clock, out)
    await publish_more(core, clock, ["The bus fare cut passed."])
    full = tmp_path / "full"
    store.call(export_site, community=1, config=core.config, out=full)
    assert files_of(out) == files_of(full)


def changed_since(out: Path, stamps: dict[Path, int]) -> set[str]:
    return {
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and stamps.get(p) != p.stat().st_mtime_ns
    }


async def test_a_publish_leaves_earlier_years_and_issues_alone(store, clock, tmp_path):
    # 15 issues of 2024, 2025 and none (more than the front page shows), exported; then
    # issue 16 goes out in 2026.
    store.call(import_path, back_catalogue(tmp_path, DATES), community=1, now=clock.now())
    out = tmp_path / "public"
    core = hooked_core(store, clock, out)
    store.call(export_site, community=1, config=core.config, out=out)
    # An older page is not rendered again, not even on the first publish of a new year.
    (out / "issues/2/index.html").unlink()
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    await publish_more(core, clock, ["The library stays open late."])
    assert not (out / "issues/2/index.html").exists()
    assert changed_since(out, stamps) == {
        "feed.xml",
        "index.html",  # issue 16 in, issue 4 out, 2026 in the list of years
        "issues/15/index.html",
        "issues/16/index.html",
        "issues/16.md",
        "years/2026/index.html",
    }
    assert 'href="years/2026/index.html"' in (out / "index.html").read_text()
    full = tmp_path / "full"
    store.call(export_site, community=1, config=core.config, out=full)
    expected = files_of(full)
    del expected["issues/2/index.html"]  # removed above, and rightly not written again
    assert files_of(out) == expected


async def test_a_site_without_year_pages_is_written_whole(store, clock, tmp_path):
    """A site exported before year pages existed: its issue pages lack the year link."""
    out = tmp_path / "public"
    core = hooked_core(store, clock, out)
    await publish_week_one(core)
    await publish_more(core, clock, ["The bus fare cut passed."])
    shutil.rmtree(out / "years")
    (out / "issues/1/index.html").write_text("an older page\n")
    await publish_more(core, clock, ["Parents won a crossing guard."])
    full = tmp_path / "full"
    store.call(export_site, community=1, config=core.config, out=full)
    assert files_of(out) == files_of(full)
