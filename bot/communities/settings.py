"""A community's settings changed in chat: the same keys, values and checks as
victories.yaml, laid over the file (or the defaults) and read by the same parser."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from bot.config import Config, parse_config
from bot.messages import Term, catalogue, language_name, languages
from bot.model import Refusal
from bot.sanitize import clean_text
from bot.settings.fields import ConfigError

TEXT_LIMIT = 500  # the longest value in chat (a name, a URL, a list of channel IDs)


@dataclass(frozen=True)
class Key:
    kind: str  # text | number | list
    help: str  # English; each language says it as the catalog's ``about_<key>``


KEYS = {
    "community.name": Key("text", "the name in the issue's title, e.g. Our Town"),
    "community.timezone": Key("text", "an IANA time zone, e.g. America/New_York"),
    "community.signature": Key("text", "who signs the editor's note"),
    "community.archive_url": Key("text", "the public archive's address, shown in each issue"),
    "community.signup_url": Key("text", "where readers sign up, shown in each issue"),
    "community.language": Key("text", "the language of the issue, site, cards and editors' notes"),
    "schedule.weekday": Key("text", "the day the issue goes out, e.g. friday"),
    "schedule.time": Key("text", "the time it goes out, 24-hour, e.g. 10:00"),
    "schedule.reminder_before": Key("text", "when to nudge editors before, e.g. 1d or 3h"),
    "schedule.misfire_grace": Key("text", "how late a missed issue may still go out, e.g. 6h"),
    "schedule.on_holiday": Key("text", "next_day or skip"),
    "issue.max_items": Key("number", "the most victories in one issue"),
    "issue.min_items": Key("number", "the fewest worth an issue"),
    "issue.when_thin": Key("text", "post or skip when there are fewer than min_items"),
    "intake.max_length": Key("number", "the longest victory, in characters"),
    "intake.per_user_per_day": Key("number", "how many a member may share a day"),
    "intake.cooldown": Key("text", "the wait between a member's shares, e.g. 30s"),
    "intake.default_credit": Key("text", "name, first or anonymous"),
    "emoji.approve": Key("text", "the reaction that approves, e.g. white_check_mark"),
    "emoji.reject": Key("text", "the reaction that rejects, e.g. x"),
    "emoji.feature": Key("text", "the reaction that features, e.g. star"),
    "slack.review_channel": Key("text", "the Slack channel editors review in (#channel)"),
    "slack.digest_channels": Key("list", "the Slack channels each issue goes to"),
    "slack.moderators.users": Key("list", "Slack editors (@someone …)"),
    "slack.moderators.usergroups": Key("list", "Slack user groups of editors (@group …)"),
    "discord.review_channel": Key("text", "the Discord channel editors review in (#channel)"),
    "discord.digest_channels": Key("list", "the Discord channels each issue goes to"),
    "discord.moderator_roles": Key("list", "Discord roles of editors (@role …)"),
    "archive.public": Key("text", "true to list this archive on the deployment's index"),
}
# How chat clients write a channel, user, group or role: Slack <#C1|name>, <@U1>,
# <!subteam^S1|@name>; Discord <#1>, <@1>, <@!1>, <@&1>.
_MENTION = re.compile(r"^<(?:#|@!?|@&|!subteam\^)([A-Za-z0-9]+)(?:\|[^>]*)?>$")


def _plain(word: str) -> str:
    match = _MENTION.match(word)
    return match.group(1) if match else word


# What a platform's IDs look like, so a channel typed as plain text is caught here with a
# way to fix it, instead of failing when the bot first posts there.
_IDS = {
    "slack.review_channel": (r"[CG][A-Z0-9]{2,}", "C0123ABCD"),
    "slack.digest_channels": (r"[CG][A-Z0-9]{2,}", "C0123ABCD"),
    "slack.moderators.users": (r"[UW][A-Z0-9]{2,}", "U0123ABCD"),
    "slack.moderators.usergroups": (r"S[A-Z0-9]{2,}", "S0123ABCD"),
    "discord.review_channel": (r"\d{5,25}", "112233445566778899"),
    "discord.digest_channels": (r"\d{5,25}", "112233445566778899"),
    "discord.moderator_roles": (r"\d{5,25}", "112233445566778899"),
}


def _check_ids(key: str, words: list[str]) -> None:
    if key not in _IDS:
        return
    pattern, example = _IDS[key]
    for word in words:
        if not re.fullmatch(pattern, word):
            raise Refusal(
                "bad_setting",
                setting=key,
                problem=Term("problem_not_id", value=repr(word[:40]), example=example),
            )


def parse_value(key: str, raw: str) -> object:
    spec = KEYS[key]
    raw = clean_text(raw)  # no control or invisible characters in a setting
    if len(raw) > TEXT_LIMIT:
        raise Refusal(
            "bad_setting", setting=key, problem=f"longer than {TEXT_LIMIT} characters ({len(raw)})"
        )
    words = [_plain(word) for word in re.split(r"[\s,]+", raw.strip()) if word]
    _check_ids(key, words)
    if spec.kind == "list":
        return words
    if not words:
        raise Refusal("setting_empty", setting=key)
    if spec.kind == "number":
        if not words[0].isdigit() or len(words) > 1:
            value = repr(raw.strip()[:40])
            raise Refusal("bad_setting", setting=key, problem=Term("problem_number", value=value))
        return int(words[0])
    text = raw.strip()
    if key == "community.language":
        return _language(text)
    return _plain(text) if key.endswith("_channel") else text


def _language(text: str) -> str:
    """A shipped catalog's language, or a refusal listing them (each in its own words)."""
    lang = text.lower().replace("_", "-")
    if lang not in languages():
        shipped = ", ".join(f"{code} ({language_name(code)})" for code in languages())
        raise Refusal("bad_language", value=text[:20], languages=shipped)
    return lang


