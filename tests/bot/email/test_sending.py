"""Publishing emails the issue to every confirmed reader, once, over one connection:
parsed back with the standard library's email parser and html5lib."""

from __future__ import annotations

import html5lib

from bot.model import EmailState
from tests.bot.email.conftest import ITEMS, SENDER, publish, readers

XHTML = "{http://www.w3.org/1999/xhtml}"


async def test_each_confirmed_reader_gets_the_issue_once(core, sink, surface):
    await readers(core, "ana@example.org", "ben@example.org", "cy@example.net")
    await core.subscribers.sign_up(core.community, "pending@example.org", client="1.2.3.4")
    sink.received.clear()  # the pending reader's confirmation
    await publish(core)
    assert sorted(sink.recipients()) == ["ana@example.org", "ben@example.org", "cy@example.net"]
    assert core.edition.setup is not None
    assert core.edition.setup.mailer.connections == 1  # type: ignore[attr-defined]
    assert sink.sessions == 1
    summary = surface.moderator_notes[-1]
    text = " ".join(span.text for block in summary.blocks for span in block.spans)
    assert text == "Issue 1 emailed to 3 readers (0 failed, 0 suspended)."


async def test_the_message_is_plain_and_html_with_every_item_in_order(core, sink):
    await readers(core, "ana@example.org")
    await publish(core)
    (message,) = sink.messages("ana@example.org")
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert message["Subject"] == "Our Town — Issue 1"
    assert message["From"] == SENDER
    assert message["To"] == "ana@example.org"
    assert message["Message-ID"].startswith("<sv.default.1.") and "ana" not in message["Message-ID"]
    unsubscribe = message["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://victories.example/unsubscribe/")
    assert "<mailto:news@ourtown.example?subject=unsubscribe>" in unsubscribe
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    plain = message.get_body(("plain",)).get_content()
    positions = [plain.index(f"{n}. {text}") for n, text in enumerate(ITEMS, start=1)]
    assert positions == sorted(positions)
    assert "Read it on the web: https://town.example/news/issues/1/" in plain
    assert "Unsubscribe: https://victories.example/unsubscribe/" in plain

    html = message.get_body(("html",)).get_content()
    tree = html5lib.parse(html, namespaceHTMLElements=True)
    items = ["".join(li.itertext()) for li in tree.iter(f"{XHTML}li")]
    # Escaped on the way in, whole on the way out, credits as in every other version.
    assert [item.split(" (Thanks, ")[0] for item in items] == ITEMS
    assert all(f"{n}. {item}" in plain for n, item in enumerate(items, start=1))
    assert tree.find(f".//{XHTML}h1").text == "Our Town — Issue 1"
    links = {a.get("href"): "".join(a.itertext()) for a in tree.iter(f"{XHTML}a")}
    assert links["https://town.example/news/issues/1/"] == "Read it on the web"
    assert any(href.startswith("https://victories.example/unsubscribe/") for href in links)
    assert 'style="' in html  # the CSS is inlined
    assert "prefers-color-scheme: dark" in html and "max-width: 620px" in html


async def test_unconfirmed_and_unsubscribed_readers_get_nothing(core, sink):
    await readers(core, "stays@example.org", "leaves@example.org")
    await core.subscribers.sign_up(core.community, "never@example.org", client="1.2.3.4")
    await publish(core, ["First week."])
    leaving = sink.messages("leaves@example.org")[0]
    token = leaving["List-Unsubscribe"].split("/unsubscribe/")[1].split(">")[0]
    assert await core.subscribers.unsubscribe(core.community, token)
    sink.received.clear()
    await publish(core, ["Second week."])
    assert sink.recipients() == ["stays@example.org"]


async def test_try_later_answers_are_retried_and_refusals_recorded(core, sink, surface, store):
    await readers(core, "slow@example.org", "dropped@example.org", "gone@example.org")
    sink.script["slow@example.org"] += ["451 4.3.0 try later", "421 4.7.0 busy"]
    sink.script["dropped@example.org"] += ["DROP"]
    sink.refuse_always["gone@example.org"] = "550 5.1.1 no such user"
    await publish(core)
    assert sorted(sink.recipients()) == ["dropped@example.org", "slow@example.org"]
    states = {
        row["email"]: (row["state"], row["last_error"])
        for row in store.call(
            lambda db: list(
                db.query(
                    "SELECT s.email, d.state, d.last_error FROM email_deliveries d "
                    "JOIN subscribers s ON s.id = d.subscriber_id"
                )
            )
        )
    }
    assert states["gone@example.org"] == (EmailState.BOUNCED, "550 5.1.1 no such user")
    assert states["slow@example.org"] == (EmailState.SENT, None)
    summary = surface.moderator_notes[-1]
    text = " ".join(span.text for block in summary.blocks for span in block.spans)
    assert text == "Issue 1 emailed to 2 readers (1 failed, 0 suspended)."


async def test_three_hard_bounces_in_a_row_suspend_a_reader(core, sink, surface):
    await readers(core, "gone@example.org", "fine@example.org")
    sink.refuse_always["gone@example.org"] = "550 5.1.1 no such user"
    for week in range(3):
        await publish(core, [f"Week {week} news."])
    counts = await core.subscribers.counts(core.community)
    assert (counts.confirmed, counts.bouncing) == (1, 1)
    text = " ".join(span.text for b in surface.moderator_notes[-1].blocks for span in b.spans)
    assert text == "Issue 3 emailed to 1 reader (1 failed, 1 suspended)."
    sink.received.clear()
    await publish(core, ["Week 4 news."])
    assert sink.recipients() == ["fine@example.org"]
