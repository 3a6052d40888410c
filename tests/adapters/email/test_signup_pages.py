"""Sign-up, confirmation and unsubscribing through the bot's web server, with the
confirmation email fetched from a real SMTP server."""

from __future__ import annotations

import datetime as dt
import html

import aiohttp
import pytest

from adapters.email_web import EmailPages
from adapters.web import WebServer
from tests.bot.email.conftest import link_in, publish, readers, token_of


@pytest.fixture
async def web(core):
    server = WebServer(host="127.0.0.1", port=0)
    EmailPages(core).register(server)
    await server.start()
    base = f"http://127.0.0.1:{server.port}"
    core.subscribers.setup.base_url = base  # links point at this server
    async with aiohttp.ClientSession(base) as client:
        yield client
    await server.stop()


async def text(response: aiohttp.ClientResponse) -> str:
    return html.unescape(await response.text())


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


async def sign_up(web, address: str) -> tuple[int, str]:
    async with web.post("/subscribe", data={"email": address}) as response:
        return response.status, await text(response)


async def test_sign_up_confirm_and_get_the_next_issue(core, web, sink):
    status, page = await sign_up(web, "  Ana@Example.org ")
    assert status == 200 and "We sent a link to Ana@example.org" in page
    (confirmation,) = sink.messages("Ana@example.org")
    assert confirmation["Subject"] == "Confirm your subscription to Our Town"
    assert (await core.subscribers.counts(core.community)).pending == 1
    link = link_in(confirmation, "confirm")
    async with web.get(path_of(link)) as response:
        assert response.status == 200
        assert "You're subscribed to Our Town" in await text(response)
    counts = await core.subscribers.counts(core.community)
    assert (counts.confirmed, counts.pending) == (1, 0)
    sink.received.clear()
    await publish(core)
    assert sink.recipients() == ["Ana@example.org"]


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("a@b.example\r\nBcc: x@y.example", "a single line"),
        ("a@b.example\nBcc: x@y.example", "a single line"),
        ("a@b.example\x00", "a single line"),
        ("x" * 250 + "@example.org", "longer than 254 characters"),
        ("not-an-address", "doesn't look like an email address"),
        ("<script>@example.org", "doesn't look like an email address"),
        ("ana@localhost", "doesn't look like an email address"),
        ("a@b@example.org", "doesn't look like an email address"),
        ("", "Please type your email address"),
    ],
)
async def test_hostile_addresses_are_refused_and_nothing_is_sent(core, web, sink, address, says):
    status, page = await sign_up(web, address)
    assert status == 400 and says in page
    assert "<script>" not in page
    assert sink.received == []
    assert (await core.subscribers.counts(core.community)).pending == 0


async def test_a_form_without_the_field_or_too_big_is_refused(web, sink):
    async with web.post("/subscribe", data={"mail": "a@example.org"}) as response:
        assert response.status == 400
    async with web.post("/subscribe", data={"email": "a@example.org" + " " * 5000}) as response:
        assert response.status == 413
    assert sink.received == []


async def test_sign_ups_are_rate_limited_per_client_and_per_address(core, web, sink):
    for _ in range(3):
        assert (await sign_up(web, "ana@example.org"))[0] == 200
    status, page = await sign_up(web, "ana@example.org")
    assert status == 429 and "Too many sign-ups" in page
    assert (await sign_up(web, "ben@example.org"))[0] == 200
    assert (await sign_up(web, "cy@example.org"))[0] == 429  # sixth from this client
    assert len(sink.received) == 4


async def test_links_work_only_for_their_own_reader_and_purpose(core, web, sink):
    await sign_up(web, "ana@example.org")
    token = token_of(link_in(sink.messages()[0], "confirm"))
    community, reader, signature = token.split("-", 2)
    forged = [
        f"{community}-{int(reader) + 1}-{signature}",  # another reader
        f"{int(community) + 1}-{reader}-{signature}",  # another community
        f"{community}-{reader}-{signature[:-2]}AA",  # tampered
        "../../etc/passwd",
    ]
    for bad in forged:
        async with web.get(f"/confirm/{bad}") as response:
            assert response.status == 404
        async with web.post(f"/unsubscribe/{bad}") as response:
            assert response.status == 404
    async with web.post(f"/unsubscribe/{token}") as response:  # a confirm token
        assert response.status == 404
    assert (await core.subscribers.counts(core.community)).pending == 1


async def test_unconfirmed_sign_ups_expire_after_seven_days(core, web, sink, clock):
    await sign_up(web, "ana@example.org")
    link = link_in(sink.messages()[0], "confirm")
    clock.advance(dt.timedelta(days=7, minutes=1))
    async with web.get(f"/confirm/{token_of(link)}") as response:
        assert response.status == 404
        assert "more than 7 days old" in await text(response)
    assert (await core.subscribers.counts(core.community)).pending == 0


async def test_one_click_unsubscribe_keeps_only_a_hash(core, web, sink, store):
    await readers(core, "ana@example.org")
    await publish(core)
    (issue,) = sink.messages("ana@example.org")
    https = issue["List-Unsubscribe"].split(",")[0].strip("<> ")
    path = path_of(https)
    async with web.get(path) as response:  # a mail scanner's visit changes nothing
        assert response.status == 200 and '<form method="post">' in await text(response)
    assert (await core.subscribers.counts(core.community)).confirmed == 1
    async with web.post(path, data="List-Unsubscribe=One-Click") as response:
        assert response.status == 200
        assert "You're unsubscribed from Our Town" in await text(response)
    counts = await core.subscribers.counts(core.community)
    assert (counts.confirmed, counts.unsubscribed) == (0, 1)
    kept = store.call(lambda db: list(db.query("SELECT email, email_hash FROM subscribers")))
    assert kept[0]["email"] is None and len(kept[0]["email_hash"]) == 64
    again = await core.subscribers.import_addresses(
        core.community, ["ana@example.org"], confirmed=True
    )
    assert (again.added, again.left) == (0, 1)  # a re-import does not bring her back


async def test_paths_under_the_community_slug_work_too(core, web, sink):
    async with web.post("/default/subscribe", data={"email": "ana@example.org"}) as response:
        assert response.status == 200
    async with web.post("/elsewhere/subscribe", data={"email": "ben@example.org"}) as response:
        assert response.status == 404
    assert sink.recipients() == ["ana@example.org"]


async def test_behind_a_local_proxy_each_visitor_has_their_own_limit(core, web, sink):
    for n in range(6):
        headers = {"X-Forwarded-For": f"203.0.113.{n}"}
        data = {"email": f"reader{n}@example.org"}
        async with web.post("/subscribe", data=data, headers=headers) as response:
            assert response.status == 200
    assert len(sink.received) == 6
