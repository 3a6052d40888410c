"""SIGKILL during intake and during a moderator's decision: after a restart each item is
whole or absent (never half-written), a receipt the member saw means a stored item, and a
decision is recorded with its audit line or not at all."""

from __future__ import annotations

import pytest

from tests.fakes.slack_requests import reaction_event, slash_command
from tests.reliability.bot_process import BotProcess, until
from tests.reliability.community import SLACK_ANA, SLACK_MOD, SLACK_REVIEW, Community
from tests.reliability.kill import kill_once

SLACK_ONLY = {"slack_digests": 1, "discord_digests": 0}


def item(community: Community, text: str) -> list:
    return community.query("SELECT * FROM victories WHERE text = ?", text)


def receipt(community: Community, name: str) -> str | None:
    texts = [r.get("text", "") for r in community.slack.responses if r["name"] == name]
    return texts[-1] if texts else None


async def killed_then_restarted(bot: BotProcess, hit: list) -> None:
    await until(lambda: hit, timeout=10, what="the kill point", bot=bot)
    assert await bot.wait() == -9
    await bot.start()
    await bot.ready()  # start-up work done: cards that never went out are posted


def is_call(method: str, **args):
    return lambda call: (
        call.method == method and all(call.args.get(k) == v for k, v in args.items())
    )


# Where intake can be cut, whether the item must exist afterwards and under which name.
# A member the bot has not seen is answered before their name is looked up (users.info),
# so no platform call precedes the write (a kill there is a command that never arrived);
# cut before the look-up, the item keeps the handle the command carried ("ana").
HANDLE = "ana"
INTAKE_POINTS = [
    ("name not yet looked up", is_call("users.info", user=SLACK_ANA), "arrived", True, HANDLE),
    # The receipt rides on the command's ack, sent only after the item is committed.
    ("receipt on its way", is_call("ack_answer"), "arrived", True, HANDLE),
    ("receipt shown to the member", is_call("ack_answer"), "carried_out", True, HANDLE),
    (
        "card posted, not recorded",  # the card waits for the name
        is_call("chat.postMessage", channel=SLACK_REVIEW),
        "carried_out",
        True,
        "Ana Lopez",
    ),
]


@pytest.mark.parametrize("community", [SLACK_ONLY], indirect=True)
async def test_kill_during_intake_leaves_whole_items_or_none(community: Community):
    bot = BotProcess(community.workdir, community.env())
    await bot.start()
    await bot.ready()
    for n, (moment, wanted, stage, stored, name) in enumerate(INTAKE_POINTS):
        text = f"Tenants won case {n} https://example.org/{n}"
        hit = kill_once(community, bot, wanted, stage)
        command = slash_command(
            text=text + " thanks: Diana",
            user_id=SLACK_ANA,
            response_url=community.slack.response_url(f"r{n}"),
        )
        await community.slack.socket.send("slash_commands", command)
        await killed_then_restarted(bot, hit)

        rows = item(community, f"Tenants won case {n}")
        assert len(rows) == (1 if stored else 0), moment
        seen = receipt(community, f"r{n}")
        if seen:  # what the member was told is in the database
            assert rows and f"#{rows[0]['id']}" in seen, moment
        if not rows:
            continue
        row = rows[0]
        assert (row["link"], row["thanks_to"], row["user_id"], row["display_name"]) == (
            f"https://example.org/{n}",
            "Diana",
            SLACK_ANA,
            name,
        ), moment
        assert row["status"] == "pending"
        audit = community.query(
            "SELECT action FROM audit WHERE victory_id = ? AND action = 'submit'", row["id"]
        )
        assert len(audit) == 1, moment
        # The card is recorded (posted again at start-up if it had not been recorded).
        cards = community.query("SELECT * FROM cards WHERE victory_id = ?", row["id"])
        assert len(cards) == 1, moment
    community.check_database()
    # The member's next submission looks their name up again, which also credits the
    # items cut off before the look-up to their real name.
    community.slack.interrupt = None
    await community.slack.socket.deliver(
        "slash_commands",
        slash_command(
            text="Tenants won case 9",
            user_id=SLACK_ANA,
            response_url=community.slack.response_url("again"),
        ),
    )
    await until(lambda: receipt(community, "again"), timeout=10, what="a receipt", bot=bot)
    await until(
        lambda: not community.query("SELECT id FROM victories WHERE display_name = ?", HANDLE),
        timeout=10,
        what="the real name",
        bot=bot,
    )
    assert await bot.stop() == 0


