"""Importing a back catalogue from Markdown: liberal parsing, clear reports, no duplicates."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.archive.importing import import_path
from bot.archive.markdown_import import parse_markdown
from bot.issues.selection import published_view
from bot.store import issues
from tests.bot.archive.sample import editor, submit_approved

OUR_TOWN = """\
# Our Town — Issue 12 (March 3, 2025)

Spring is here, and so is the good news.

1. The council voted to stop working with ICE [read more](https://news.example.org/ice) (Thanks, Ana and Ben!)
2. A judge blocked the deportations https://courts.example.org/ruling.
3. Library hours extended <https://library.example.org/hours>
   thanks to a petition (thanks, Cy!)
4. **Free** school breakfast\\* for *every* student
"""


def items(issue) -> list[tuple]:
    return [(i.text, i.link, i.thanks_to) for i in issue.items]


def test_reads_a_typical_newsletter_issue():
    (issue,), problems = parse_markdown(OUR_TOWN, source="12.md")
    assert problems == []
    assert (issue.number, issue.date) == (12, dt.date(2025, 3, 3))
    assert issue.note == "Spring is here, and so is the good news."
    assert items(issue) == [
        (
            "The council voted to stop working with ICE read more",
            "https://news.example.org/ice",
            "Ana and Ben",
        ),
        ("A judge blocked the deportations.", "https://courts.example.org/ruling", None),
        ("Library hours extended thanks to a petition", "https://library.example.org/hours", "Cy"),
        ("Free school breakfast* for every student", None, None),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "## Issue 12 — 2025-03-03",
        "# Issue #12\n\n*Monday, March 3, 2025*",
        "Issue 12 · 3 March 2025\n=======================",
        '---\ntitle: "Our Town, issue 12"\ndate: 2025-03-03\n---',
        "Our Town No. 12 — Mar 3rd, 2025",
    ],
)
def test_titles_and_dates_in_many_styles(title):
    (issue,), problems = parse_markdown(f"{title}\n\n1. A win\n- Another win\n", source="x.md")
    assert problems == []
    assert (issue.number, issue.date, [i.text for i in issue.items]) == (
        12,
        dt.date(2025, 3, 3),
        ["A win", "Another win"],
    )


def test_sections_and_several_issues_in_one_file():
    text = """\
# Issue 3 — 2025-01-06
Intro.

*— The editors*

## This week's victories
1. One
## Song of the week
Bread and Roses — https://music.example.org/bread
## Gratitude
To the volunteers.
## Take action
1. Call (555) 010-2200
**P.S.** Bring snacks.
P.P.S. And water.

---
Got a victory? Type /victory to share it.

# Issue 4 — 2025-01-13
1. Two — thanks, Dee!
"""
    (three, four), problems = parse_markdown(text, source="x.md")
    assert problems == []
    assert (three.note, three.song_title, three.song_link) == (
        "Intro.",
        "Bread and Roses",
        "https://music.example.org/bread",
    )
    assert (three.gratitude, three.actions, three.ps) == (
        "To the volunteers.",
        ["Call (555) 010-2200"],
        ["Bring snacks.", "And water."],
    )
    assert items(four) == [("Two", None, "Dee")]


def test_unparseable_lines_are_reported_with_file_and_line():
    text = "Welcome to the archive!\n\n# Issue 5 — 2025-02-03\n\n1. A win\n\nStray words.\n\n# Issue 6\n\nNo list here.\n"
    parsed, problems = parse_markdown(text, source="old/5.md")
    assert [issue.number for issue in parsed] == [5]
    assert [str(p) for p in problems] == [
        "old/5.md:1: text before any issue title; ignored",
        "old/5.md:7: not a numbered item; ignored: 'Stray words.'",
        "old/5.md:9: issue 6 has no numbered items; not imported",
    ]


async def test_same_issue_twice_is_refused_clearly(store, tmp_path, clock):
    (tmp_path / "a.md").write_text(OUR_TOWN)
    (tmp_path / "b.md").write_text(OUR_TOWN.replace("council", "county"))
    report = store.call(import_path, tmp_path, community=1, now=clock.now())
    assert report.imported == [(12, f"{tmp_path / 'a.md'}:1")]
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'b.md'}:1: issue 12 is already in the database (published); not imported again"
    ]
    view = store.call(published_view, community=1, number=12)
    assert [e.victory.text for e in view.entries][0].startswith("The council voted")
    assert store.db.execute("SELECT count(*) FROM victories").fetchone()[0] == 4


async def test_numbering_continues_after_the_back_catalogue(core, tmp_path, clock):
    await editor(core, "note Our first issue on the bot!")  # creates draft issue 1
    for number in (10, 11):
        (tmp_path / f"{number}.md").write_text(
            f"# Issue {number} — 2025-03-{number}\n\n1. Win {number}\n"
        )
    report = core.store.call(import_path, tmp_path, community=1, now=clock.now())
    assert [number for number, _ in report.imported] == [10, 11]
    assert report.notes == [
        "the next issue (a draft) was renumbered from 1 to 11",
        "the next issue (a draft) was renumbered from 11 to 12",
    ]
    draft = core.store.call(issues.get, community=1, number=12)
    assert (draft.status, draft.note) == ("draft", "Our first issue on the bot!")
    await submit_approved(core, "The first victory on the bot", None, None, "Ana Lopez")
    await editor(core, "publish now")
    latest = core.store.call(issues.latest_published, community=1)
    assert (latest.number, latest.note) == (12, "Our first issue on the bot!")
