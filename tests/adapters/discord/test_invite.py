"""``victories discord-invite`` prints the OAuth2 URL with exactly the needed permissions."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from adapters import cli


def _run(capsys, monkeypatch, *args: str, app_id: str | None = "4242") -> tuple[int, str, str]:
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "VICTORIES_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    if app_id:
        monkeypatch.setenv("DISCORD_APPLICATION_ID", app_id)
    else:
        monkeypatch.delenv("DISCORD_APPLICATION_ID", raising=False)
    code = cli.main(["discord-invite", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_invite_url_has_the_scopes_and_exactly_the_permissions(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, monkeypatch)
    assert code == 0
    url = urlsplit(out.strip())
    query = parse_qs(url.query)
    assert (url.netloc, url.path) == ("discord.com", "/oauth2/authorize")
    assert query["client_id"] == ["4242"]
    assert query["scope"] == ["bot applications.commands"]
    # Bits from Discord's permission table: Add Reactions, View Channel, Send Messages,
    # Embed Links, Read Message History; nothing else.
    assert int(query["permissions"][0]) == (1 << 6) | (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16)


def test_invite_needs_the_application_id(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, monkeypatch, app_id=None)
    assert code == 2 and not out and "application ID" in err
    code, out, _ = _run(capsys, monkeypatch, "--application-id", "77", "--guild", "88", app_id=None)
    assert code == 0 and "client_id=77" in out and "guild_id=88" in out
