"""Issue 13's isolation matrix for issue 15's buttons, forms and shortcut, shared by the
Slack (two installed workspaces) and Discord (two servers) tests.

Community A has one item, #1; community B has #1, #2 and #3 and an editor's note. From A,
an editor presses every card button on every number, submits every form (reject reason,
copy-edit, slot) and shares a message by the shortcut. Each acts on A's own item of that
number, or is refused; nothing of B changes, ever.
"""

from __future__ import annotations

BUTTONS = ("approve", "feature", "reject", "edit")
OWN = 1  # the number both communities have
B_ONLY = (2, 3)  # numbers only B has
A_TEXT = "Alpha's library stays open"
B_TEXTS = ("Beta's first win", "Beta's second win", "Beta's third win")
B_NOTE = "Beta's own note"
TABLES = ("victories", "issues", "audit", "blocked", "state", "deliveries")


def snapshot(store, community: int) -> dict[str, list[tuple]]:
    """Every row of ``community`` that a button, form or shortcut could change."""

    def read(db) -> dict[str, list[tuple]]:
        found = {
            table: [
                tuple(row)
                for row in db.execute(
                    f"SELECT * FROM {table} WHERE community_id = ? ORDER BY 1", (community,)
                )
            ]
            for table in TABLES
        }
        found["cards"] = [
            tuple(row)
            for row in db.execute(
                "SELECT cards.* FROM cards JOIN victories ON victories.id = cards.victory_id"
                " WHERE victories.community_id = ? ORDER BY 1, 2, 3",
                (community,),
            )
        ]
        return found

    return store.call(read)


def items(store, community: int) -> dict[int, tuple[str, bool, str, str | None]]:
    """number -> (status, featured, text, reason) of ``community``'s items."""
    rows = store.call(
        lambda db: db.execute(
            "SELECT number, status, featured, text, reason FROM victories"
            " WHERE community_id = ? ORDER BY number",
            (community,),
        ).fetchall()
    )
    return {r[0]: (r[1], bool(r[2]), r[3], r[4]) for r in rows}
