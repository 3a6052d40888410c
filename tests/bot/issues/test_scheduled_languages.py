"""What the scheduler tells editors speaks the community's language, whoever's reply
language was being spoken when the work was queued, and follows a change of setting."""

import datetime as dt

from bot.chat import commands
from bot.clock import ManualClock
from bot.model import Actor, Submission
from bot.render.plain import render_plain
from tests.bot.issues.test_scheduler import Process
from tests.conftest import EDITOR, make_config
from tests.fakes.surface import RecordingSurface

SPANISH = make_config(
    intake={"cooldown": "0s"}, issue={"min_items": 1}, community={"language": "es"}
)


async def submit(bot, text: str) -> None:
    member = Actor("console", "ana", "Ana", locale="en-US")  # her own replies: English
    reply = await commands.submit(bot.core, bot.core.community, member, Submission(text=text))
    assert reply.plain().startswith("Thank you! Your victory is #")


async def test_reminders_are_said_in_the_communitys_language(db_path):
    clock = ManualClock(dt.datetime(2026, 11, 25, 17, tzinfo=dt.UTC))
    surface = RecordingSurface()
    async with Process(db_path, clock, surface, config=SPANISH) as bot:
        await submit(bot, "Necesita revisión")
        assert await bot.scheduler.remind()
        note = render_plain(surface.moderator_notes[-1])
        assert note.startswith("El número 1 sale el viernes 27 de noviembre a las 10:00")
        assert "1 victoria pendiente de revisión" in note and "nota editorial" in note
        await submit(bot, "Otra más, también pendiente")
        assert await bot.scheduler.remind()
        assert "2 victorias pendientes de revisión" in render_plain(surface.moderator_notes[-1])
        # Switched to English in chat: the next reminder follows.
        answer = await commands.handle(
            bot.core, bot.core.community, EDITOR, "victories", "set community.language en"
        )
        assert answer.ok, answer.plain()
        bot.scheduler.community = bot.core.community
        assert await bot.scheduler.remind()
        assert "2 victories waiting for review" in render_plain(surface.moderator_notes[-1])
