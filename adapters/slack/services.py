"""What every Slack listener needs: the core, the Web API client and the directory."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.identity import Directory
from bot.core import Core


@dataclass(frozen=True)
class Services:
    core: Core
    web: AsyncWebClient
    directory: Directory
