"""Open Home tabs stay current: a change made anywhere but the Home itself (a new share, a
reaction on the card, a typed command, publishing the issue) republishes, off the path
that made it, the Home of every editor who opened theirs and of the member whose item
changed; nobody else's, and a burst of changes republishes each Home once."""

from __future__ import annotations

from tests.adapters.slack.conftest import (
    GROUP_MODERATOR,
    MEMBER,
    MODERATOR,
    OTHER,
    card_ts,
    eventually,
)
from tests.adapters.slack.pressing import submitted
from tests.adapters.slack.test_home import home_text, open_home


def publishes(api, user: str) -> int:
    return sum(1 for c in api.calls_to("views.publish") if c.args.get("user_id") == user)


async def opened(bot, *users: str) -> None:
    for user in users:
        assert await open_home(bot, user) == 200
        await eventually(lambda user=user: user in bot.api.homes)


async def test_changes_made_elsewhere_show_on_open_homes(http_bot):
    api = http_bot.api
    await opened(http_bot, MODERATOR, MEMBER)
    assert "The review queue is empty." in home_text(api, MODERATOR)
    ts = await submitted(http_bot, "The clinic stays open")  # a share: the queue grows
    await http_bot.core.settle()
    assert "Review queue: 1 waiting" in home_text(api, MODERATOR)
    assert "waiting for review" in home_text(api, MEMBER)

    assert await http_bot.react(user=MODERATOR, reaction="white_check_mark", ts=ts) == 200
    await eventually(lambda: "approved, waiting" in home_text(api, MEMBER))
    await http_bot.core.settle()
    assert "approved, waiting" in home_text(api, MODERATOR)

    await http_bot.command("publish now", user=MODERATOR, command="/victories", name="p")
    assert "Issue 1 is out" in await http_bot.reply("p")
    await http_bot.core.settle()
    assert "in issue 1" in home_text(api, MEMBER).lower()
    assert "The review queue is empty." in home_text(api, MODERATOR)
    assert OTHER not in api.homes  # never opened: nothing to keep current


async def test_a_members_home_follows_only_their_own_items(http_bot):
    api = http_bot.api
    await opened(http_bot, MEMBER)
    await http_bot.command("A share by someone else", user=OTHER, name="o")
    await http_bot.reply("o")
    await http_bot.core.settle()
    assert publishes(api, MEMBER) == 1  # another member's item: not this member's Home
    await http_bot.command("approve 1", user=MODERATOR, command="/victories", name="a")
    await http_bot.reply("a")
    await http_bot.core.settle()
    assert publishes(api, MEMBER) == 1
    assert MODERATOR not in api.homes  # an editor who never opened Home is not published


async def test_a_burst_of_decisions_republishes_each_home_once(http_bot):
    api = http_bot.api
    for n in range(1, 7):
        await http_bot.command(f"Victory {n} for the street", name=f"s{n}")
        await http_bot.reply(f"s{n}")
    await http_bot.core.settle()
    await opened(http_bot, MODERATOR, MEMBER)
    before = {user: publishes(api, user) for user in (MODERATOR, MEMBER)}
    # Six items decided at once; their cards refresh one by one, the Homes once each.
    await http_bot.command("approve 1 2 3 4 5 6", user=MODERATOR, command="/victories", name="a")
    await http_bot.reply("a")
    await http_bot.core.settle()
    for user in (MODERATOR, MEMBER):
        assert publishes(api, user) - before[user] == 1, user
    assert home_text(api, MODERATOR).count("approved, waiting") == 6
    assert home_text(api, MEMBER).count("approved, waiting") == 6
    assert card_ts(api, 6)


async def test_the_next_issue_on_an_editors_home_follows_slots_and_the_schedule(http_bot):
    api = http_bot.api
    await opened(http_bot, MODERATOR)
    assert "Slots filled: editor's note" not in home_text(api, MODERATOR)
    assert "skipped" not in home_text(api, MODERATOR)
    # Another editor (by user group) writes the note, then skips the next run.
    said = await http_bot.command(
        "note A hopeful week", user=GROUP_MODERATOR, command="/victories", name="n"
    )
    assert said == 200 and "Saved" in await http_bot.reply("n")
    await http_bot.core.settle()
    assert "Slots filled: editor's note" in home_text(api, MODERATOR)
    await http_bot.command("skip", user=GROUP_MODERATOR, command="/victories", name="k")
    await http_bot.reply("k")
    await http_bot.core.settle()
    assert "skipped" in home_text(api, MODERATOR).lower()


def test_only_the_latest_viewers_per_community_are_remembered():
    """Memory stays bounded however many people open their Home: the least recent go."""
    from adapters.slack.live_home import WATCHED, Opened, Viewer
    from bot.model import Community
    from tests.conftest import make_config

    config = make_config()
    here, there = Community(id=1, slug="a", config=config), Community(2, "b", config)
    opened = Opened()
    opened.saw(here, Viewer("T1", "U_EDITOR", editor=True))
    for n in range(WATCHED):
        opened.saw(here, Viewer("T1", f"U{n}", editor=False))
    opened.saw(there, Viewer("T2", "U_OTHER_EDITOR", editor=True))
    assert [v.user_id for v in opened.to_refresh(1, "U0")] == ["U0"]  # the editor went
    assert opened.to_refresh(1, "U_NOBODY") == []
    assert [v.user_id for v in opened.to_refresh(2, None)] == ["U_OTHER_EDITOR"]
