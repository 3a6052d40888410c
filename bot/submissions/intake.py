"""Intake: the rules a new submission must pass before it joins the review queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.clock import iso
from bot.config import Config
from bot.messages import Term
from bot.model import Actor, Community, Refusal, Status, Submission
from bot.sanitize import checked_link, checked_text, clean_text, optional_text
from bot.store import audit, lookalikes, victories
from bot.store.sqlite import Database
from bot.submissions import duplicates
from bot.submissions.parsing import parse_credit

MAX_NAME = 80
RECENT = 50  # a new item is compared with this many of its community's latest


@dataclass(frozen=True)
class Receipt:
    number: int  # what the member sees, within their community
    duplicate_of: int | None  # the number of the item this one may repeat
    victory_id: int = 0  # internal: cards and notices find the item by it


def validate(submission: Submission, *, config: Config) -> dict:
    """Clean and check the fields; a ``Refusal`` names the first problem."""
    return {
        "text": checked_text(
            submission.text,
            max_length=config.intake.max_length,
            what=Term("what_victory"),
            multiline=True,
        ),
        "link": checked_link(submission.link),
        "thanks_to": optional_text(
            submission.thanks_to, max_length=MAX_NAME, what=Term("what_thanks")
        ),
        "credit": parse_credit(submission.credit, default=config.intake.default_credit).value,
    }


def check_limits(
    db: Database, *, community: int, config: Config, actor: Actor, now: dt.datetime
) -> None:
    """Blocklist, cooldown and daily cap. Editors are exempt from the last two."""
    if audit.is_blocked(db, community=community, platform=actor.platform, user_id=actor.user_id):
        raise Refusal("blocked")
    count, last = victories.user_activity(
        db,
        community=community,
        platform=actor.platform,
        user_id=actor.user_id,
        since=iso(now - dt.timedelta(days=1)),
    )
    if count >= config.intake.per_user_per_day:
        raise Refusal("daily_cap", limit=config.intake.per_user_per_day)
    if last:
        wait = dt.datetime.fromisoformat(last) + config.intake.cooldown - now
        if wait > dt.timedelta(0):
            raise Refusal("cooldown", seconds=max(1, int(wait.total_seconds() + 0.999)))


def stored_name(name: str, user_id: str) -> str:
    """A member's name as items keep it: cleaned, cut short, their ID when empty."""
    return clean_text(name)[:MAX_NAME] or user_id


@dataclass
class Batch:
    """What the items of one batch read once, kept current as each is stored: every
    community's latest items and next number."""

    latest: dict[int, list[tuple]] = field(default_factory=dict)
    numbers: dict[int, int] = field(default_factory=dict)


def submit(
    db: Database,
    *,
    community: int,
    config: Config,
    actor: Actor,
    submission: Submission,
    now: dt.datetime,
    exempt: bool = False,
    batch: Batch | None = None,
) -> Receipt:
    """Store a new item as pending, in one transaction: all of it or nothing.

    With ``batch`` it runs inside the batch's transaction, already open (``submit_many``).
    Every refusal comes before the first write, so a refused item leaves nothing behind
    without a savepoint of its own.
    """
    if batch is None:
        with db.atomic():
            return submit(
                db,
                community=community,
                config=config,
                actor=actor,
                submission=submission,
                now=now,
                exempt=exempt,
                batch=Batch(),
            )
    fields = validate(submission, config=config)
    norm_link = duplicates.normal_link(fields["link"])
    norm_text = duplicates.normal_text(fields["text"])
    if exempt:
        if audit.is_blocked(
            db, community=community, platform=actor.platform, user_id=actor.user_id
        ):
            raise Refusal("blocked")
    else:
        check_limits(db, community=community, config=config, actor=actor, now=now)
    since = iso(now - dt.timedelta(days=config.intake.duplicate_window_days))
    exact = lookalikes.find_duplicate(
        db, community=community, norm_link=norm_link, norm_text=norm_text, since=since
    )
    latest = batch.latest
    if not exact and community not in latest:
        latest[community] = lookalikes.latest(db, community=community, limit=RECENT)
    recent = [] if exact else lookalikes.recent_texts(latest[community], since=since)
    duplicate_of = duplicates.pick(exact=exact, recent=recent, norm_text=norm_text)
    stamp = iso(now)
    number = batch.numbers.get(community) or victories.next_number(db, community=community)
    victory_id = victories.insert(
        db,
        {
            **fields,
            "platform": actor.platform,
            "user_id": actor.user_id,
            "locale": actor.locale[:35] or None,  # later notices speak the member's language
            "display_name": stored_name(actor.name, actor.user_id),
            "status": Status.PENDING,
            "norm_link": norm_link,
            "norm_text": norm_text,
            "duplicate_of": duplicate_of,
            "created_at": stamp,
            "updated_at": stamp,
        },
        community=community,
        number=number,
    )
    batch.numbers[community] = number + 1
    audit.log(
        db, community=community, at=stamp, actor=actor, action="submit", victory_id=victory_id
    )
    repeats = victories.get(db, duplicate_of) if duplicate_of else None
    if community in latest:  # newest first, as read: the next item in the batch sees this one
        new = (victory_id, norm_text, Status.PENDING.value, stamp)
        latest[community] = [new, *latest[community]][:RECENT]
    return Receipt(
        number=number,
        duplicate_of=repeats.number if repeats else None,
        victory_id=victory_id,
    )


@dataclass(frozen=True)
class Request:
    community: Community
    actor: Actor
    submission: Submission
    now: dt.datetime
    exempt: bool = False


def submit_many(db: Database, requests: list[Request]) -> list[Receipt | Refusal]:
    """Store several submissions in one transaction (one disk sync for all of them).

    Each is judged exactly as ``submit`` would, in order, so limits and duplicate checks
    see the ones before it; a refusal of one leaves the others untouched. What every item
    reads the same (a community's latest items, its next number) is read once.
    """
    results: list[Receipt | Refusal] = []
    batch = Batch()
    with db.atomic():
        for r in requests:
            try:
                results.append(
                    submit(
                        db,
                        community=r.community.id,
                        config=r.community.config,
                        actor=r.actor,
                        submission=r.submission,
                        now=r.now,
                        exempt=r.exempt,
                        batch=batch,
                    )
                )
            except Refusal as refusal:
                results.append(refusal)
    return results
