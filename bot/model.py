"""Plain domain records shared by the core and the adapters. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.config import Config


class Status(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Credit(StrEnum):
    NAME = "name"
    FIRST = "first"
    ANONYMOUS = "anonymous"


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    FEATURE = "feature"


class IssueState(StrEnum):
    DRAFT = "draft"  # the next issue: editors fill its slots
    PUBLISHING = "publishing"  # frozen, being sent to every channel
    PUBLISHED = "published"


class DeliveryState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # in flight: after a crash, look for its next part before resending
    SENT = "sent"
    FAILED = "failed"


class SubscriberState(StrEnum):
    PENDING = "pending"  # signed up, not yet confirmed: forgotten after 7 days
    CONFIRMED = "confirmed"  # gets every issue
    UNSUBSCRIBED = "unsubscribed"  # only the address's hash is kept
    SUSPENDED = "suspended"  # 3 hard bounces in a row


class EmailState(StrEnum):
    """One reader's copy of one issue."""

    PENDING = "pending"
    SENT = "sent"  # the relay accepted it (until then, a restart sends it again)
    FAILED = "failed"  # temporary failures outlasted the retries: tried again later
    BOUNCED = "bounced"  # refused for good (5xx)


DEFAULT_COMMUNITY = "default"  # the slug of the community a single deployment serves


@dataclass(frozen=True)
class Community:
    """The group a use case acts in: its own queue, issues, schedule and settings.

    Every service call names one; ``id`` scopes every query, ``slug`` names it in paths.
    """

    id: int
    slug: str
    config: Config
    paused: bool = False  # uninstalled or left: nothing is posted; items and archive stay

    @property
    def language(self) -> str:
        """What the issue, site, cards and editors' notices are said in."""
        return self.config.community.language


@dataclass(frozen=True)
class Actor:
    """Someone acting on the bot, as identified by an adapter.

    ``groups`` holds what the platform says about membership (Slack user groups, Discord
    role IDs); ``is_admin`` is a platform-level manager flag (Discord's Manage Server).
    Whether that makes the actor a moderator is decided only in ``bot.review.moderation``.
    """

    platform: str
    user_id: str
    display_name: str = ""
    groups: frozenset[str] = frozenset()
    is_admin: bool = False
    is_bot: bool = False
    place: str = ""  # the Slack workspace or Discord server (console: its community's name)
    locale: str = ""  # the platform's language for them ("es-ES", "en-US"); "": not told

    @property
    def name(self) -> str:
        return self.display_name or self.user_id


@dataclass(frozen=True)
class Submission:
    """What a member typed, before intake has checked it."""

    text: str
    link: str | None = None
    thanks_to: str | None = None
    credit: str | None = None


@dataclass
class Victory:
    id: int
    text: str
    link: str | None
    thanks_to: str | None
    credit: Credit
    platform: str
    user_id: str
    display_name: str
    status: Status
    featured: bool
    created_at: str
    decided_by: str | None = None
    decided_at: str | None = None
    reason: str | None = None
    issue_number: int | None = None
    position: int | None = None
    duplicate_of: int | None = None
    decision: Decision | None = None  # the decision in force; undoing another one keeps it
    community_id: int = 1
    number: int = 0  # what members see: unique within the community (``id`` is internal)
    locale: str = ""  # the submitter's platform locale when they shared it; "": not known

    @classmethod
    def from_row(cls, row: dict) -> Victory:
        return cls(
            id=row["id"],
            text=row["text"],
            link=row["link"],
            thanks_to=row["thanks_to"],
            credit=Credit(row["credit"]),
            platform=row["platform"],
            user_id=row["user_id"],
            display_name=row["display_name"],
            status=Status(row["status"]),
            featured=bool(row["featured"]),
            created_at=row["created_at"],
            decided_by=row["decided_by"],
            decided_at=row["decided_at"],
            reason=row["reason"],
            issue_number=row["issue_number"],
            position=row["position"],
            duplicate_of=row["duplicate_of"],
            decision=Decision(row["decision"]) if row.get("decision") else None,
            community_id=row.get("community_id", 1),
            number=row.get("number") or row["id"],
            locale=row.get("locale") or "",
        )


@dataclass
class Issue:
    number: int
    status: IssueState
    date: str | None = None
    note: str | None = None
    song_title: str | None = None
    song_link: str | None = None
    gratitude: str | None = None
    ps: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    published_at: str | None = None


class Refusal(Exception):
    """A friendly, expected refusal of a member's or moderator's request.

    ``key`` names a message in content/messages.yaml; ``fields`` fill it in.
    """

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(key)
        self.key = key
        self.fields: dict[str, Any] = fields
