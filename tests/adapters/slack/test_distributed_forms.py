"""Two workspaces, two communities: a button or a form acts in the community of the
workspace it came from, whatever its action id or a crafted modal's metadata says."""

from __future__ import annotations

import json

from adapters.slack import form_views
from tests.adapters.slack.conftest import eventually
from tests.adapters.slack.pressing import radio_value, text_value
from tests.adapters.slack.test_distribution import A, B, installer, set_up  # noqa: F401
from tests.fakes.slack_requests import block_actions, interactive_body, view_submission


def items(store) -> dict[tuple[int, int], tuple[str, str]]:
    rows = store.call(
        lambda db: list(db.query("SELECT community_id, number, status, text FROM victories"))
    )
    return {(r["community_id"], r["number"]): (r["status"], r["text"]) for r in rows}


async def test_a_crafted_form_cannot_reach_another_community(installer, store):  # noqa: F811
    api = installer.api
    for ws in (A, B):
        await set_up(installer, ws)
        said = await installer.command_in(
            ws,
            f"set slack.moderators.users <@{ws['admin']}>",
            user=ws["admin"],
            command="/victories",
        )
        assert "Saved" in said, said
        await installer.command_in(ws, f"News from {ws['name']}", user=ws["member"])
    await installer.core.settle()
    before = items(store)
    beta = next(key for key, (_, text) in before.items() if "Beta" in text)

    # Alpha's editor presses Approve on item #1 from Alpha: Alpha's #1, never Beta's.
    press = block_actions(
        user_id=A["admin"], action_id="victory:approve:1", channel="C0REVIEWTA", team_id="TA"
    )
    status, _ = await installer.signed(interactive_body(press))
    assert status == 200
    await eventually(lambda: sum(s == "approved" for s, _ in items(store).values()) == 1)
    assert items(store)[beta] == before[beta]

    # A crafted edit form naming Beta's community in its metadata still edits Alpha's #1.
    view = form_views.edit_view(1, {}, max_length=600)
    view["private_metadata"] = json.dumps({"number": 1, "community": beta[0], "team": "TB"})
    values = {
        "text": text_value("Rewritten by Alpha"),
        "link": text_value(None, "url_text_input"),
        "thanks": text_value(None),
        "credit": radio_value("name"),
    }
    payload = view_submission(user_id=A["admin"], view=view, values=values, team_id="TA")
    status, body = await installer.signed(interactive_body(payload))
    assert status == 200 and json.loads(body)["response_action"] == "update"
    after = items(store)
    assert after[beta] == before[beta]
    assert [text for _, text in after.values()].count("Rewritten by Alpha") == 1
    # Beta's editor-less member pressing in Beta changes nothing there either.
    press = block_actions(user_id=B["member"], action_id="victory:approve:1", team_id="TB")
    status, _ = await installer.signed(interactive_body(press))
    assert status == 200
    await installer.core.settle()
    assert items(store)[beta] == before[beta]
    assert api.calls_to("views.open") == []
