"""Block Kit limits the fake Slack enforces, as Slack's reference documents them.

``problems(blocks, surface)`` and ``view_problems(view)`` list what Slack would refuse
(it answers ``invalid_blocks`` / ``invalid_arguments`` with such messages); an empty list
means the payload is acceptable. Only the elements the bot sends are modelled; any other
element type is itself a problem, so a new kind of block cannot slip through unchecked.
"""

from __future__ import annotations

from typing import Any

MAX_BLOCKS = {"message": 50, "modal": 100, "home": 100}
SECTION_TEXT = 3000
HEADER_TEXT = 150
ACTIONS_ELEMENTS = 25
CONTEXT_ELEMENTS = 10
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ACTION_ID = 255
BLOCK_ID = 255
VIEW_TITLE = 24  # title, submit and close of a modal
PRIVATE_METADATA = 3000
CALLBACK_ID = 255
INPUT_LABEL = 2000
INPUT_HINT = 2000
INPUT_MAX = 3000  # plain_text_input max_length
RADIO_OPTIONS = 10
OPTION_TEXT = 75
OPTION_VALUE = 150
STYLES = {"primary", "danger"}


def _text(obj: Any, limit: int, where: str, *, plain: bool = False) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        return [f"{where}: not a text object"]
    if plain and obj["type"] != "plain_text":
        return [f"{where}: must be plain_text"]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [f"{where}: text must be a non-empty string"]
    return [f"{where}: longer than {limit}"] if len(text) > limit else []


def _button(element: dict, where: str) -> list[str]:
    found = _text(element.get("text"), BUTTON_TEXT, f"{where}.text", plain=True)
    if len(element.get("action_id", "")) > ACTION_ID:
        found.append(f"{where}.action_id: longer than {ACTION_ID}")
    if len(element.get("value", "")) > BUTTON_VALUE:
        found.append(f"{where}.value: longer than {BUTTON_VALUE}")
    if "style" in element and element["style"] not in STYLES:
        found.append(f"{where}.style: must be primary or danger")
    return found


SELECT_OPTIONS = 100  # static selects
PLACEHOLDER = 150
# Elements that need no check beyond a placeholder and their action_id.
PLAIN_ELEMENTS = {
    "url_text_input",
    "email_text_input",
    "number_input",
    "datepicker",
    "timepicker",
    "external_select",
    "multi_external_select",
    "users_select",
    "multi_users_select",
    "conversations_select",
    "multi_conversations_select",
    "channels_select",
    "multi_channels_select",
}


def _options(element: dict, where: str, limit: int) -> list[str]:
    options = element.get("options") or []
    found = [] if 1 <= len(options) <= limit else [f"{where}.options: must hold 1..{limit}"]
    for n, option in enumerate(options):
        found += _text(option.get("text"), OPTION_TEXT, f"{where}.options[{n}].text")
        if len(option.get("value", "")) > OPTION_VALUE:
            found.append(f"{where}.options[{n}].value: longer than {OPTION_VALUE}")
    chosen = element.get("initial_options") or []
    if "initial_option" in element:
        chosen = [element["initial_option"]]
    if any(option not in options for option in chosen):
        found.append(f"{where}.initial_option: not one of the options")
    return found


def _input_element(element: dict, where: str) -> list[str]:
    kind = element.get("type")
    found: list[str] = []
    if "placeholder" in element:
        found += _text(element["placeholder"], PLACEHOLDER, f"{where}.placeholder", plain=True)
    if kind == "plain_text_input":
        limit = element.get("max_length", INPUT_MAX)
        if not 1 <= limit <= INPUT_MAX:
            found.append(f"{where}.max_length: must be 1..{INPUT_MAX}")
        if len(element.get("initial_value", "")) > limit:
            found.append(f"{where}.initial_value: longer than max_length")
    elif kind in ("radio_buttons", "checkboxes"):
        found += _options(element, where, RADIO_OPTIONS)
    elif kind in ("static_select", "multi_static_select"):
        found += _options(element, where, SELECT_OPTIONS)
    elif kind not in PLAIN_ELEMENTS:
        found.append(f"{where}: unsupported element {kind!r}")
    return found


