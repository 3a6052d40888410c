"""Junk on the public URL (issue 12, item 6): a malformed timestamp is a 401, not a 500
with a traceback, and a refused request's body never reaches the log."""

import logging

from tests.adapters.slack.conftest import SECRET
from tests.fakes.slack_requests import form_body, signature_headers, slash_command


async def test_a_non_numeric_timestamp_is_refused_quietly(http_bot, caplog):
    body = form_body(slash_command(text="Hello", response_url=http_bot.api.response_url()))
    headers = signature_headers(SECRET, body) | {"X-Slack-Request-Timestamp": "abc"}
    with caplog.at_level(logging.DEBUG):
        status, _ = await http_bot.post(body, headers)
    assert status == 401
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


async def test_a_refused_request_is_logged_without_its_body(http_bot, caplog):
    junk = "MARKER" + "x" * 1_000_000
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            status, _ = await http_bot.post(junk, {"Content-Type": "text/plain"})
            assert status == 401
    logged = "".join(r.getMessage() for r in caplog.records)
    assert "MARKER" not in logged and len(logged) < 2_000
    assert "refused" in logged
