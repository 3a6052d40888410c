"""The words on buttons and forms, shared by the Slack and Discord adapters so both
platforms say the same thing. Each is a key in content/messages.yaml."""

from __future__ import annotations

from bot.chat.replies import Form
from bot.issues.editorial import SLOT_NAMES
from bot.messages import fill

# A review card's buttons, by the action in their id ("victory:<action>:<number>").
BUTTONS = {
    "approve": "ui_approve",
    "feature": "ui_feature",
    "reject": "ui_reject",
    "edit": "ui_edit",
}
FORM_TITLES = {
    "victory": "ui_form_victory",
    "edit": "ui_form_edit",
    "reject": "ui_form_reject",
    "slot": "ui_form_slot",
}
# Form fields by name; a slot's one field is "text", labelled "slot".
FIELDS = {
    "text": "ui_field_text",
    "link": "ui_field_link",
    "thanks_to": "ui_field_thanks_to",
    "credit": "ui_field_credit",
    "reason": "ui_field_reason",
    "slot": "ui_field_slot",
}
# Other words: a form's submit and cancel, and the message shortcut / context-menu command.
OTHER = {"save": "ui_save", "cancel": "ui_cancel", "share": "ui_share_as_victory"}


def button(action: str) -> str:
    return fill(BUTTONS[action])


def form_title(form: Form) -> str:
    """The form's title, e.g. "Edit victory #12" or "The editor's note"."""
    return fill(FORM_TITLES[form.kind], number=form.number, slot=SLOT_NAMES.get(form.slot, ""))


def field(name: str) -> str:
    return fill(FIELDS[name])


def word(name: str) -> str:
    return fill(OTHER[name])
