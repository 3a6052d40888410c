"""A hostile submission is refused, or shown inert on the card and in the digest."""

from __future__ import annotations

import json
import re

from bot.model import Actor, Decision
from bot.store import victories as victory_store
from tests.adapters.slack.conftest import MODERATOR, NEWS, REVIEW

PINGS = "<!channel> <!here> <@U0BOSS> <!subteam^S0ALL>"
HIDDEN = "\u200b\u202e\u2066\ufeff"


def slack_text(messages: list[dict]) -> str:
    return json.dumps(
        [{"text": m["text"], "blocks": m["blocks"]} for m in messages], ensure_ascii=False
    )


def only_our_links(text: str) -> bool:
    # Every "<" that Slack would parse opens one of our http(s) links.
    return all(m.startswith("<http") for m in re.findall(r"<[^>]*>", text))


async def test_hostile_text_is_inert_on_card_and_in_digest(http_bot):
    hostile = f"Wo{HIDDEN}n! {PINGS} *bold* <https://evil.example/x|click here> thanks: <!everyone>"
    await http_bot.command(hostile)
    assert "#1" in await http_bot.reply()
    await http_bot.core.settle()
    card = slack_text(http_bot.api.posts(REVIEW))
    assert only_our_links(card)
    assert "&lt;!channel&gt;" in card and "&lt;@U0BOSS&gt;" in card and "&lt;!everyone&gt;" in card
    assert "click here" not in card  # the member's label could have disguised the link
    assert "<https://evil.example/x|https://evil.example/x>" in card
    assert not any(ch in card for ch in HIDDEN)
    editor = Actor(platform="slack", user_id=MODERATOR, display_name="Mo Editor")
    await http_bot.core.review.decide(http_bot.core.community, editor, 1, Decision.APPROVE)
    assert (await http_bot.core.issues.publish(http_bot.core.community, force=True)).ok
    digest = slack_text(http_bot.api.posts(NEWS))
    assert only_our_links(digest)
    assert "&lt;!here&gt;" in digest and "&lt;!subteam^S0ALL&gt;" in digest
    assert not any(ch in digest for ch in HIDDEN)
    assert not any("link_names" in call.args for call in http_bot.api.calls)


async def test_overlong_and_bad_links_are_refused(http_bot):
    await http_bot.command("a" * 5000, name="long")
    assert "limit is 600" in await http_bot.reply("long")
    await http_bot.command("Win <https://evil|click>", name="nodot")
    assert "can't be used" in await http_bot.reply("nodot")
    await http_bot.command("Win javascript:alert(1)", name="js")
    assert "can't be used" in await http_bot.reply("js")
    assert await http_bot.core.store.run(victory_store.queue, community=1) == []
    # The refusal quotes the member's input, escaped.
    assert "<https://evil" not in http_bot.responses("nodot")[0]
