"""The Web API client: where it points and how it retries."""

from __future__ import annotations

import aiohttp
from slack_sdk.errors import SlackClientError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

DEFAULT_API_URL = "https://slack.com/api/"

# What a failed Web API call can raise: Slack's own errors, or the network's.
API_ERRORS = (SlackClientError, aiohttp.ClientError, OSError)


def web_client(
    *,
    token: str | None,
    api_url: str | None,
    retry_unsafe: bool = True,
) -> AsyncWebClient:
    """A client that waits out 429s (honouring Retry-After).

    With ``retry_unsafe`` it also retries 5xx answers and connection errors. Those may hide
    a request Slack did carry out, so posting an issue part uses ``retry_unsafe=False`` and
    looks for the part before trying again (see ``SlackSurface.send_part``).
    """
    handlers: list[AsyncRetryHandler] = [AsyncRateLimitErrorRetryHandler(max_retry_count=5)]
    if retry_unsafe:
        handlers += [
            AsyncServerErrorRetryHandler(max_retry_count=2),
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
        ]
    base_url = api_url or DEFAULT_API_URL
    if not base_url.endswith("/"):
        base_url += "/"  # slack_sdk joins method names onto the base URL as-is
    return AsyncWebClient(token=token, base_url=base_url, retry_handlers=handlers, timeout=30)
