"""Each editors' verb's own usage line, shown when it is used empty or wrongly (rather
than the member's ``/victory`` hint)."""

from __future__ import annotations

from bot.chat.replies import Reply, says
from bot.messages import fill
from bot.model import Actor, Refusal

# What each verb expects after it.
USAGE = {
    "issue": "/victories issue <number>",
    "note": "/victories note <text>",
    "song": "/victories song <title> <link>",
    "thanks": "/victories thanks <text>",
    "action": "/victories action <step>",
    "ps": "/victories ps <text>",
    "clear": "/victories clear <note|song|thanks|actions|ps>",
    "approve": "/victories approve <number> [<number> ...]",
    "feature": "/victories feature <number> [<number> ...]",
    "reject": "/victories reject <number> <reason>",
    "publish": "/victories publish now",
    "schedule": "/victories schedule <YYYY-MM-DD HH:MM>",
    "block": "/victories block <user>",
    "unblock": "/victories unblock <user>",
    "subscribers": "/victories subscribers [add <email>]",
    "queue": "/victories queue [page]",
    "move": "/victories move <number> <position>",
    "edit": "/victories edit <number> <new text>",
}

# Refusals about the item named, not about how the line was typed.
ABOUT_THE_ITEM = {
    "unknown_item",
    "already_published",
    "not_editable",
    "not_yours",
    "move_not_ready",
}


def with_usage(verb: str, rest: str, refusal: Refusal) -> Reply | None:
    """The refusal followed by the verb's usage; only the usage for an empty use. None for
    a verb that takes nothing after it."""
    usage = USAGE.get(verb)
    if usage is None:
        return None
    if not rest or refusal.key == "empty":
        return says("usage", ok=False, usage=usage)
    if refusal.key in ABOUT_THE_ITEM:  # typed right: how to type it would only confuse
        return says(refusal.key, ok=False, **refusal.fields)
    return says(refusal.key, ("usage", {"usage": usage}), ok=False, **refusal.fields)


def editors_help(actor: Actor) -> str:
    """Where the editors' help is, as ``actor`` would ask for it. Discord's /victories has
    no room for a help subcommand (25 at most, all taken), so there the editors' help is
    the "editing" choice of /victory help."""
    if actor.platform == "discord":
        return f"/victory help about: {fill('cmd_choice_help_editing')}"
    return "/victories help"