def _block(block: dict, where: str, surface: str) -> list[str]:
    kind = block.get("type")
    found: list[str] = []
    if len(block.get("block_id", "")) > BLOCK_ID:
        found.append(f"{where}.block_id: longer than {BLOCK_ID}")
    if kind == "section":
        found += _text(block.get("text"), SECTION_TEXT, f"{where}.text")
        if "accessory" in block:
            found += _button(block["accessory"], f"{where}.accessory")
    elif kind == "header":
        found += _text(block.get("text"), HEADER_TEXT, f"{where}.text", plain=True)
    elif kind == "context":
        elements = block.get("elements") or []
        if not 1 <= len(elements) <= CONTEXT_ELEMENTS:
            found.append(f"{where}.elements: must hold 1..{CONTEXT_ELEMENTS}")
        for n, element in enumerate(elements):
            found += _text(element, SECTION_TEXT, f"{where}.elements[{n}]")
    elif kind == "actions":
        elements = block.get("elements") or []
        if not 1 <= len(elements) <= ACTIONS_ELEMENTS:
            found.append(f"{where}.elements: must hold 1..{ACTIONS_ELEMENTS}")
        for n, element in enumerate(elements):
            if element.get("type") != "button":
                found.append(f"{where}.elements[{n}]: unsupported element")
            else:
                found += _button(element, f"{where}.elements[{n}]")
    elif kind == "input":
        if surface != "modal":
            found.append(f"{where}: input blocks belong in modals")
        found += _text(block.get("label"), INPUT_LABEL, f"{where}.label", plain=True)
        if "hint" in block:
            found += _text(block["hint"], INPUT_HINT, f"{where}.hint", plain=True)
        found += _input_element(block.get("element") or {}, f"{where}.element")
    elif kind != "divider":
        found.append(f"{where}: unsupported block {kind!r}")
    return found


def problems(blocks: Any, surface: str = "message") -> list[str]:
    """What Slack would refuse in ``blocks`` on ``surface`` (message, modal or home)."""
    if not isinstance(blocks, list):
        return ["blocks: must be a list"]
    found = []
    if len(blocks) > MAX_BLOCKS[surface]:
        found.append(f"blocks: more than {MAX_BLOCKS[surface]}")
    block_ids = [b.get("block_id") for b in blocks if b.get("block_id")]
    if len(block_ids) != len(set(block_ids)):
        found.append("blocks: block_id repeated")
    action_ids = [
        (b.get("block_id"), e.get("action_id"))
        for b in blocks
        for e in (b.get("elements") or [b.get("element") or {}])
        if isinstance(e, dict) and e.get("action_id")
    ]
    if len(action_ids) != len(set(action_ids)):
        found.append("blocks: action_id repeated within a block")
    for n, block in enumerate(blocks):
        found += _block(block, f"blocks[{n}]", surface)
    return found


def view_problems(view: Any) -> list[str]:
    """What Slack would refuse in a modal or home ``view``."""
    if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
        return ["view.type: must be modal or home"]
    found = problems(view.get("blocks"), view["type"])
    if len(view.get("private_metadata", "")) > PRIVATE_METADATA:
        found.append(f"view.private_metadata: longer than {PRIVATE_METADATA}")
    if len(view.get("callback_id", "")) > CALLBACK_ID:
        found.append(f"view.callback_id: longer than {CALLBACK_ID}")
    if view["type"] == "modal":
        found += _text(view.get("title"), VIEW_TITLE, "view.title", plain=True)
        for name in ("submit", "close"):
            if name in view:
                found += _text(view[name], VIEW_TITLE, f"view.{name}", plain=True)
        if any(b.get("type") == "input" for b in view.get("blocks") or []) and "submit" not in view:
            found.append("view.submit: required when the view has input blocks")
    return found
