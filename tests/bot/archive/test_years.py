"""The front page shows the newest issues and links one page per year; each year page
lists its issues and each issue page links back to its year. Issues without a date (an
imported back catalogue may lack them) get a page of their own, "Undated"."""

from __future__ import annotations

from pathlib import Path

from bot.archive.export import export_site
from bot.archive.importing import import_path
from bot.archive.site import FRONT_PAGE
from tests.bot.archive.test_export import NS, parse, text_of
from tests.conftest import make_config

CONFIG = make_config(archive={"base_url": "https://town.example/news"})


def back_catalogue(tmp_path: Path, dates: dict[int, str | None]) -> Path:
    """One Markdown file per issue: ``number -> "2024-03-04"`` (None: no date)."""
    folder = tmp_path / "old"
    folder.mkdir()
    for number, date in dates.items():
        title = f"# Issue {number}" + (f" — {date}" if date else "")
        body = f"{title}\n\n1. Win number {number} (Thanks, Jo!)\n2. Another win in {number}.\n"
        (folder / f"{number:03d}.md").write_text(body, encoding="utf-8")
    return folder


def imported(store, clock, tmp_path, dates: dict[int, str | None]) -> Path:
    report = store.call(import_path, back_catalogue(tmp_path, dates), community=1, now=clock.now())
    assert len(report.imported) == len(dates), report.problems
    out = tmp_path / "site"
    store.call(export_site, community=1, config=CONFIG, out=out)
    return out


def hrefs(tree, where: str) -> list[str]:
    return [a.get("href") for a in tree.iterfind((where or ".") + "//h:a", NS)]


# Issue 1 has no date; 2-5 are from 2024, 6-15 from 2025: more than the front page holds.
DATES: dict[int, str | None] = {1: None} | {
    n: f"2024-{n:02d}-01" if n <= 5 else f"2025-{n - 4:02d}-01" for n in range(2, 16)
}


async def test_front_page_shows_the_newest_and_links_every_year(store, clock, tmp_path):
    out = imported(store, clock, tmp_path, DATES)
    front = parse(out / "index.html")
    cards = hrefs(front, ".//h:ol[@class='issues']/h:li//h:h2")
    assert cards == [f"issues/{n}/index.html" for n in range(15, 15 - FRONT_PAGE, -1)]
    years = front.find(".//h:nav[@class='years']", NS)
    assert text_of(years.find("h:h2", NS)) == "Earlier issues by year"
    assert hrefs(years, "") == [
        "years/2025/index.html",
        "years/2024/index.html",
        "years/undated/index.html",
    ]
    assert [text_of(a) for a in years.iterfind(".//h:a", NS)] == ["2025", "2024", "Undated"]
    for link in hrefs(years, ""):
        assert (out / link).is_file()


async def test_a_year_page_links_its_issues_and_each_issue_links_back(store, clock, tmp_path):
    out = imported(store, clock, tmp_path, DATES)
    year = parse(out / "years/2024/index.html")
    assert year.get("lang") == "en"
    assert text_of(year.find(".//h:h1", NS)) == "Issues of 2024"
    assert text_of(year.find(".//h:p[@class='lede']", NS)) == "4 issues, newest first."
    canonical = year.find(".//h:link[@rel='canonical']", NS).get("href")
    assert canonical == "https://town.example/news/years/2024/"
    assert year.find(".//h:link[@rel='stylesheet']", NS).get("href") == "../../style.css"
    assert hrefs(year, ".//h:nav[@class='crumbs']") == ["../../index.html"]
    cards = hrefs(year, ".//h:ol[@class='issues']/h:li//h:h2")
    assert cards == [f"../../issues/{n}/index.html" for n in (5, 4, 3, 2)]
    headlines = [text_of(li) for li in year.iterfind(".//h:ul[@class='headlines']/h:li", NS)]
    assert headlines[:2] == ["Win number 5", "Another win in 5."]
    for card in cards:
        issue = parse((out / "years/2024" / card).resolve())
        crumbs = hrefs(issue, ".//h:nav[@class='crumbs']")
        assert crumbs == ["../../index.html", "../../years/2024/index.html"]
        assert (out / "issues/5" / crumbs[1]).resolve() == (out / "years/2024/index.html")


async def test_issues_without_a_date_have_a_page_of_their_own(store, clock, tmp_path):
    out = imported(store, clock, tmp_path, DATES)
    undated = parse(out / "years/undated/index.html")
    assert text_of(undated.find(".//h:h1", NS)) == "Issues without a date"
    assert text_of(undated.find(".//h:p[@class='lede']", NS)) == "1 issue, newest first."
    assert hrefs(undated, ".//h:ol[@class='issues']/h:li//h:h2") == ["../../issues/1/index.html"]
    assert undated.find(".//h:time", NS) is None
    issue = parse(out / "issues/1/index.html")
    crumbs = issue.find(".//h:nav[@class='crumbs']", NS)
    assert hrefs(crumbs, "") == ["../../index.html", "../../years/undated/index.html"]
    assert "Undated" in text_of(crumbs)


async def test_a_small_archive_has_no_year_section(store, clock, tmp_path):
    out = imported(store, clock, tmp_path, {1: "2024-12-30", 2: "2025-01-06"})
    front = parse(out / "index.html")
    assert front.find(".//h:nav[@class='years']", NS) is None
    assert len(front.findall(".//h:ol[@class='issues']/h:li", NS)) == 2
    # Every page still has its year, for the issue pages' breadcrumbs.
    assert sorted(p.relative_to(out).as_posix() for p in out.glob("years/*/index.html")) == [
        "years/2024/index.html",
        "years/2025/index.html",
    ]
