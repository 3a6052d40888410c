"""Several settings at once (Slack's setup form): each checked as `/victories set` checks
it, all saved or none, unchanged ones skipped, each change audited."""

from __future__ import annotations

import pytest

from bot.core import Core
from bot.model import Actor, Refusal
from tests.bot.communities.test_settings_and_links import SLACK_ADMIN, core  # noqa: F401

MEMBER = Actor("slack", "U_MEMBER", "Mia Member", place="T_ONE")


def audited(core: Core) -> list[str]:  # noqa: F811
    rows = core.store.call(lambda db: list(db.execute("SELECT detail FROM audit ORDER BY id")))
    return [row[0] for row in rows]


async def test_all_or_nothing_and_only_what_changed(core):  # noqa: F811
    town = await core.communities.for_place("slack", "T_ONE")
    _, changed, refused = await core.communities.change_many(
        town,
        SLACK_ADMIN,
        {
            "schedule.weekday": "monday",
            "community.timezone": "Nowhere/Land",
            "issue.max_items": "x",
        },
    )
    assert changed == [] and set(refused) == {"community.timezone", "issue.max_items"}
    assert refused["issue.max_items"].key == "bad_setting"
    assert dict(core.communities.settings(town))["schedule.weekday"] == "friday"
    assert audited(core) == []
    town, changed, refused = await core.communities.change_many(
        town,
        SLACK_ADMIN,
        {
            "schedule.weekday": "monday",
            "schedule.time": "10:00",  # as it was: skipped
            "slack.digest_channels": "<#C0NEWS|news> C0MORE",
            "slack.moderators.users": "",  # none before, none now: skipped
        },
    )
    assert refused == {} and changed == ["schedule.weekday", "slack.digest_channels"]
    now = dict(core.communities.settings(await core.communities.for_place("slack", "T_ONE")))
    assert (now["schedule.weekday"], now["slack.digest_channels"]) == ("monday", "C0NEWS C0MORE")
    assert audited(core) == [
        "schedule.weekday = monday",
        "slack.digest_channels = <#C0NEWS|news> C0MORE",
    ]
    with pytest.raises(Refusal, match="not_admin"):
        await core.communities.change_many(town, MEMBER, {"schedule.weekday": "sunday"})


async def test_control_characters_are_dropped_and_a_huge_value_refused(core):  # noqa: F811
    town = await core.communities.for_place("slack", "T_ONE")
    town, changed, _ = await core.communities.change_many(
        town, SLACK_ADMIN, {"community.name": "Our\x00 Town\u202e\x07"}
    )
    assert dict(core.communities.settings(town))["community.name"] == "Our Town"
    _, changed, refused = await core.communities.change_many(
        town, SLACK_ADMIN, {"community.name": "x" * 5000}
    )
    assert (
        changed == []
        and "longer than 500 characters" in refused["community.name"].fields["problem"]
    )