@pytest.mark.parametrize("community", [SLACK_ONLY], indirect=True)
async def test_kill_mid_load_keeps_every_receipted_item(community: Community):
    """A burst of submissions, the bot killed as its 10th receipt is shown: after the
    restart every item a member was told about is there, whole. Meanwhile the WAL is
    checkpointed by a thread of its own and the replay guard's writes take turns with
    the store's (issue 18), never inside a member's commit."""
    bot = BotProcess(community.workdir, community.env())
    await bot.start()
    await bot.ready()
    shown = 0

    def tenth_receipt(call) -> bool:
        nonlocal shown
        if call.method != "ack_answer":
            return False
        shown += 1
        return shown == 10

    hit = kill_once(community, bot, tenth_receipt, "carried_out")
    texts = {f"load{n}": f"Neighbours fixed bench {n} on Elm Street" for n in range(40)}
    for name, text in texts.items():
        command = slash_command(
            text=text, user_id=SLACK_ANA, response_url=community.slack.response_url(name)
        )
        await community.slack.socket.send("slash_commands", command)
    await killed_then_restarted(bot, hit)

    told = 0
    for name, text in texts.items():
        rows = item(community, text)
        assert len(rows) <= 1, name
        seen = receipt(community, name)
        if seen and "#" in seen:
            told += 1
            assert rows and f"#{rows[0]['id']}" in seen, name
            audit = community.query(
                "SELECT 1 FROM audit WHERE victory_id = ? AND action = 'submit'", rows[0]["id"]
            )
            assert len(audit) == 1, name
    assert told >= 10
    community.check_database()
    assert await bot.stop() == 0


def approvals(community: Community, victory_id: int) -> int:
    rows = community.query(
        "SELECT action FROM audit WHERE victory_id = ? AND action LIKE '%approve'", victory_id
    )
    return sum(1 if r["action"] == "approve" else -1 for r in rows)


DECISION_POINTS = [
    ("before the decision", is_call("users.info", user=SLACK_MOD), "arrived", False),
    ("card update on its way", is_call("chat.update"), "arrived", True),
    (
        "card updated, member not told",
        is_call("conversations.open", users=SLACK_ANA),
        "arrived",
        True,
    ),
]


@pytest.mark.parametrize("community", [SLACK_ONLY], indirect=True)
async def test_kill_during_a_decision_applies_it_whole_or_not_at_all(community: Community):
    bot = BotProcess(community.workdir, community.env())
    await bot.start()
    await bot.ready()
    for n, (moment, wanted, stage, decided) in enumerate(DECISION_POINTS, start=1):
        await community.slack.socket.deliver(
            "slash_commands",
            slash_command(
                text=f"Library {n} saved",
                user_id=SLACK_ANA,
                response_url=community.slack.response_url(f"s{n}"),
            ),
        )
        await until(
            lambda n=n: community.query("SELECT 1 FROM cards WHERE victory_id = ?", n),
            timeout=10,
            what="the card",
            bot=bot,
        )
        (card,) = community.query("SELECT * FROM cards WHERE victory_id = ?", n)
        hit = kill_once(community, bot, wanted, stage)
        event = reaction_event(
            user=SLACK_MOD, reaction="white_check_mark", channel=SLACK_REVIEW, ts=card["message_id"]
        )
        await community.slack.socket.send("events_api", event)
        await killed_then_restarted(bot, hit)

        (row,) = community.query("SELECT * FROM victories WHERE id = ?", n)
        assert row["status"] == ("approved" if decided else "pending"), moment
        assert approvals(community, n) == (1 if decided else 0), moment
        assert (row["decided_by"] == "Mo Editor") is decided, moment
        if not decided:  # the moderator sees the card unchanged and reacts again
            event = reaction_event(
                user=SLACK_MOD,
                reaction="white_check_mark",
                channel=SLACK_REVIEW,
                ts=card["message_id"],
            )
            await community.slack.socket.deliver("events_api", event)
            await until(
                lambda n=n: community.query(
                    "SELECT 1 FROM victories WHERE id = ? AND status = 'approved'", n
                ),
                timeout=10,
                what="the approval",
                bot=bot,
            )
            assert approvals(community, n) == 1
    community.check_database()
    assert await bot.stop() == 0
