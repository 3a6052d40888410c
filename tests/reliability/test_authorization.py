"""Only moderators decide: every moderator-only action (review reactions and every
/victories editor verb) tried by a moderator, an ordinary member, a blocked member and the
bot itself, on the console, Slack and Discord, through each adapter. A bot's share (and
any member verb of a bot) is refused by the core alike on all three."""

from __future__ import annotations

import io
import logging
from types import SimpleNamespace

import pytest

from adapters.console import ConsoleSession, ConsoleSurface
from bot.chat import commands
from bot.config import parse_config
from bot.core import Core
from bot.model import Actor
from bot.store.database import Store
from tests.adapters.discord.conftest import handled
from tests.fakes.discord_events import answer_text, answers, react, slash
from tests.fakes.discord_interactions import typed_line
from tests.fakes.slack_methods import BOT_USER
from tests.fakes.slack_requests import reaction_event, slash_command
from tests.reliability.bot_process import until
from tests.reliability.community import (
    SLACK_ANA,
    SLACK_BEN,
    SLACK_MOD,
    SLACK_REVIEW,
    Community,
)
from tests.reliability.in_process import running

REFUSED = "Only editors can do that."
# Every editor verb, with what a moderator hears back; publish last (it empties the queue).
VERBS = [
    ("preview", "Issue 1"),
    ("note A hopeful week", "Saved the editor"),
    ("song Bread and Roses https://example.org/song", "Saved the song"),
    ("ps See you next week", "Saved the P.S."),
    ("thanks To everyone who called", "Saved the"),
    ("action Call the council", "Saved the"),
    ("clear ps", "Cleared the P.S."),
    ("approve 1", "Victory #1: Approved"),
    ("feature 2", "Victory #2: Featured"),
    ("reject 3 Not news", "Victory #3: Rejected"),
    ("skip", "will be skipped"),
    ("schedule 2030-01-04 09:00", "will go out"),
    ("status", "Next issue"),
    ("block {stranger}", "can no longer submit"),
    ("unblock {stranger}", "can submit victories again"),
    ("publish now", "Issue 1 is out"),
]
# Review reactions on items 4, 5 and 6: what a moderator's reaction makes of each.
REACTIONS = [(4, "white_check_mark", "approved"), (5, "x", "rejected"), (6, "star", "approved")]
ROLES = ("member", "blocked", "bot")
WORDS = ["", "library", "clinic", "bus line", "park", "school", "pool"]


def snapshot(store: Store) -> dict:
    """Everything a moderator-only action could change."""

    def read(db) -> dict:
        return {
            table: [tuple(row) for row in db.execute(f"SELECT * FROM {table} ORDER BY 1")]
            for table in ("victories", "issues", "blocked", "state", "deliveries", "cards")
        }

    return store.call(read)


async def check_matrix(driver) -> None:
    """Drive one platform: six items, then everyone tries everything."""
    for n in range(1, 7):
        assert "Thank you" in await driver.command(
            "member", "victory", f"Victory {n}: {WORDS[n]} happened"
        )
    blocked = await driver.command("moderator", "victories", f"block {driver.blocked_ref}")
    assert "can no longer submit" in blocked
    assert "can't share victories" in await driver.command("blocked", "victory", "Spam")
    await driver.settle()
    before = snapshot(driver.store)
    # Bots are refused by the core's one rule, whatever platform let them through. (Only
    # people can run Slack's slash commands, so a Slack member never seen who shares is
    # answered before being looked up: "mine" looks the bot up first here. An app found
    # only after its share has the item withdrawn: test_new_member_name.py.)
    for line in ("mine", "withdraw 1", "Bot news https://example.org/bot"):
        assert "shared by people" in await driver.command("bot", "victory", line), driver.name
    for role in ROLES:
        for line, _ in VERBS:
            reply = await driver.command(role, "victories", line.format(stranger=driver.stranger))
            assert REFUSED in reply, (driver.name, role, line, reply)
        for number, emoji, _ in REACTIONS:
            await driver.react(role, number, emoji)
    await driver.settle()
    assert snapshot(driver.store) == before, f"{driver.name}: a non-moderator changed something"

    for number, emoji, _ in REACTIONS:
        await driver.react("moderator", number, emoji)
    await driver.settle()
    for line, answer in VERBS:
        reply = await driver.command(
            "moderator", "victories", line.format(stranger=driver.stranger)
        )
        assert answer in reply, (driver.name, line, reply)
    await driver.settle()
    after = {row[0]: row for row in snapshot(driver.store)["victories"]}
    for number, _, status in REACTIONS:
        assert status in after[number], (driver.name, number, after[number])


# -- console -------------------------------------------------------------------------
class ConsoleDriver:
    name, blocked_ref, stranger = "console", "ana", "someone"

    def __init__(self, core: Core, session: ConsoleSession, out: io.StringIO) -> None:
        self.core, self.session, self.out, self.store = core, session, out, core.store
        self.users = {"moderator": "editor", "member": "sam", "blocked": "ana"}

    async def command(self, role: str, command: str, text: str) -> str:
        if role == "bot":  # no console user is the bot: its own actor, named as an editor
            actor = Actor("console", "editor", "editor", is_bot=True)
            return (
                await commands.handle(self.core, self.core.community, actor, command, text)
            ).plain()
        self.session.user = self.users[role]
        start = len(self.out.getvalue())
        await self.session.handle(f"/{command} {text}")
        return self.out.getvalue()[start:]

    async def react(self, role: str, number: int, emoji: str) -> None:
        if role == "bot":
            actor = Actor("console", "editor", "editor", is_bot=True)
            await commands.react(
                self.core,
                self.core.community,
                actor=actor,
                platform="console",
                channel="#review",
                message_id=f"card-{number}",
                emoji=emoji,
                added=True,
            )
            return
        self.session.user = self.users[role]
        await self.session.handle(f"/react {number} {emoji}")

    async def settle(self) -> None:
        await self.core.settle()


