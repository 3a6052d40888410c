"""The Web API clients' retry handlers (issue 12, test gap): slack_sdk retries only
connection errors by default, so these tests fail if the handlers we add are removed."""

import pytest
from slack_sdk.errors import SlackApiError

from adapters.slack.client import web_client
from tests.fakes.slack_methods import BOT_USER


def _statuses(api, method):
    return [c.status for c in api.calls_to(method)]


async def test_the_client_waits_out_429s_and_retries_server_errors(slack_api):
    web = web_client(token="xoxb-test", api_url=slack_api.api_url)
    slack_api.fail("users.info", status=429, retry_after=1, times=2)
    slack_api.add_user(BOT_USER, "Small Victories", is_bot=True)
    assert (await web.users_info(user=BOT_USER))["ok"]
    assert _statuses(slack_api, "users.info") == [429, 429, 200]
    slack_api.fail("users.info", status=503, times=1)
    assert (await web.users_info(user=BOT_USER))["ok"]
    assert _statuses(slack_api, "users.info")[-2:] == [503, 200]


async def test_the_issue_poster_waits_out_429s_but_never_blindly_resends_after_a_5xx(
    slack_api,
):
    poster = web_client(token="xoxb-test", api_url=slack_api.api_url, retry_unsafe=False)
    slack_api.fail("chat.postMessage", status=429, retry_after=1, times=1)
    assert (await poster.chat_postMessage(channel="C_NEWS", text="part 1"))["ok"]
    slack_api.fail("chat.postMessage", status=500, times=1)
    with pytest.raises(SlackApiError):
        await poster.chat_postMessage(channel="C_NEWS", text="part 2")
    assert _statuses(slack_api, "chat.postMessage") == [429, 200, 500]
