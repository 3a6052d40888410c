import datetime as dt

import pytest

from bot.model import Actor, Community, Refusal, Submission
from bot.store import victories
from bot.submissions import intake
from tests.conftest import EDITOR, MEMBER, OTHER, make_config


def submit(store, config, clock, actor=MEMBER, **fields):
    fields.setdefault("text", "The library stayed open")
    return store.call(
        intake.submit,
        community=1,
        config=config,
        actor=actor,
        submission=Submission(**fields),
        now=clock.now(),
        exempt=actor is EDITOR,
    )


def test_stores_a_clean_pending_item(store, config, clock):
    receipt = submit(
        store,
        config,
        clock,
        text="  Rent  strike\u200b won ",
        link="https://Example.org/x",
        thanks_to="Diana",
        credit="first name",
    )
    item = store.call(victories.get, receipt.number)
    assert (item.text, item.link, item.thanks_to, item.credit.value) == (
        "Rent strike won",
        "https://example.org/x",
        "Diana",
        "first",
    )
    assert item.status.value == "pending"
    assert (item.platform, item.user_id, item.display_name) == ("console", "ana", "Ana Lopez")


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"text": ""}, "empty"),
        ({"text": "\x00\x01 \u200b"}, "empty"),
        ({"text": "x" * 10_000}, "too_long"),
        ({"link": "javascript:alert(1)"}, "bad_link"),
        ({"thanks_to": "n" * 200}, "too_long"),
        ({"credit": "famous"}, "bad_credit"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(store, config, clock, fields, key):
    with pytest.raises(Refusal) as refusal:
        submit(store, config, clock, **fields)
    assert refusal.value.key == key
    assert store.call(lambda db: db["victories"].count) == 0


def test_cooldown_and_daily_cap(store, clock):
    config = make_config(intake={"cooldown": "60s", "per_user_per_day": 2})
    submit(store, config, clock, text="one")
    with pytest.raises(Refusal) as early:
        submit(store, config, clock, text="two")
    assert early.value.key == "cooldown" and early.value.fields["seconds"] == 60
    clock.advance(dt.timedelta(seconds=61))
    submit(store, config, clock, text="two")
    clock.advance(dt.timedelta(minutes=5))
    with pytest.raises(Refusal) as cap:
        submit(store, config, clock, text="three")
    assert cap.value.key == "daily_cap"
    submit(store, config, clock, actor=OTHER, text="someone else is fine")
    clock.advance(dt.timedelta(days=1))
    submit(store, config, clock, text="a new day")


def test_editors_are_exempt_from_limits_but_not_from_validation(store, clock):
    config = make_config(intake={"cooldown": "1h", "per_user_per_day": 1})
    for n in range(3):
        submit(store, config, clock, actor=EDITOR, text=f"editor item {n}")
    with pytest.raises(Refusal):
        submit(store, config, clock, actor=EDITOR, text="")


def test_blocked_members_are_refused(store, config, clock):
    from bot.store import audit

    store.call(audit.block, community=1, platform="console", user_id="ana", by="editor", at="now")
    with pytest.raises(Refusal) as refusal:
        submit(store, config, clock)
    assert refusal.value.key == "blocked"


def test_duplicates_are_flagged_not_refused(store, config, clock):
    first = submit(
        store,
        config,
        clock,
        text="Judge blocks deportations",
        link="https://news.example.org/story?utm_source=x",
    )
    same_link = submit(
        store,
        config,
        clock,
        actor=OTHER,
        text="Great news from court",
        link="http://www.news.example.org/story/",
    )
    near_text = submit(store, config, clock, actor=OTHER, text="Judge blocks deportations!")
    different = submit(store, config, clock, actor=OTHER, text="Park saved from developers")
    assert first.duplicate_of is None
    assert same_link.duplicate_of == first.number
    assert near_text.duplicate_of == first.number
    assert different.duplicate_of is None


def test_a_batch_flags_repeats_among_its_own_items_as_one_by_one_would(store, config, clock):
    """``submit_many`` reads the latest items once per batch and keeps that list current,
    so each item is compared with the ones just before it in the same batch."""
    community = Community(id=1, slug="test", config=config)
    texts = [
        "Judge blocks deportations",  # 1
        "Park saved from developers",  # 2
        "Judge blocks the deportations",  # 3: repeats 1
        "Bus line restored for night shifts",  # 4
        "The park saved from developers",  # 5: repeats 2
        "Bus line restored for the night shifts",  # 6: repeats 4
    ]
    members = [Actor("console", f"m{n}", f"Member {n}") for n in range(len(texts))]
    requests = [
        intake.Request(community, member, Submission(text=text), now=clock.now())
        for member, text in zip(members, texts, strict=True)
    ]
    receipts = store.call(intake.submit_many, requests)
    assert [(r.number, r.duplicate_of) for r in receipts] == [
        (1, None),
        (2, None),
        (3, 1),
        (4, None),
        (5, 2),
        (6, 4),
    ]
    # A later batch sees them all (and a refused item in it changes nothing for the rest).
    again = store.call(
        intake.submit_many,
        [
            intake.Request(community, members[0], Submission(text=""), now=clock.now()),
            intake.Request(community, OTHER, Submission(text=texts[3] + "!"), now=clock.now()),
        ],
    )
    assert isinstance(again[0], Refusal)
    assert (again[1].number, again[1].duplicate_of) == (7, 4)


def test_what_was_accepted_is_stored_exactly(store, config, clock):
    text = "SQL'); DROP TABLE victories;-- <!channel> @everyone **bold** 🇺🇦 👩🏿‍🔬"
    receipt = submit(store, config, clock, text=text)
    assert store.call(victories.get, receipt.number).text == text
    actor = Actor(platform="slack", user_id="U1", display_name="x" * 300)
    receipt = submit(store, config, clock, actor=actor, text="long name")
    assert len(store.call(victories.get, receipt.number).display_name) == 80


def test_a_batch_across_communities_numbers_each_and_a_refusal_leaves_nothing(store, config, clock):
    """Without a savepoint per item, a refused item must still leave no row behind, and
    each community's numbers stay consecutive within the batch and after it."""
    from bot.store import communities

    second = store.call(communities.create, slug="second", now="2026-01-01T00:00:00+00:00")
    one, two = (
        Community(id=1, slug="test", config=config),
        Community(id=second, slug="second", config=config),
    )
    cooldown = make_config(intake={"cooldown": "1h"})
    strict = Community(id=1, slug="test", config=cooldown)

    def request(community, actor, text):
        return intake.Request(community, actor, Submission(text=text), now=clock.now())

    results = store.call(
        intake.submit_many,
        [
            request(one, MEMBER, "Rent strike won"),  # 1 in community 1
            request(two, MEMBER, "Rent strike won"),  # 1 in community 2 (no repeat across)
            request(strict, MEMBER, "Library stays open"),  # refused: cooldown
            request(one, OTHER, "Clinic funded"),  # 2 in community 1
            request(two, OTHER, "Park saved"),  # 2 in community 2
        ],
    )
    assert isinstance(results[2], Refusal) and results[2].key == "cooldown"
    kept = [r for r in results if not isinstance(r, Refusal)]
    assert [(r.number, r.duplicate_of) for r in kept] == [
        (1, None),
        (1, None),
        (2, None),
        (2, None),
    ]
    rows = store.call(
        lambda db: db.execute(
            "SELECT community_id, number, text FROM victories ORDER BY id"
        ).fetchall()
    )
    assert rows == [
        (1, 1, "Rent strike won"),
        (second, 1, "Rent strike won"),
        (1, 2, "Clinic funded"),
        (second, 2, "Park saved"),
    ]
    audits = store.call(lambda db: db.execute("SELECT count(*) FROM audit").fetchone()[0])
    assert audits == 4  # nothing of the refused item, not even its audit row
    later = store.call(intake.submit_many, [request(one, EDITOR, "Bus line restored")])
    assert later[0].number == 3