async def test_console(tmp_path):
    config = parse_config(
        {"intake": {"cooldown": "0s", "per_user_per_day": 100}, "issue": {"min_items": 1}},
        source="test.yaml",
    )
    store = Store(tmp_path / "console.db")
    out = io.StringIO()
    core = Core(store=store, config=config)
    surface = ConsoleSurface(out)
    core.attach(surface)
    try:
        await check_matrix(ConsoleDriver(core, ConsoleSession(core, surface), out))
    finally:
        await core.settle()
        store.close()


# -- Slack and Discord ---------------------------------------------------------------
class Outcomes(logging.Handler):
    """Counts the review service's log lines that close a reaction: a decision or an ignore."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.count += message.startswith(("decision ", "reaction ignored "))


class SlackDriver:
    name, blocked_ref, stranger = "slack", SLACK_ANA, "U_STRANGER"

    def __init__(self, community: Community, core: Core, outcomes: Outcomes) -> None:
        self.community, self.core, self.store, self.outcomes = community, core, core.store, outcomes
        self.users = {
            "moderator": SLACK_MOD,
            "member": SLACK_BEN,
            "blocked": SLACK_ANA,
            "bot": BOT_USER,
        }
        self.asked = 0

    async def command(self, role: str, command: str, text: str) -> str:
        self.asked += 1
        name, fake = f"q{self.asked}", self.community.slack
        await fake.socket.deliver(
            "slash_commands",
            slash_command(
                command=f"/{command}",
                text=text,
                user_id=self.users[role],
                response_url=fake.response_url(name),
            ),
        )
        await until(lambda: any(r["name"] == name for r in fake.responses), timeout=5, what=text)
        return next(r["text"] for r in fake.responses if r["name"] == name)

    async def react(self, role: str, number: int, emoji: str) -> None:
        (card,) = self.community.query(
            "SELECT message_id FROM cards WHERE victory_id = ? AND platform = 'slack'", number
        )
        seen = self.outcomes.count
        event = reaction_event(
            user=self.users[role], reaction=emoji, channel=SLACK_REVIEW, ts=card[0]
        )
        await self.community.slack.socket.deliver("events_api", event)
        if role == "bot":
            return  # Bolt drops the app's own events before any listener: nothing to wait for
        await until(lambda: self.outcomes.count > seen, timeout=5, what=f"{role}'s reaction")

    async def settle(self) -> None:
        await self.core.settle()


EMOJI = {"white_check_mark": "\u2705", "x": "\u274c", "star": "\u2b50"}


class DiscordDriver:
    name = "discord"

    def __init__(self, community: Community, bot) -> None:
        self.community, self.core, self.store = community, bot.core, bot.core.store
        self.fake = community.discord
        self.users = {**community.people, "moderator": community.people["editor"]}
        self.users |= {"member": community.people["ben"], "blocked": community.people["ana"]}
        self.users["bot"] = self.fake.bot
        # As a member types it: Discord turns "@Ana" into a mention in the option's text.
        self.blocked_ref = f"<@{community.people['ana'].id}>"
        self.stranger = "123456789012345678"
        self.client = SimpleNamespace(surface=bot.discord, core=bot.core)

    async def command(self, role: str, command: str, text: str) -> str:
        channel = self.community.discord_general
        path, options = typed_line(self.fake, self.fake.guild_id, command, text)
        token = await slash(
            self.fake, self.users[role], command, *path, channel_id=channel, **options
        )
        return answer_text((await answers(self.fake, token))[-1])

    async def react(self, role: str, number: int, emoji: str) -> None:
        (card,) = self.community.query(
            "SELECT message_id FROM cards WHERE victory_id = ? AND platform = 'discord'", number
        )
        reaction = react(
            self.fake,
            self.users[role],
            channel_id=self.community.discord_review,
            message_id=card[0],
            emoji=EMOJI[emoji],
        )
        await handled(self.client, "raw_reaction_add", reaction)

    async def settle(self) -> None:
        await self.core.settle()


@pytest.mark.parametrize("platform", ["slack", "discord"])
async def test_slack_and_discord(community: Community, platform: str):
    # The bot's own account is even listed as a moderator: being the bot must still not count.
    community.discord.bot.roles.append(community.editor_role)
    slack = community.settings()["slack"]
    slack["moderators"]["users"].append(BOT_USER)
    outcomes = Outcomes()
    review_log = logging.getLogger("victories.review")
    level = review_log.level
    review_log.setLevel(logging.INFO)
    review_log.addHandler(outcomes)
    try:
        async with running(community, slack=slack) as bot:
            if platform == "slack":
                await check_matrix(SlackDriver(community, bot.core, outcomes))
            else:
                await check_matrix(DiscordDriver(community, bot))
    finally:
        review_log.removeHandler(outcomes)
        review_log.setLevel(level)
