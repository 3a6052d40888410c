"""``/victory``: what every member can do, as subcommands with typed options.

Each subcommand becomes the typed line it stands for and goes through the core's one
parser (``bot.chat.commands.handle``); ``share`` with no text opens the form instead.
"""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord.describe import choice
from adapters.discord.describe import text as desc
from adapters.discord.replying import (
    FormOpener,
    actor,
    in_community,
    line,
    respond,
    send_form,
)
from bot.chat import commands
from bot.chat.replies import Form, Reply, refused
from bot.core import Core
from bot.model import Community, Refusal, Submission
from bot.submissions.parsing import parse_submission

Number = app_commands.Range[int, 1, 999_999_999]
CREDITS = [
    choice("cmd_credit_name", "name"),
    choice("cmd_credit_first", "first"),
    choice("cmd_credit_anonymous", "anonymous"),
]
HELP_TOPICS = [
    choice("cmd_choice_help_sharing", "victory"),
    choice("cmd_choice_help_editing", "victories"),
]


def member_group(core: Core, *, defer_after: float, open_form: FormOpener) -> app_commands.Group:
    group = app_commands.Group(
        name="victory", description=desc("cmd_victory_group"), guild_only=True
    )

    async def run(interaction: discord.Interaction, command: str, typed: str) -> None:
        await respond(
            interaction,
            line(core, interaction, command, typed),
            defer_after=defer_after,
            open_form=open_form,
        )

    @group.command(name="share", description=desc("cmd_victory_share"))
    @app_commands.describe(
        text=desc("cmd_victory_text"),
        link=desc("cmd_victory_link"),
        thanks_to=desc("cmd_victory_thanks"),
        credit=desc("cmd_victory_credit"),
    )
    @app_commands.choices(credit=CREDITS)
    async def share(
        interaction: discord.Interaction,
        text: str | None = None,
        link: str | None = None,
        thanks_to: str | None = None,
        credit: app_commands.Choice[str] | None = None,
    ) -> None:
        credit_value = credit.value if credit else None
        if not (text or "").strip():
            prefill = {"link": link or "", "thanks_to": thanks_to or "", "credit": credit_value}
            form = Form("victory", prefill={k: v for k, v in prefill.items() if v})
            await send_form(interaction, open_form, form)
            return
        typed, who = text or "", actor(interaction)
        plain = link is None and thanks_to is None and credit_value is None

        async def work(community: Community) -> Reply:
            try:
                # One line as members type it elsewhere: "<text> <link> thanks: Name".
                submission = (
                    parse_submission(typed)
                    if plain
                    else Submission(text=typed, link=link, thanks_to=thanks_to, credit=credit_value)
                )
            except Refusal as refusal:
                return refused(refusal)
            return await commands.submit(core, community, who, submission)

        await respond(
            interaction,
            in_community(core, interaction, work),
            defer_after=defer_after,
            open_form=open_form,
        )

    @group.command(name="mine", description=desc("cmd_victory_mine"))
    async def mine(interaction: discord.Interaction) -> None:
        await run(interaction, "victory", "mine")

    @group.command(name="edit", description=desc("cmd_victory_edit"))
    @app_commands.describe(number=desc("cmd_opt_own_number"), text=desc("cmd_opt_edit_text"))
    async def edit(interaction: discord.Interaction, number: Number, text: str) -> None:
        await run(interaction, "victory", f"edit {number} {text}")

    @group.command(name="withdraw", description=desc("cmd_victory_withdraw"))
    @app_commands.describe(number=desc("cmd_opt_own_number"))
    async def withdraw(interaction: discord.Interaction, number: Number) -> None:
        await run(interaction, "victory", f"withdraw {number}")

    @group.command(name="issue", description=desc("cmd_victory_issue"))
    @app_commands.describe(number=desc("cmd_opt_issue_number"))
    async def issue(interaction: discord.Interaction, number: Number) -> None:
        await run(interaction, "victories", f"issue {number}")

    @group.command(name="latest", description=desc("cmd_victory_latest"))
    async def latest(interaction: discord.Interaction) -> None:
        await run(interaction, "victories", "latest")

    @group.command(name="help", description=desc("cmd_victory_help"))
    @app_commands.describe(about=desc("cmd_opt_help_about"))
    @app_commands.choices(about=HELP_TOPICS)
    async def help_(
        interaction: discord.Interaction, about: app_commands.Choice[str] | None = None
    ) -> None:
        await run(interaction, about.value if about else "victory", "help")

    return group
