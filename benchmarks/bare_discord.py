"""P1's Discord baseline: a bare discord.py client whose /victory share answers at once.

Same library, same fake gateway and REST as our bot, so the difference is our work
(storing the item) between the interaction and its answer.
``python -m benchmarks.bare_discord TOKEN API_URL GATEWAY_URL APPLICATION_ID``; stops on
SIGTERM.
"""

from __future__ import annotations

import asyncio
import signal
import sys

import discord
import yarl
from discord import app_commands

READY_LINE = "bare discord ready"


async def main(token: str, api_url: str, gateway_url: str, application_id: str) -> None:
    discord.http.Route.BASE = api_url
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    client = discord.Client(
        intents=discord.Intents.none(),
        application_id=int(application_id),
        guild_ready_timeout=0.05,
    )
    tree = app_commands.CommandTree(client)
    # The same shape as the bot's: /victory share text:...
    group = app_commands.Group(name="victory", description="Share good news")

    @group.command(name="share", description="Share a piece of good news")
    async def share(interaction: discord.Interaction, text: str | None = None) -> None:
        await interaction.response.send_message("Thanks!", ephemeral=True)

    tree.add_command(group)

    await client.login(token)
    runner = asyncio.create_task(client.connect())
    await client.wait_until_ready()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    print(READY_LINE, file=sys.stderr, flush=True)
    await stop.wait()
    await client.close()
    await runner


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
