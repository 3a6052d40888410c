"""Distributing the app: workspaces install it through the real OAuth flow (/slack/install,
Slack's redirect back with code and state, oauth.v2.access on the fake Web API), and each
acts with its own token, in its own community. A real Bolt app, signed requests."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re

import aiohttp
import pytest
from cryptography.fernet import Fernet

from adapters.environment import Environment
from adapters.slack import SlackSetupError, connect
from bot.communities.installations import Installation, SecretKeyError
from bot.core import Core
from tests.adapters.slack.conftest import SECRET, HttpDriver, eventually
from tests.conftest import make_config
from tests.fakes.slack_requests import event_callback, form_body, reaction_event, slash_command

KEY = Fernet.generate_key().decode()
BASE_URL = "https://victories.example.org"
# Two workspaces, each with an installer (an admin there) and a member.
A = {"team": "TA", "name": "Alpha Org", "admin": "U0AADMIN", "member": "U0AMEMBER"}
B = {"team": "TB", "name": "Beta Club", "admin": "U0BADMIN", "member": "U0BMEMBER"}
TOKENS = {"TA": "xoxb-alpha-secret-token", "TB": "xoxb-beta-secret-token"}


def distributed_env(api_url: str, *, key: str | None = KEY) -> Environment:
    return Environment(
        slack_client_id="111.222",
        slack_client_secret="client-secret",
        slack_signing_secret=SECRET,
        secret_key=key,
        web_port=0,
        web_base_url=BASE_URL,
        slack_api_url=api_url,
    )


class Installer(HttpDriver):
    """A browser on the install page, and Slack sending each workspace's requests."""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.surface.connection.port}"

    async def install(self, ws: dict, *, code: str | None = None) -> tuple[int, str]:
        code = code or f"code-{ws['team']}-{len(self.api.calls)}"
        self.api.grant(
            code, team=ws["team"], team_name=ws["name"], user=ws["admin"], token=TOKENS[ws["team"]]
        )
        async with aiohttp.ClientSession() as browser:
            async with browser.get(f"{self.base}/slack/install") as page:
                assert page.status == 200
                html = await page.text()
                # The state cookie is Secure (the real page is https): carry it by hand.
                cookie = page.headers.getone("Set-Cookie").split(";")[0]
            assert cookie.startswith("slack-app-oauth-state=")
            authorize = re.search(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', html)
            assert authorize, html
            link = authorize.group(1).replace("&amp;", "&")
            assert "client_id=111.222" in link and "redirect_uri=" in link
            state = re.search(r"state=([^&]+)", link)
            assert state
            # The user approves on slack.com, which sends the browser back with a code.
            url = f"{self.base}/slack/oauth_redirect?code={code}&state={state.group(1)}"
            async with browser.get(url, headers={"Cookie": cookie}) as back:
                return back.status, await back.text()

    async def command_in(self, ws: dict, text: str, *, user: str, command="/victory") -> str:
        name = f"r{len(self.api.calls)}-{ws['team']}"
        body = slash_command(
            command=command,
            text=text,
            user_id=user,
            team_id=ws["team"],
            response_url=self.api.response_url(name),
        )
        status, answer = await self.signed(form_body(body))
        assert status == 200
        if answer.startswith("{"):
            self.api.answered(body, json.loads(answer))
        return await self.reply(name)

    async def event_in(self, ws: dict, event: dict) -> int:
        body = json.dumps(event_callback(event, team_id=ws["team"]))
        status, _ = await self.signed(body, content_type="application/json")
        return status


@pytest.fixture
async def installer(store, clock, slack_api):
    for ws in (A, B):
        slack_api.add_user(ws["admin"], f"Admin of {ws['name']}")
        slack_api.add_user(ws["member"], f"Member of {ws['name']}")
    core = Core(store=store, config=make_config(), clock=clock, secret_key=KEY)
    core.communities.many = True
    env = distributed_env(slack_api.api_url)
    surface = connect(core, env, host="127.0.0.1")
    core.attach(surface)
    await surface.start()
    driver = Installer(surface, slack_api, core, env)
    yield driver
    await core.settle()
    await surface.stop()


async def set_up(installer: Installer, ws: dict) -> None:
    status, _ = await installer.install(ws)
    assert status == 200
    said = await installer.command_in(
        ws,
        f"set slack.review_channel <#C0REVIEW{ws['team']}|review>",
        user=ws["admin"],
        command="/victories",
    )
    assert "Saved" in said, said


def scalar(store, sql: str):
    return store.call(lambda db: db.execute(sql).fetchone()[0])


def community_of(store, text: str) -> int:
    rows = store.call(
        lambda db: list(db.query("SELECT community_id FROM victories WHERE text = ?", [text]))
    )
    assert len(rows) == 1
    return rows[0]["community_id"]


async def test_two_workspaces_each_act_with_their_own_token(installer, store):
    api = installer.api
    for ws in (A, B):
        await set_up(installer, ws)
        # The installer was greeted by DM with the setup guide, with that workspace's token.
        greeting = api.posts("D" + ws["admin"])
        assert greeting and "Three things to set" in greeting[0]["text"]
        assert set(api.tokens_used("chat.postMessage", channel="D" + ws["admin"])) == {
            TOKENS[ws["team"]]
        }
    for ws in (A, B):
        said = await installer.command_in(ws, f"We won in {ws['name']}", user=ws["member"])
        assert "#1" in said, said  # each community numbers its own items
    core = installer.core
    await core.settle()
    alpha, beta = (
        community_of(store, "We won in Alpha Org"),
        community_of(store, "We won in Beta Club"),
    )
    assert alpha != beta
    for ws in (A, B):
        channel = f"C0REVIEW{ws['team']}"
        await eventually(lambda channel=channel: api.posts(channel))
        assert [m["text"][:9] for m in api.posts(channel)] == ["Victory #"]
        assert ws["name"] in api.posts(channel)[0]["text"]
        assert set(api.tokens_used("chat.postMessage", channel=channel)) == {TOKENS[ws["team"]]}
    # Every call a workspace's request caused went out with that workspace's token.
    for ws in (A, B):
        infos = api.tokens_used("users.info", user=ws["member"])
        assert infos and set(infos) == {TOKENS[ws["team"]]}


async def test_each_workspace_reviews_and_publishes_its_own_issue(installer, store):
    api, core = installer.api, installer.core
    for ws in (A, B):
        await set_up(installer, ws)
        team = ws["team"]
        for line in (
            f"set slack.digest_channels <#C0NEWS{team}|news>",
            f"set slack.moderators.users <@{ws['admin']}>",
        ):
            said = await installer.command_in(ws, line, user=ws["admin"], command="/victories")
            assert "Saved" in said, said
        await installer.command_in(ws, f"Good news from {ws['name']}", user=ws["member"])
    await core.settle()
    for ws in (A, B):  # each editor approves on their own workspace's card
        review = f"C0REVIEW{ws['team']}"
        await eventually(lambda review=review: api.posts(review))
        event = reaction_event(
            user=ws["admin"],
            reaction="white_check_mark",
            channel=review,
            ts=api.posts(review)[0]["ts"],
            team_id=ws["team"],
        )
        status, _ = await installer.signed(json.dumps(event), content_type="application/json")
        assert status == 200
    approved = "SELECT count(*) FROM victories WHERE status = 'approved'"
    await eventually(lambda: scalar(store, approved) == 2)
    for ws, other in ((A, B), (B, A)):
        community = await core.communities.for_place("slack", ws["team"])
        await core.issues.publish(community, force=True)
        news = json.dumps(api.posts(f"C0NEWS{ws['team']}"))
        assert f"Good news from {ws['name']}" in news
        assert f"Good news from {other['name']}" not in news
        assert set(api.tokens_used("chat.postMessage", channel=f"C0NEWS{ws['team']}")) == {
            TOKENS[ws["team"]]
        }


async def test_workspace_admins_are_admins_members_are_not(installer, store):
    await set_up(installer, A)
    installer.api.add_user("U0AOWNER", "Olu Owner")
    installer.api.users["U0AOWNER"]["is_owner"] = True
    said = await installer.command_in(
        A, "set schedule.weekday friday", user="U0AOWNER", command="/victories"
    )
    assert "Saved" in said, said
    said = await installer.command_in(
        A, "set schedule.weekday monday", user=A["member"], command="/victories"
    )
    assert "Only this workspace's or server's admins" in said, said


async def test_tokens_are_encrypted_at_rest(installer, store, db_path):
    await set_up(installer, A)
    import sqlite3

    raw = sqlite3.connect(db_path).execute("SELECT token FROM installations").fetchall()
    assert len(raw) == 1
    assert "xoxb" not in raw[0][0] and TOKENS["TA"] not in raw[0][0]
    assert Fernet(KEY.encode()).decrypt(raw[0][0].encode()).decode() == TOKENS["TA"]
    assert TOKENS["TA"].encode() not in db_path.read_bytes()


async def test_no_token_is_stored_without_the_key(installer, store, slack_api, clock):
    installer.core.installations.secret_key = None  # as if the key went missing
    status, _ = await installer.install(A)
    assert status >= 400
    assert scalar(store, "SELECT count(*) FROM installations") == 0
    with pytest.raises(SecretKeyError, match="VICTORIES_SECRET_KEY"):
        await installer.core.installations.save(Installation("slack", "TX", "xoxb-x"))
    # And the bot does not start distributed without a valid key.
    core = Core(store=store, config=make_config(), clock=clock)
    for bad in (None, "not-a-fernet-key"):
        with pytest.raises(SlackSetupError, match="VICTORIES_SECRET_KEY"):
            connect(core, distributed_env(slack_api.api_url, key=bad), host="127.0.0.1")


async def test_uninstall_pauses_and_reinstall_resumes(installer, store, clock):
    api, core = installer.api, installer.core
    await set_up(installer, A)
    await set_up(installer, B)
    await installer.command_in(A, "Before we left", user=A["member"])
    await core.settle()
    alpha = community_of(store, "Before we left")
    api.revoke("TA")
    assert await installer.event_in(A, {"type": "app_uninstalled"}) == 200
    for _ in range(500):  # the event is acked first, then handled
        paused = await core.communities.get(alpha)
        if paused is not None and paused.paused:
            break
        await asyncio.sleep(0.01)
    assert paused is not None and paused.paused
    assert scalar(store, "SELECT count(*) FROM installations WHERE place = 'TA'") == 0
    # Beta is untouched; Alpha's items stay.
    assert scalar(store, "SELECT count(*) FROM installations") == 1
    assert community_of(store, "Before we left") == alpha

    status, _ = await installer.install(A)
    assert status == 200
    resumed = await core.communities.get(alpha)
    assert resumed is not None and not resumed.paused
    clock.advance(dt.timedelta(minutes=5))  # past the member's cooldown
    said = await installer.command_in(A, "Back again", user=A["member"])
    assert "#2" in said, said
    await core.settle()
    assert community_of(store, "Back again") == alpha


async def test_a_forged_state_is_refused(installer, store):
    api = installer.api
    api.grant("stolen-code", team="TE", team_name="Evil", user="UE", token="xoxb-evil")
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
        url = f"{installer.base}/slack/oauth_redirect?code=stolen-code&state=forged"
        async with browser.get(url) as back:
            assert back.status == 400  # no state cookie: not the browser that started
        headers = {"Cookie": "slack-app-oauth-state=forged"}
        async with browser.get(url, headers=headers) as back:
            assert back.status == 401  # the cookie matches, but we never issued that state
    assert not api.calls_to("oauth.v2.access")
    assert scalar(store, "SELECT count(*) FROM installations") == 0
