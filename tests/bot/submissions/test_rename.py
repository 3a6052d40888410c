"""A member answered under a stand-in name (a Slack handle) is credited under their real
name once it is known: only their items stored under that stand-in change."""

import dataclasses

from bot.model import Submission
from bot.store import victories
from bot.submissions import intake, members
from tests.conftest import MEMBER, OTHER


def submit(store, config, clock, actor, text="The library stayed open"):
    return store.call(
        intake.submit,
        community=1,
        config=config,
        actor=actor,
        submission=Submission(text=text),
        now=clock.now(),
        exempt=False,
    )


def names(store) -> dict[int, str]:
    rows = store.call(lambda db: list(db.query("SELECT id, display_name FROM victories")))
    return {row["id"]: row["display_name"] for row in rows}


def test_only_the_members_items_under_the_stand_in_are_renamed(store, config, clock):
    handle = dataclasses.replace(MEMBER, display_name="ana")
    first = submit(store, config, clock, handle, "Rent strike won")
    second = submit(store, config, clock, handle, "Council passed the bill")
    named = submit(store, config, clock, MEMBER, "The pool reopened")  # already named
    other = submit(store, config, clock, dataclasses.replace(OTHER, display_name="ana"))
    renamed = store.call(members.rename_many, [(1, MEMBER, "ana")])
    assert sorted(item.id for item in renamed) == [first.victory_id, second.victory_id]
    assert all(item.display_name == "Ana Lopez" for item in renamed)
    assert names(store) == {
        first.victory_id: "Ana Lopez",
        second.victory_id: "Ana Lopez",
        named.victory_id: "Ana Lopez",
        other.victory_id: "ana",  # another member with the same handle is not touched
    }


def test_the_real_name_is_cleaned_like_at_intake(store, config, clock):
    handle = dataclasses.replace(MEMBER, display_name="<!channel>\u200b")
    receipt = submit(store, config, clock, handle)
    hostile = dataclasses.replace(MEMBER, display_name="Ana\x00 " + "L" * 200)
    [item] = store.call(members.rename_many, [(1, hostile, "<!channel>\u200b")])
    assert "\x00" not in item.display_name and len(item.display_name) <= intake.MAX_NAME
    assert store.call(victories.get, receipt.victory_id).display_name == item.display_name


def test_same_name_changes_nothing(store, config, clock):
    submit(store, config, clock, MEMBER)
    assert store.call(members.rename_many, [(1, MEMBER, "Ana Lopez")]) == []


def test_the_locale_learnt_with_the_name_is_kept_for_later_notices(store, config, clock):
    receipt = submit(store, config, clock, dataclasses.replace(MEMBER, display_name="ana"))
    spanish = dataclasses.replace(MEMBER, locale="es-ES")
    [item] = store.call(members.rename_many, [(1, spanish, "ana")])
    assert (item.display_name, item.locale) == ("Ana Lopez", "es-ES")
    assert store.call(victories.get, receipt.victory_id).locale == "es-ES"


def test_many_members_renamed_in_one_go(store, config, clock):
    ana = submit(store, config, clock, dataclasses.replace(MEMBER, display_name="ana"))
    ben = submit(store, config, clock, dataclasses.replace(OTHER, display_name="ben"))
    renamed = store.call(
        members.rename_many, [(1, MEMBER, "ana"), (1, OTHER, "ben"), (1, MEMBER, "ana")]
    )
    assert sorted(item.id for item in renamed) == [ana.victory_id, ben.victory_id]
    assert names(store) == {ana.victory_id: "Ana Lopez", ben.victory_id: "Ben Okafor"}
