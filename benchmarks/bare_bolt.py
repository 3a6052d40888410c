"""P1's Slack baseline: a bare slack-bolt AsyncApp whose /victory handler only acks.

Served the way our Slack adapter serves HTTP mode (``AsyncApp.web_app`` on an aiohttp
site), with a Web API client on the same fake, so the only difference P1 measures is
what our bot does. ``python -m benchmarks.bare_bolt PORT SIGNING_SECRET API_URL``;
stops on SIGTERM.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from aiohttp import web
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

READY_LINE = "bare bolt listening"


async def main(port: int, secret: str, api_url: str) -> None:
    app = AsyncApp(
        client=AsyncWebClient(token="xoxb-bench", base_url=api_url), signing_secret=secret
    )

    @app.command("/victory")
    async def victory(ack) -> None:
        await ack()

    runner = web.AppRunner(app.web_app(path="/slack/events", port=port))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    print(READY_LINE, file=sys.stderr, flush=True)
    await stop.wait()
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2], sys.argv[3]))
