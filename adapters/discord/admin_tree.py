"""The admins' subcommands of ``/victories``: ``setup`` (issue 13: name, time zone,
review channel, digest channels, editors, weekday, time, with channel and role pickers),
``set`` and ``link``.

The options given to ``setup`` are checked as ``/victories set <key> <value>`` checks
each (the same checks as the settings file) and saved together or not at all, each
change in the audit log, as the Slack setup form does; one private answer lists the
changes, or each refused key and why.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Awaitable, Callable
from functools import cache

import discord
from discord import app_commands

from adapters.discord.describe import choice
from adapters.discord.describe import text as desc
from adapters.discord.replying import actor, in_community, respond
from bot.chat import commands
from bot.chat.replies import Reply, says
from bot.communities.settings import KEYS
from bot.core import Core
from bot.document import lines_document
from bot.messages import say
from bot.model import Actor, Community, Refusal

Run = Callable[[discord.Interaction, str], Awaitable[None]]
WEEKDAYS = [
    choice("cmd_choice_day_monday", "monday"),
    choice("cmd_choice_day_tuesday", "tuesday"),
    choice("cmd_choice_day_wednesday", "wednesday"),
    choice("cmd_choice_day_thursday", "thursday"),
    choice("cmd_choice_day_friday", "friday"),
    choice("cmd_choice_day_saturday", "saturday"),
    choice("cmd_choice_day_sunday", "sunday"),
]


class TextChannels(app_commands.Transformer):
    """A channel picker offering only channels the bot can post an issue in."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return [discord.ChannelType.text, discord.ChannelType.news]

    async def transform(self, interaction: discord.Interaction, value: object) -> object:
        return value  # only its id is used


Channel = app_commands.Transform[app_commands.AppCommandChannel, TextChannels]


@cache
def zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def matching(typed: str, names: tuple[str, ...] | list[str]) -> list[app_commands.Choice[str]]:
    wanted = typed.strip().lower().replace(" ", "_")
    found = [name for name in names if wanted in name.lower()]
    return [app_commands.Choice(name=name, value=name) for name in found[:25]]


def setup_changes(
    *,
    name: str | None,
    timezone: str | None,
    review: int | None,
    digests: list[int],
    editors: int | None,
    weekday: str | None,
    time: str | None,
) -> list[tuple[str, str]]:
    """The settings ``setup``'s options stand for, as typed values, in the form's order;
    channels and roles as the mentions ``/victories set`` takes."""
    wanted = [
        ("community.name", name),
        ("community.timezone", timezone),
        ("discord.review_channel", f"<#{review}>" if review else None),
        ("discord.digest_channels", " ".join(f"<#{c}>" for c in digests) or None),
        ("discord.moderator_roles", f"<@&{editors}>" if editors else None),
        ("schedule.weekday", weekday),
        ("schedule.time", time),
    ]
    return [(key, value) for key, value in wanted if value]


async def apply_setup(
    core: Core, community: Community, who: Actor, changes: list[tuple[str, str]]
) -> Reply:
    """The options given, checked as ``/victories set`` checks each and saved together or
    not at all (as the Slack setup form is): the changes, or each refused key and why."""
    if not core.communities.is_admin(who, community):
        return says("not_admin", ok=False)
    if not changes:  # no options: the guide to what to set
        return await commands.handle(core, community, who, "victories", "setup")
    try:
        saved, changed, refused = await core.communities.change_many(community, who, dict(changes))
    except Refusal as refusal:
        return says(refusal.key, ok=False, **refusal.fields)
    if refused:
        lines = [say("discord_setup_refused")]
        lines += [say(r.key, **r.fields) for r in refused.values()]
        return Reply(lines_document(*lines), ok=False)
    if not changed:
        return says("setup_unchanged", community=saved.slug)
    now = dict(core.communities.settings(saved))
    lines = [say("setup_saved", community=saved.slug)]
    lines += [say("settings_line", setting=key, value=now[key]) for key in changed]
    return Reply(lines_document(*lines))


def add_admin_commands(group: app_commands.Group, core: Core, *, run: Run, defer_after: float):
    @group.command(name="setup", description=desc("cmd_victories_setup"))
    @app_commands.describe(
        name=desc("cmd_opt_setup_name"),
        timezone=desc("cmd_opt_setup_timezone"),
        review_channel=desc("cmd_opt_setup_review"),
        digest_channel=desc("cmd_opt_setup_digest"),
        digest_channel_2=desc("cmd_opt_setup_digest_more"),
        digest_channel_3=desc("cmd_opt_setup_digest_more"),
        editors=desc("cmd_opt_setup_editors"),
        weekday=desc("cmd_opt_setup_weekday"),
        time=desc("cmd_opt_setup_time"),
    )
    @app_commands.choices(weekday=WEEKDAYS)
    async def setup(
        interaction: discord.Interaction,
        name: str | None = None,
        timezone: str | None = None,
        review_channel: Channel | None = None,
        digest_channel: Channel | None = None,
        digest_channel_2: Channel | None = None,
        digest_channel_3: Channel | None = None,
        editors: discord.Role | None = None,
        weekday: app_commands.Choice[str] | None = None,
        time: str | None = None,
    ) -> None:
        digests = [c.id for c in (digest_channel, digest_channel_2, digest_channel_3) if c]
        changes = setup_changes(
            name=name,
            timezone=timezone,
            review=review_channel.id if review_channel else None,
            digests=digests,
            editors=editors.id if editors else None,
            weekday=weekday.value if weekday else None,
            time=time,
        )
        who = actor(interaction)
        work = in_community(core, interaction, lambda c: apply_setup(core, c, who, changes))
        await respond(interaction, work, defer_after=defer_after)

    @setup.autocomplete("timezone")
    async def complete_zone(interaction: discord.Interaction, typed: str):
        return matching(typed, zones())

    @group.command(name="set", description=desc("cmd_victories_set"))
    @app_commands.describe(
        key=desc("cmd_opt_set_key"),
        value=desc("cmd_opt_set_value"),
        channel=desc("cmd_opt_set_channel"),
        role=desc("cmd_opt_set_role"),
    )
    async def set_(
        interaction: discord.Interaction,
        key: str,
        value: str | None = None,
        channel: Channel | None = None,
        role: discord.Role | None = None,
    ) -> None:
        words = [
            value or "",
            f"<#{channel.id}>" if channel else "",
            f"<@&{role.id}>" if role else "",
        ]
        await run(interaction, " ".join(["set", key, *filter(None, words)]))

    @set_.autocomplete("key")
    async def complete_key(interaction: discord.Interaction, typed: str):
        return matching(typed, list(KEYS))

    @group.command(name="link", description=desc("cmd_victories_link"))
    @app_commands.describe(code=desc("cmd_opt_link_code"))
    async def link(interaction: discord.Interaction, code: str | None = None) -> None:
        await run(interaction, f"link {code}" if code else "link")
