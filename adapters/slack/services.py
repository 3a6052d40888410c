"""What every Slack listener needs: the newsroom, the Web API client and the directory."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.identity import Directory
from bot.newsroom import Newsroom


@dataclass(frozen=True)
class Services:
    room: Newsroom
    web: AsyncWebClient
    directory: Directory
