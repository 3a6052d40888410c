"""Issue 13's isolation matrix, for issue 15's buttons, forms and shortcut, on two Slack
workspaces installed through OAuth (see tests/isolation_matrix.py): from workspace A,
every card button on every number, every form (reject reason, copy-edit, slot, the shared
victory) and the "Share as a victory" shortcut act only on A's own item or are refused;
nothing of B changes, and no call is made with B's token."""

from __future__ import annotations

import json

from adapters.slack import form_views
from tests.adapters.slack.conftest import eventually
from tests.adapters.slack.pressing import radio_value, text_value
from tests.adapters.slack.test_distribution import (  # noqa: F401  (installer: a fixture)
    TOKENS,
    A,
    B,
    community_of,
    installer,
    set_up,
)
from tests.fakes.slack_requests import block_actions, message_action, view_submission
from tests.isolation_matrix import (
    A_TEXT,
    B_NOTE,
    B_ONLY,
    B_TEXTS,
    BUTTONS,
    OWN,
    items,
    snapshot,
)


def edit_values(text: str) -> dict:
    return {
        "text": text_value(text),
        "link": text_value(None, "url_text_input"),
        "thanks": text_value(None),
        "credit": radio_value("name"),
    }


async def press(bot, action: str, number: int) -> None:
    payload = block_actions(
        user_id=A["admin"],
        action_id=f"victory:{action}:{number}",
        channel="C0REVIEWTA",
        team_id=A["team"],
    )
    assert await bot.interact(payload) == 200
    await bot.core.settle()


async def submit(bot, view: dict, values: dict) -> dict:
    payload = view_submission(user_id=A["admin"], view=view, values=values, team_id=A["team"])
    answer = await bot.interact_answer(payload)
    await bot.core.settle()
    return answer


async def opened(bot, count: int) -> dict:
    await eventually(lambda: len(bot.api.views) >= count)
    return bot.api.views[count - 1]["view"]


async def test_from_workspace_a_no_button_form_or_shortcut_reaches_b(installer, store):  # noqa: F811
    bot, api = installer, installer.api
    for ws in (A, B):
        await set_up(bot, ws)
        said = await bot.command_in(
            ws,
            f"set slack.moderators.users <@{ws['admin']}>",
            user=ws["admin"],
            command="/victories",
        )
        assert "Saved" in said, said
    await bot.command_in(A, A_TEXT, user=A["member"])
    for text in B_TEXTS:  # B's editor shares them (editors have no cooldown)
        assert "#" in await bot.command_in(B, text, user=B["admin"])
    assert "Saved" in await bot.command_in(
        B, f"note {B_NOTE}", user=B["admin"], command="/victories"
    )
    await bot.core.settle()
    alpha, beta = community_of(store, A_TEXT), community_of(store, B_TEXTS[0])
    assert alpha != beta and sorted(items(store, beta)) == [1, 2, 3]
    before_b, before_a = snapshot(store, beta), items(store, alpha)
    beta_calls = len([c for c in api.calls if c.token == TOKENS["TB"]])

    # B's numbers, pressed from A: each button refused, no form opens, nothing changes.
    for number in B_ONLY:
        for action in BUTTONS:
            await press(bot, action, number)
            assert items(store, alpha) == before_a, (action, number)
    assert api.views == []
    # Forms naming B's numbers (as a crafted modal would), submitted from A: refused.
    for view in (form_views.reject_view(2), form_views.edit_view(3, {}, max_length=600)):
        values = {"reason": text_value("Crafted")} if "reason" in json.dumps(view) else {}
        answer = await submit(bot, view, values or edit_values("Crafted from A"))
        assert answer.get("response_action") == "errors", answer
        assert "no victory" in json.dumps(answer["errors"]).lower(), answer
        assert items(store, alpha) == before_a
    assert snapshot(store, beta) == before_b

    # The number both have: every button acts on A's #1 only.
    await press(bot, "approve", OWN)
    assert items(store, alpha)[OWN][:2] == ("approved", False)
    await press(bot, "feature", OWN)
    assert items(store, alpha)[OWN][:2] == ("approved", True)
    await press(bot, "edit", OWN)
    edit = await opened(bot, 1)
    prefilled = next(b for b in edit["blocks"] if b["block_id"] == "text")
    assert prefilled["element"]["initial_value"] == A_TEXT  # A's #1, never B's
    answer = await submit(bot, edit, edit_values("Alpha's library stays open late"))
    assert answer.get("response_action") == "update", answer
    assert items(store, alpha)[OWN][2] == "Alpha's library stays open late"
    await press(bot, "reject", OWN)
    reason = await opened(bot, 2)
    await submit(bot, reason, {"reason": text_value("Next week instead")})
    assert items(store, alpha)[OWN][0::3] == ("rejected", "Next week instead")

    # A slot form submitted from A writes A's note; B keeps its own.
    note = form_views.slot_view("note", {"text": ""})
    answer = await submit(bot, note, {"text": text_value("Alpha's note\n\nSecond paragraph")})
    assert answer.get("response_action") == "update", answer

    # "Share as a victory" in A: the item is A's #2, never B's.
    message = {"text": "Alpha's clinic reopens https://example.org/c", "user": A["member"]}
    shortcut = message_action(user_id=A["admin"], message=message, team_id=A["team"])
    assert await bot.interact(shortcut) == 200
    shared = await opened(bot, 3)
    await submit(bot, shared, edit_values("Alpha's clinic reopens"))
    assert items(store, alpha)[2][2] == "Alpha's clinic reopens"

    assert snapshot(store, beta) == before_b
    assert len([c for c in api.calls if c.token == TOKENS["TB"]]) == beta_calls
    preview = await bot.command_in(A, "preview", user=A["admin"], command="/victories")
    assert "Alpha's note" in preview and B_NOTE not in preview
