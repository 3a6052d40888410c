"""Publishing fans an issue out to every channel exactly once, across failures and crashes."""

import asyncio

import pytest

from bot.core import Core
from bot.issues.results import PublishStatus
from bot.render.plain import render_plain
from bot.store import deliveries, issues
from bot.store.database import Store
from tests.bot.helpers import approved
from tests.conftest import make_config
from tests.fakes.surface import RecordingSurface, SimulatedCrash

CHANNELS = ("#a", "#b", "#c")
CONFIG = make_config(
    intake={"cooldown": "0s"}, issue={"min_items": 0}, publishing={"concurrency": 2}
)


def expected_parts(surface: RecordingSurface, channel: str) -> list[str]:
    return [part for ch, _, part in surface.posts if ch == channel]


async def prepared(db_path, clock, surface, items=5) -> Core:
    store = Store(db_path)
    core = Core(store=store, config=CONFIG, clock=clock)
    core.attach(surface)
    for n in range(items):
        await approved(core, f"Victory number {n}")
    await core.settle()
    return core


async def test_every_channel_gets_the_issue_once_in_order(db_path, clock):
    surface = RecordingSurface(digest=CHANNELS)
    core = await prepared(db_path, clock, surface)
    reply = await core.issues.publish(core.community, force=True)
    assert reply.ok, reply.plain()
    per_channel = {ch: expected_parts(surface, ch) for ch in CHANNELS}
    assert len({tuple(v) for v in per_channel.values()}) == 1  # identical everywhere
    keys = [key for ch, key, _ in surface.posts if ch == "#a"]
    assert keys == sorted(set(keys), key=lambda k: int(k.rsplit("-", 1)[1]))
    assert core.store.call(issues.get, community=1, number=1).status == "published"
    # Publishing again has nothing left to publish, and never re-sends issue 1.
    before = len(surface.posts)
    assert not (await core.issues.publish(core.community, force=True)).ok
    await core.resume()
    assert len(surface.posts) == before
    await core.settle()
    core.store.close()


async def reference_posts(tmp_path, clock) -> tuple[dict, int]:
    surface = RecordingSurface(digest=CHANNELS)
    core = await prepared(tmp_path / "reference.db", clock, surface)
    await core.issues.publish(core.community, force=True)
    await core.settle()
    core.store.close()
    return {ch: expected_parts(surface, ch) for ch in CHANNELS}, len(surface.posts)


async def crash_and_resume(db_path, clock, *, crash_after=None, lose_answer_at=None):
    surface = RecordingSurface(digest=CHANNELS)
    core = await prepared(db_path, clock, surface)
    surface.crash_after, surface.lose_answer_at = crash_after, lose_answer_at
    with pytest.raises(SimulatedCrash):
        await core.issues.publish(core.community, force=True)
    await asyncio.sleep(0.05)  # let the dying process's other tasks run into the crash too
    core.store.close()
    surface.revive()
    restarted = Core(store=Store(db_path), config=CONFIG, clock=clock)
    restarted.attach(surface)
    await restarted.resume()  # what start-up does
    await restarted.settle()
    status = restarted.store.call(issues.get, community=1, number=1).status
    restarted.store.close()
    return surface, status


async def test_crash_at_every_point_resumes_without_loss_or_repeat(tmp_path, clock):
    reference, total = await reference_posts(tmp_path, clock)
    assert total >= 9  # several parts per channel, so mid-channel crashes are covered
    for point in range(total):
        for mode in ("before", "after"):
            kwargs = {"crash_after": point} if mode == "before" else {"lose_answer_at": point + 1}
            surface, status = await crash_and_resume(
                tmp_path / f"{mode}{point}.db", clock, **kwargs
            )
            got = {ch: expected_parts(surface, ch) for ch in CHANNELS}
            assert got == reference, f"crash {mode} post {point}"
            assert status == "published"
            # The lookup goes back to when the fan-out began (issue 12, item 9).
            assert surface.lookups and all(s <= clock.now() for s in surface.lookups)


async def test_a_failing_channel_does_not_block_the_others_and_is_retried(db_path, clock):
    surface = RecordingSurface(digest=CHANNELS)
    core = await prepared(db_path, clock, surface)
    surface.fail_channels = {"#b"}
    reply = await core.issues.publish(core.community, force=True)
    assert reply.status == PublishStatus.PARTIAL and (reply.sent, reply.channels) == (2, 3)
    assert expected_parts(surface, "#a") and expected_parts(surface, "#c")
    assert not expected_parts(surface, "#b")
    assert any("#b" in render_plain(note) for note in surface.moderator_notes)
    rows = {r.channel: r for r in core.store.call(deliveries.of_issue, community=1, issue_number=1)}
    assert rows["#b"].state == "failed" and "cannot post" in rows["#b"].last_error
    assert core.store.call(issues.get, community=1, number=1).status == "publishing"
    surface.fail_channels = set()
    await core.issues.retry_failed(core.community)
    assert expected_parts(surface, "#b") == expected_parts(surface, "#a")
    assert core.store.call(issues.get, community=1, number=1).status == "published"
    await core.settle()
    core.store.close()


async def test_a_new_issue_waits_until_the_interrupted_one_is_delivered(db_path, clock):
    surface = RecordingSurface(digest=CHANNELS)
    core = await prepared(db_path, clock, surface)
    surface.fail_channels = {"#c"}
    await core.issues.publish(core.community, force=True)
    await approved(core, "Another victory")
    surface.fail_channels = set()
    assert (await core.issues.publish(core.community, force=True)).ok
    assert [key.split("-part")[0] for ch, key, _ in surface.posts if ch == "#c"][0] == "sv-issue-1"
    assert core.store.call(issues.get, community=1, number=2).status == "published"
    await core.settle()
    core.store.close()


class HeldSurface(RecordingSurface):
    """A platform that holds every post until released, like one waiting out a 429."""

    def __init__(self, name: str, **options) -> None:
        super().__init__(name, **options)
        self.release = asyncio.Event()

    async def send_part(self, *, channel, part, key, community: int | None = None):
        await self.release.wait()
        return await super().send_part(channel=channel, part=part, key=key, community=community)


async def test_a_held_up_platform_does_not_hold_up_the_other(db_path, clock):
    slow = HeldSurface("slow", digest=("#s1", "#s2", "#s3"))
    fast = RecordingSurface("fast", digest=CHANNELS, review=None)
    core = await prepared(db_path, clock, slow)
    core.attach(fast)
    publishing = asyncio.ensure_future(core.issues.publish(core.community, force=True))
    for _ in range(200):  # concurrency 2 is taken by the slow platform's channels
        if {ch for ch, _, _ in fast.posts} == set(CHANNELS):
            break
        await asyncio.sleep(0.01)
    assert {ch for ch, _, _ in fast.posts} == set(CHANNELS) and not slow.posts
    slow.release.set()
    assert (await publishing).ok
    await core.settle()
    core.store.close()
