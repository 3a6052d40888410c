"""`victories doctor` checks every community (or one): where it lives, its channels on
each platform it is on, and whether it is paused."""

from __future__ import annotations

from adapters.doctor_communities import community_findings
from bot.core import Core
from bot.model import Actor

ADMIN = Actor("slack", "U1", "Sam", is_admin=True, place="T1")


async def test_each_community_is_checked_and_says_what_to_set(store, config, clock):
    core = Core(store=store, config=config, clock=clock)
    core.communities.many = True
    town = await core.communities.for_place("slack", "T1", name="Town")
    found = {f.what: f for f in await community_findings(core)}
    review = found["community town: slack review channel not set"]
    assert not review.ok and "/victories set slack.review_channel" in review.fix
    assert found["community default: on no platform yet"].ok
    await core.communities.change(town, ADMIN, "slack.review_channel", "<#C9|reviews>")
    await core.communities.change(town, ADMIN, "slack.digest_channels", "<#C8|news>")
    await core.communities.paused(await core.communities.for_place("slack", "T1"))
    only = {f.what: f.ok for f in await community_findings(core, "town")}
    assert only == {
        "community town: on slack T1": True,
        "community town: paused (the app was removed or its token revoked)": False,
        "community town: slack review channel C9": True,
        "community town: slack digest channels C8": True,
    }
    (unknown,) = await community_findings(core, "nowhere")
    assert not unknown.ok and unknown.fix == "known: default, town"
