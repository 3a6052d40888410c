"""Realistic issues, published through the real core (Core, commands, a recording surface)."""

from __future__ import annotations

import datetime as dt

from bot.chat import commands
from bot.model import Actor, Decision, Submission
from tests.conftest import EDITOR

# (text, link, thanks-to, member's display name)
WEEK_ONE = [
    (
        "The city council voted 7–2 to end its contract with ICE.",
        "https://news.example.org/2026/11/council-ends-ice-contract",
        "Diana",
        "Diana Reyes",
    ),
    (
        "A federal judge blocked the deportation flights scheduled for this weekend.",
        "https://courts.example.org/rulings/4471",
        None,
        "Marcus Lee",
    ),
    (
        "Tenants at 1400 Elm won their rent strike: repairs start Monday and rent is frozen "
        "for two years.",
        None,
        "the Elm Street Tenants Union",
        "Priya Natarajan",
    ),
    (
        "Our school district added free breakfast for every student, starting in January.",
        "https://schools.example.org/breakfast",
        None,
        "Tom Becker",
    ),
    (
        "The food bank's Thanksgiving drive collected 3,200 meals, double last year's.",
        None,
        "Ana",
        "Ana Lopez",
    ),
    (
        "Riverside Library is staying open until 9 pm on weeknights.",
        "https://library.example.org/hours",
        None,
        "Sam Okafor",
    ),
]
SAME_NEWS = ("Judge blocks deportation flights", "https://courts.example.org/rulings/4471")


def member(name: str) -> Actor:
    return Actor("console", name.lower().replace(" ", "-"), name)


async def submit_approved(
    core, text: str, link: str | None, thanks: str | None, name: str, *, featured: bool = False
) -> int:
    reply = await commands.submit(
        core, core.community, member(name), Submission(text=text, link=link, thanks_to=thanks)
    )
    assert reply.ok, reply.plain()
    number = int(reply.plain().split("#")[1].split()[0])
    decision = Decision.FEATURE if featured else Decision.APPROVE
    await core.review.decide(core.community, EDITOR, number, decision)
    return number


async def editor(core, line: str) -> None:
    reply = await commands.handle(core, core.community, EDITOR, "victories", line)
    assert reply.ok, reply.plain()


async def publish_week_one(core) -> int:
    """Issue with a featured item, a merged duplicate, a note, a song, actions and a P.S."""
    for index, (text, link, thanks, name) in enumerate(WEEK_ONE):
        await submit_approved(core, text, link, thanks, name, featured=index == 0)
    await submit_approved(core, *SAME_NEWS, None, "Kim Tran")  # folds into item 2
    await editor(
        core,
        "note What a week. Thank you to everyone who showed up, called, "
        "and shared the good news — here it is.",
    )
    await editor(core, "song Bread and Roses https://music.example.org/bread-and-roses")
    await editor(core, "action Thank council members who voted yes: call (555) 010-2200 by Friday.")
    await editor(core, "ps Next week's issue comes early because of Thanksgiving.")
    await editor(core, "publish now")
    await core.settle()
    return 1


async def publish_more(core, clock, texts: list[str]) -> None:
    """One more issue a week later, with plain items."""
    clock.advance(dt.timedelta(days=7))
    for index, text in enumerate(texts):
        await submit_approved(core, text, None, None, f"Member {clock.now():%d}{index}")
    await editor(core, "publish now")
    await core.settle()
