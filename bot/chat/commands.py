"""The chat commands, parsed once here and relayed by every adapter.

``/victory ...`` is for members; ``/victories ...`` holds the editors' verbs (see
``bot.chat.editor_commands``). Each verb parses its line, calls one service and renders
the service's typed result; a ``Refusal`` becomes a friendly reply.

Every reply is said in the language of whoever typed (``replying_to``): their platform's
locale when we ship that language, else the community's. What others see (cards, the
issue, notices in the review channel) names the community's language itself.
"""

from __future__ import annotations

from bot.chat import editor_commands, words
from bot.chat.replies import Reply, decided, receipt, refused, says
from bot.core import Core
from bot.document import lines_document, one_line
from bot.messages import reply_language, say, say_doc, speaking
from bot.model import Actor, Community, Refusal, Submission
from bot.submissions.members import state_label
from bot.submissions.parsing import parse_submission

number = words.number


def replying_to(actor: Actor, community: Community):
    """Speak ``actor``'s language (else the community's) in everything said inside."""
    return speaking(reply_language(actor.locale, community.language))


async def submit(core: Core, community: Community, actor: Actor, submission: Submission) -> Reply:
    """A submission from a form (Slack's modal, Discord's options) or a typed line."""
    with replying_to(actor, community):
        try:
            return receipt(await core.submissions.submit(community, actor, submission))
        except Refusal as refusal:
            return refused(refusal)


async def react(
    core: Core,
    community: Community,
    *,
    actor: Actor,
    platform: str,
    channel: str,
    message_id: str,
    emoji: str,
    added: bool,
) -> Reply | None:
    """A reaction on a message; None when it is not a decision on one of our cards."""
    with replying_to(actor, community):
        try:
            outcome = await core.review.react(
                community,
                actor=actor,
                platform=platform,
                channel=channel,
                message_id=message_id,
                emoji=emoji,
                added=added,
            )
        except Refusal as refusal:
            return refused(refusal)
        return decided(outcome) if outcome else None


MEMBER_VERBS = ("", "help", "mine", "edit", "withdraw")  # any other first word: a share


def is_share(text: str) -> bool:
    """Whether ``/victory text`` shares a victory (rather than asking for help, listing or
    changing one's own)."""
    return text.strip().partition(" ")[0].lower() not in MEMBER_VERBS


async def victory(core: Core, community: Community, actor: Actor, text: str) -> Reply:
    verb, _, rest = text.strip().partition(" ")
    verb = verb.lower()
    try:
        if verb in ("", "help"):
            return Reply(say_doc("help_victory"))
        if actor.is_bot:  # a member's verbs are for people; intake refuses bots the same way
            raise Refusal("bots_cannot_share")
        if verb == "mine":
            items = await core.submissions.mine(community, actor)
            if not items:
                return says("nothing_mine")
            lines = [say("mine_heading")] + [
                say("mine_line", number=v.number, state=state_label(v), text=one_line(v.text, 120))
                for v in items
            ]
            return Reply(lines_document(*lines))
        if verb == "edit":
            number_text, _, new_text = rest.strip().partition(" ")
            item = await core.submissions.edit(community, actor, number(number_text), new_text)
            return says("edited", number=item.number)
        if verb == "withdraw":
            item = await core.submissions.withdraw(community, actor, number(rest))
            return says("withdrawn", number=item.number)
        return receipt(await core.submissions.submit(community, actor, parse_submission(text)))
    except Refusal as refusal:
        return refused(refusal)


async def handle(core: Core, community: Community, actor: Actor, command: str, text: str) -> Reply:
    """Dispatch ``/victory`` or ``/victories`` with the rest of the line."""
    with replying_to(actor, community):
        if command.lstrip("/") == "victory":
            return await victory(core, community, actor, text)
        if command.lstrip("/") == "victories":
            return await editor_commands.victories(core, community, actor, text)
        return says("unknown_command", ok=False, command=command[:40], help="/victory help")
