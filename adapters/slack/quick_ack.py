"""Answer Slack the moment a listener acks, and finish its work in the background.

Bolt can run a listener two ways. Started as a task (``process_before_response=False``),
the request then checks every 10 ms whether the listener has acked: each answer waits for
the next check, and under a burst every waiting request wakes a hundred times a second for
nothing. Run whole (``True``), the answer waits until the listener has finished, even
the work that follows its ack. Our app runs listeners whole, but each is wrapped: the
wrapper starts the listener as a tracked task and returns as soon as it acks (or ends), so
the answer goes out at once and the rest carries on. Event listeners have nothing to put
in their ack: Bolt acks them when the wrapper returns, right after starting them.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from slack_bolt.app.async_app import AsyncApp

from bot.background import Tasks

ACK_TIMEOUT = 3.0  # Slack gives up on an answer after 3 s


class QuickAckApp(AsyncApp):
    """An ``AsyncApp`` whose listeners answer when they ack, not when they finish."""

    def __init__(self, *, tasks: Tasks, **settings: Any) -> None:
        self._background = tasks
        super().__init__(process_before_response=True, **settings)

    def _register_listener(
        self,
        functions: Sequence[Callable[..., Awaitable[Any]]],
        primary_matcher: Any,
        matchers: Any,
        middleware: Any,
        auto_acknowledgement: bool = False,
        ack_timeout: int = 3,
    ) -> Any:
        wrapped = [
            answer_at_ack(f, self._background, event=auto_acknowledgement) for f in functions
        ]
        super()._register_listener(
            wrapped, primary_matcher, matchers, middleware, auto_acknowledgement, ack_timeout
        )
        return functions[0] if len(functions) == 1 else None  # a decorator keeps the function


def answer_at_ack(
    listener: Callable[..., Awaitable[Any]], tasks: Tasks, *, event: bool
) -> Callable[..., Awaitable[None]]:
    what = f"slack listener {getattr(listener, '__qualname__', listener)}"

    # Bolt passes the arguments the listener names (it looks through functools.wraps).
    @functools.wraps(listener)
    async def run(**kwargs: Any) -> None:
        ack = kwargs.get("ack")
        if event or ack is None:
            tasks.spawn(_whole(listener(**kwargs)), what=what)
            return
        answered: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        async def ack_and_answer(*args: Any, **fields: Any) -> Any:
            try:
                return await ack(*args, **fields)
            finally:
                if not answered.done():
                    answered.set_result(None)

        async def listen() -> None:
            try:
                await listener(**{**kwargs, "ack": ack_and_answer})
            except Exception as err:
                if answered.done():
                    raise  # after the answer: the task's failure is logged by ``tasks``
                answered.set_exception(err)  # before it: Bolt's error handler, and a 500
            if not answered.done():
                answered.set_result(None)  # ended without acking: Bolt says so

        tasks.spawn(listen(), what=what)
        # Too late for Slack at ACK_TIMEOUT: answer without it; the listener carries on.
        timer = answered.get_loop().call_later(ACK_TIMEOUT, _give_up, answered)
        try:
            await answered  # its error, if the listener failed before acking
        finally:
            timer.cancel()

    return run


async def _whole(work: Awaitable[Any]) -> None:
    await work


def _give_up(answered: asyncio.Future[None]) -> None:
    if not answered.done():
        answered.set_result(None)
