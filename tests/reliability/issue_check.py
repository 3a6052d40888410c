"""What a published issue must look like on every digest channel: each part once, in order,
exactly as the renderers cut it from the frozen issue (so nothing is missing or torn)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from adapters.discord.render import issue_parts
from adapters.slack import render as slack_render
from bot.config import Config, load_config
from bot.issues.delivery import part_key
from bot.issues.layout import issue_document
from bot.issues.selection import published_view
from bot.model import Actor, Decision, Submission
from bot.review import moderation
from bot.store.database import Store
from bot.submissions import intake
from tests.reliability.community import Community

SEED_EDITOR = Actor("slack", "U_MOD", "Mo Editor")


def seed_approved(community: Community, count: int, *, length: int = 500) -> None:
    """Approved items written straight into the database before the bot starts, with
    distinct words (so none folds into another as a duplicate) and about ``length`` chars."""
    config = load_config(community.workdir / "victories.yaml")
    now = dt.datetime.now(dt.UTC)
    store = Store(community.db_path)
    try:
        for i in range(1, count + 1):
            words = " ".join(
                hashlib.sha1(f"{i}-{j}".encode()).hexdigest()[:9] for j in range(length // 10)
            )
            platform, user = ("slack", f"U_SEED{i}") if i % 2 else ("discord", str(9_000_000 + i))
            member = Actor(platform, user, f"Member {i}")
            receipt = store.call(
                intake.submit,
                community=1,
                config=config,
                actor=member,
                submission=Submission(text=f"Victory {i}: {words}"),
                now=now,
                exempt=True,
            )
            store.call(
                moderation.decide,
                community=1,
                number=receipt.number,
                decision=Decision.APPROVE,
                actor=SEED_EDITOR,
                now=now,
            )
    finally:
        store.close()


def expected_parts(community: Community, number: int) -> tuple[list[dict], list]:
    """The Slack messages and Discord parts the frozen issue renders to."""
    config: Config = load_config(community.workdir / "victories.yaml")
    store = Store(community.db_path)
    try:
        view = store.call(published_view, community=1, number=number)
    finally:
        store.close()
    document = issue_document(view, config=config)
    return slack_render.message_parts(document), issue_parts(document)


def _discord_digest(community: Community, channel: str) -> list[dict]:
    return community.discord.messages.get(channel, [])


def check_issue_everywhere(community: Community, number: int = 1) -> int:
    """Every digest channel holds the issue's parts exactly once, in order, whole, and the
    database records the same message for each part. Returns the number of parts seen."""
    slack_parts, discord_parts = expected_parts(community, number)
    refs = {
        (row["platform"], row["channel"]): (row["state"], json.loads(row["refs"]))
        for row in community.query("SELECT * FROM deliveries WHERE issue_number = ?", number)
    }
    assert set(refs) == set(community.digests)
    seen = 0
    for channel in community.slack_digests:
        posts = community.slack.posts(channel)
        keys = [post["metadata"]["event_payload"]["key"] for post in posts]
        assert keys == [part_key(number, i) for i in range(len(slack_parts))], (channel, keys)
        assert [post["blocks"] for post in posts] == [part["blocks"] for part in slack_parts]
        assert refs["slack", channel] == ("sent", [post["ts"] for post in posts])
        seen += len(posts)
    for channel in community.discord_digests:
        posts = _discord_digest(community, channel)
        shown = [(m["embeds"][0]["description"], m["embeds"][0]["footer"]["text"]) for m in posts]
        assert shown == [
            (part.description, f"{part.page} · {part_key(number, i)}")
            for i, part in enumerate(discord_parts)
        ], channel
        assert refs["discord", channel] == ("sent", [m["id"] for m in posts])
        seen += len(posts)
    return seen
