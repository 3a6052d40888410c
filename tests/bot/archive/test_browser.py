"""The exported site in a real browser (headless Chromium): it renders, and looks right.

Set UPDATE_ARCHIVE_SCREENSHOT=1 to refresh docs/archive-screenshot.png from this test.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import html5lib
import pytest

from adapters.archive_setup import attach_archive
from bot.core import Core
from tests.bot.archive.sample import WEEK_ONE, publish_more, publish_week_one
from tests.bot.archive.test_export import NS, text_of
from tests.conftest import make_config
from tests.fakes.surface import RecordingSurface

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DOCS = Path(__file__).resolve().parents[3] / "docs" / "archive-screenshot.png"


def chromium() -> Path:
    """Chromium, installed from Debian when missing. Failing to install fails the test."""
    if not CHROMIUM.exists():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(
            "apt-get update && apt-get install -y chromium",
            shell=True,
            check=True,
            stdin=subprocess.DEVNULL,
            env=env,
            timeout=1500,
        )
    assert CHROMIUM.exists(), "chromium is not installed and could not be installed"
    return CHROMIUM


def browse(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    done = subprocess.run(
        [str(chromium()), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.timeout(1800)
async def test_issue_page_renders_in_chromium(store, clock, tmp_path):
    out = tmp_path / "site"
    config = make_config(
        community={
            "name": "Riverside Small Victories",
            "signature": "Diana and Sam, your editors",
            "archive_url": "https://riverside.example.org/victories/",
            "signup_url": "https://riverside.example.org/join",
        },
        intake={"cooldown": "0s"},
        issue={"min_items": 1},
        archive={"out": str(out), "base_url": "https://riverside.example.org/victories/"},
    )
    core = Core(store=store, config=config, clock=clock)
    core.attach(RecordingSurface())
    attach_archive(core)
    await publish_more(core, clock, ["Parents won a crossing guard at 5th and Main."])
    await publish_week_one(core)
    page = (out / "issues/2/index.html").as_uri()

    dom = html5lib.parse(browse(tmp_path, "--dump-dom", page))
    assert text_of(dom.find(".//h:h1", NS)) == "Riverside Small Victories — Issue 2"
    items = [
        text_of(li) for li in dom.findall(".//h:section[@class='part part-victories']//h:li", NS)
    ]
    assert len(items) == len(WEEK_ONE)
    for shown, (text, *_) in zip(items, WEEK_ONE, strict=True):
        assert shown.startswith(text)
    assert items[1].endswith("(Thanks, Marcus Lee and Kim Tran!)")
    crumbs = dom.find(".//h:nav[@class='crumbs']", NS)
    year_link = [a.get("href") for a in crumbs.iterfind(".//h:a", NS)][1]
    assert year_link == "../../years/2026/index.html"

    # The year page the breadcrumb leads to, as the browser builds it from its link.
    year_page = (out / "issues/2" / year_link).resolve()
    year = html5lib.parse(browse(tmp_path, "--dump-dom", year_page.as_uri()))
    assert text_of(year.find(".//h:h1", NS)) == "Issues of 2026"
    cards = year.findall(".//h:ol[@class='issues']/h:li//h:h2/h:a", NS)
    assert [text_of(a) for a in cards] == [
        "Riverside Small Victories — Issue 2",
        "Riverside Small Victories — Issue 1",
    ]
    assert (year_page.parent / cards[0].get("href")).resolve() == (out / "issues/2/index.html")

    shot = tmp_path / "issue.png"
    browse(tmp_path, f"--screenshot={shot}", "--window-size=1200,1400", "--hide-scrollbars", page)
    assert png_size(shot) == (1200, 1400)
    assert shot.stat().st_size > 40_000  # a blank page compresses to almost nothing
    if os.environ.get("UPDATE_ARCHIVE_SCREENSHOT"):
        DOCS.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, DOCS)
