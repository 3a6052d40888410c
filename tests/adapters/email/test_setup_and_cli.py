"""Turning the email edition on (SMTP_URL and friends), the archive's sign-up form, and
`victories subscribers import/export`."""

from __future__ import annotations

import html5lib
import pytest
from cryptography.fernet import Fernet

from adapters.bootstrap import open_bot
from adapters.cli import main
from adapters.environment import read_environment, setup_problems
from adapters.smtp import parse_smtp_url
from tests.bot.email.conftest import publish
from tests.conftest import make_config

KEY = Fernet.generate_key().decode()


def email_env(sink_url: str, db: str, **more: str) -> dict[str, str]:
    return {
        "VICTORIES_DB": db,
        "SMTP_URL": sink_url,
        "EMAIL_FROM": "Our Town <news@ourtown.example>",
        "WEB_PORT": "0",
        "WEB_BASE_URL": "https://victories.example",
        "VICTORIES_SECRET_KEY": KEY,
        **more,
    }


def test_smtp_urls():
    starttls = parse_smtp_url("smtp://me%40x.org:p%2Fw@smtp.example.org")
    assert (starttls.port, starttls.username, starttls.password) == (587, "me@x.org", "p/w")
    assert starttls.start_tls is True and not starttls.implicit_tls
    tls = parse_smtp_url("smtps://u:p@smtp.example.org")
    assert (tls.port, tls.implicit_tls, tls.start_tls) == (465, True, False)
    for bad in ("http://smtp.example.org", "smtp://", "smtp://host:port"):
        with pytest.raises(ValueError, match="SMTP_URL"):
            parse_smtp_url(bad)


def test_smtp_url_without_what_it_needs_is_named():
    problems = setup_problems(read_environment({"SMTP_URL": "smtp://relay.example:587"}))
    text = "\n".join(problems)
    assert "EMAIL_FROM" in text and "WEB_BASE_URL" in text and "VICTORIES_SECRET_KEY" in text
    assert setup_problems(read_environment(email_env("smtp://relay.example", "x.db"))) == []
    with pytest.raises(ValueError, match="EMAIL_RATE"):
        read_environment({"EMAIL_RATE": "fast"})


async def test_with_smtp_url_the_pages_and_the_form_are_on(tmp_path, sink):
    out = tmp_path / "site"
    config = make_config(
        community={"name": "Our Town"},
        intake={"cooldown": "0s"},
        issue={"min_items": 1},
        archive={"out": str(out), "base_url": "https://town.example/news"},
    )
    env = read_environment(email_env(sink.url, str(tmp_path / "v.db")))
    bot = open_bot(config, env)
    try:
        assert bot.web is not None
        paths = {r.resource.canonical for r in bot.web.app.router.routes() if r.resource}
        assert {"/subscribe", "/confirm/{token}", "/unsubscribe/{token}"} <= paths
        await bot.core.subscribers.import_addresses(
            bot.core.community, ["ana@example.org"], confirmed=True
        )
        await publish(bot.core)
        assert sink.recipients() == ["ana@example.org"]
        for page in ("index.html", "issues/1/index.html"):
            tree = html5lib.parse((out / page).read_text(), namespaceHTMLElements=False)
            form = tree.find(".//form[@class='signup']")
            assert form is not None, page
            assert form.get("action") == "https://victories.example/subscribe"
            assert form.find(".//input").get("name") == "email"
    finally:
        await bot.stop()


async def test_without_smtp_url_there_is_no_form_and_no_pages(tmp_path):
    out = tmp_path / "site"
    config = make_config(
        intake={"cooldown": "0s"}, issue={"min_items": 1}, archive={"out": str(out)}
    )
    env = read_environment({"VICTORIES_DB": str(tmp_path / "v.db"), "WEB_PORT": "0"})
    bot = open_bot(config, env)
    try:
        assert bot.web is not None
        paths = {r.resource.canonical for r in bot.web.app.router.routes() if r.resource}
        assert "/subscribe" not in paths
        await publish(bot.core)
        assert "signup" not in (out / "index.html").read_text()
    finally:
        await bot.stop()


def test_import_and_export_audiences(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VICTORIES_DB", str(tmp_path / "v.db"))
    mailchimp = tmp_path / "mailchimp.csv"
    mailchimp.write_text(
        "\ufeffEmail Address,First Name,MEMBER_RATING\n"
        "ana@example.org,Ana,2\nBen@Example.org,Ben,3\nnot an address,X,1\n"
        "ana@example.org,Ana,2\n",
        encoding="utf-8",
    )
    assert main(["subscribers", "import", str(mailchimp)]) == 2  # would need to email them
    assert "SMTP_URL" in capsys.readouterr().err
    assert main(["subscribers", "import", str(mailchimp), "--confirmed"]) == 0
    assert capsys.readouterr().out.strip() == (
        "Imported: 2 added, 1 already there, 0 unsubscribed before (left out), 1 not valid."
    )
    buttondown = tmp_path / "buttondown.csv"
    buttondown.write_text("email,creation_date\ncy@example.net,2024-01-01\n", encoding="utf-8")
    assert main(["subscribers", "import", str(buttondown), "--confirmed"]) == 0
    capsys.readouterr()
    assert main(["subscribers", "export", "--out", "readers.csv"]) == 0
    assert (tmp_path / "readers.csv").read_text().splitlines() == [
        "Email Address",
        "ana@example.org",
        "Ben@example.org",
        "cy@example.net",
    ]
    (tmp_path / "bad.csv").write_text("name\nAna\n", encoding="utf-8")
    assert main(["subscribers", "import", "bad.csv", "--confirmed"]) == 2
    assert "'Email Address'" in capsys.readouterr().err


def test_victories_export_carries_the_form_when_email_is_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, value in email_env("smtp://relay.example", str(tmp_path / "v.db")).items():
        monkeypatch.setenv(name, value)
    assert main(["export", "--out", "site"]) == 0
    page = (tmp_path / "site/index.html").read_text()
    assert 'action="https://victories.example/subscribe"' in page
    monkeypatch.delenv("SMTP_URL")
    assert main(["export", "--out", "plain"]) == 0
    assert "signup" not in (tmp_path / "plain/index.html").read_text()