def about(key: str) -> str:
    """What ``key`` means, in the language it is read in (a key added without its
    ``about_`` sentence yet: the English help here)."""
    return Term(f"about_{key}") if f"about_{key}" in catalogue() else KEYS[key].help


def unchanged(config: Config, key: str, raw: str) -> bool:
    """Whether ``raw`` says what ``key`` already is (a form sent back as it was shown),
    so it is neither checked again nor saved."""
    shown = dict(current(config)).get(key)
    if shown is None:
        return False
    if KEYS[key].kind == "list":
        words = [_plain(word) for word in re.split(r"[\s,]+", raw.strip()) if word]
        return words == ([] if isinstance(shown, Term) else shown.split())  # Term: none
    if isinstance(shown, Term):  # "not set", in whatever language it is read
        return not raw.strip()
    return _plain(raw.strip()) == shown


def apply(config: Config, overrides: dict, key: str, raw: str) -> tuple[dict, Config]:
    """The new overrides and the settings they make. Raises ``Refusal`` with the same
    problem the settings file would be refused for."""
    if key not in KEYS:
        raise Refusal("unknown_setting", setting=key[:60], keys=", ".join(KEYS))
    changed = copy.deepcopy(overrides)
    node = changed
    *path, last = key.split(".")
    for part in path:
        node = node.setdefault(part, {})
    node[last] = parse_value(key, raw)
    return changed, effective(config, changed)


def effective(config: Config, overrides: dict) -> Config:
    """The settings file (or the defaults) with a community's chat changes laid over it."""
    if not overrides:
        return config
    try:
        return parse_config(_merged(config.raw, overrides), source="settings")
    except ConfigError as err:
        raise Refusal("bad_setting", setting=err.key, problem=err.term or err.problem) from None


def _merged(base: dict, over: dict) -> dict:
    merged = copy.deepcopy(base)
    for name, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(name), dict):
            merged[name] = _merged(merged[name], value)
        else:
            merged[name] = value
    return merged


def current(config: Config) -> list[tuple[str, str]]:
    """Every key and its value in force, as an admin reads them."""
    values = []
    for key in KEYS:
        node: object = config
        for part in key.replace("moderators.", "moderator_").split("."):
            node = getattr(node, part, None)
        if isinstance(node, tuple):
            shown: str = " ".join(node) or Term("nothing")
        else:
            shown = Term("not_set") if node in (None, "") else str(node)
        values.append((key, shown))
    return values
