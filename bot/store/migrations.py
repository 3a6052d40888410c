"""Schema, created and upgraded step by step (bot/store/migration_runner.py).

Steps are append-only: a released step is never edited, a change is a new step.
"""

from __future__ import annotations

from bot.store.communities_schema import REBUILD
from bot.store.migration_runner import Migrations
from bot.store.sqlite import Database

migrations = Migrations("victories")


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE issues (
            number INTEGER PRIMARY KEY,
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'publishing', 'published', 'skipped')),
            date TEXT,
            note TEXT, song_title TEXT, song_link TEXT, gratitude TEXT,
            ps TEXT NOT NULL DEFAULT '[]', actions TEXT NOT NULL DEFAULT '[]',
            slot TEXT, created_at TEXT NOT NULL, published_at TEXT,
            imported INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE victories (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL, link TEXT, thanks_to TEXT,
            credit TEXT NOT NULL CHECK (credit IN ('name', 'first', 'anonymous')),
            platform TEXT NOT NULL, user_id TEXT NOT NULL, display_name TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
            featured INTEGER NOT NULL DEFAULT 0,
            decision TEXT, decided_by TEXT, decided_at TEXT, reason TEXT,
            approved_seq INTEGER,
            issue_number INTEGER REFERENCES issues(number),
            position INTEGER,
            duplicate_of INTEGER REFERENCES victories(id),
            norm_link TEXT, norm_text TEXT NOT NULL,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL
        );
        CREATE INDEX victories_queue ON victories(status, issue_number, featured, approved_seq);
        CREATE INDEX victories_user ON victories(platform, user_id, created_at);
        CREATE INDEX victories_norm_link ON victories(norm_link);
        CREATE INDEX victories_norm_text ON victories(norm_text);
        CREATE INDEX victories_issue ON victories(issue_number, position);
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            issue_number INTEGER NOT NULL REFERENCES issues(number),
            platform TEXT NOT NULL, channel TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
            parts_total INTEGER, parts_sent INTEGER NOT NULL DEFAULT 0,
            refs TEXT NOT NULL DEFAULT '[]',
            attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, updated_at TEXT NOT NULL,
            UNIQUE (issue_number, platform, channel)
        );
        CREATE TABLE cards (
            platform TEXT NOT NULL, channel TEXT NOT NULL, message_id TEXT NOT NULL,
            victory_id INTEGER NOT NULL REFERENCES victories(id),
            PRIMARY KEY (platform, channel, message_id)
        );
        CREATE INDEX cards_victory ON cards(victory_id);
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL, platform TEXT NOT NULL, user_id TEXT NOT NULL,
            action TEXT NOT NULL, victory_id INTEGER REFERENCES victories(id),
            issue_number INTEGER, detail TEXT
        );
        CREATE INDEX audit_victory ON audit(victory_id);
        CREATE TABLE blocked (
            platform TEXT NOT NULL, user_id TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (platform, user_id)
        );
        CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """
    )


@migrations(name="0002_seen_requests")
def _seen_requests(db: Database) -> None:
    db.execute("CREATE TABLE seen_requests (signature TEXT PRIMARY KEY, stamp REAL NOT NULL)")
    db.execute("CREATE INDEX seen_requests_stamp ON seen_requests(stamp)")


@migrations(name="0003_delivery_started_at")
def _delivery_started_at(db: Database) -> None:
    # When the fan-out began: no part can be older, so a lookup after a crash stops there.
    db.execute("ALTER TABLE deliveries ADD COLUMN started_at TEXT")


# Every row gets a community: see bot/store/communities_schema.py for the script and why.
@migrations(name="0004_communities", transactional=False)
def _communities(db: Database) -> None:
    if db.has_table("communities"):
        return  # rebuilt by a run that stopped before recording this step
    db.execute("PRAGMA foreign_keys=OFF")
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(REBUILD):
                db.conn.execute(statement)
            broken = db.conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"communities upgrade left broken references: {broken[:3]}")
            db.conn.execute("COMMIT")
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
    finally:
        db.execute("PRAGMA foreign_keys=ON")


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


@migrations(name="0005_link_codes")
def _link_codes(db: Database) -> None:
    # A code one platform's admin hands to the other's; only its hash is kept.
    db.executescript(
        """
        CREATE TABLE link_codes (
            code_hash TEXT PRIMARY KEY,
            community_id INTEGER NOT NULL REFERENCES communities(id),
            platform TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        ALTER TABLE places ADD COLUMN previous_community_id INTEGER;
        ALTER TABLE communities ADD COLUMN installer TEXT;
        """
    )


@migrations(name="0006_installations")
def _installations(db: Database) -> None:
    # A workspace's app installation (its bot token encrypted) and the OAuth states
    # handed out by the install page, each valid once.
    db.executescript(
        """
        CREATE TABLE installations (
            platform TEXT NOT NULL,
            place TEXT NOT NULL,
            place_name TEXT NOT NULL DEFAULT '',
            app_id TEXT,
            bot_id TEXT,
            bot_user_id TEXT,
            scopes TEXT NOT NULL DEFAULT '',
            installer TEXT,
            token TEXT NOT NULL,
            installed_at TEXT NOT NULL,
            PRIMARY KEY (platform, place)
        );
        CREATE TABLE oauth_states (
            state TEXT PRIMARY KEY,
            expires_at REAL NOT NULL
        );
        """
    )


@migrations(name="0007_hot_path_indexes")
def _hot_path_indexes(db: Database) -> None:
    """Every query on a hot path reads an index, not the table (issue 18): the next
    issue's items in order, the last approval number, duplicates of chosen items, the
    retry job's unfinished deliveries and the drafts and published issues. After 0004,
    which rebuilt these tables; the community leads wherever the query filters by it."""
    db.executescript(
        """
        CREATE INDEX victories_ready ON victories(community_id, featured DESC, approved_seq, id)
            WHERE status = 'approved' AND issue_number IS NULL;
        CREATE INDEX victories_approved_seq ON victories(approved_seq);
        CREATE INDEX victories_duplicate_of ON victories(community_id, duplicate_of)
            WHERE duplicate_of IS NOT NULL;
        CREATE INDEX deliveries_unfinished ON deliveries(community_id, id) WHERE state != 'sent';
        CREATE INDEX issues_status ON issues(community_id, status, number);
        """
    )


@migrations(name="0008_email_edition")
def _email_edition(db: Database) -> None:
    # Readers by email. An unsubscribed reader keeps only ``email_hash`` (``email`` is
    # NULL), so a re-import cannot subscribe them again. One email run per published issue
    # and one delivery per reader in it: sent exactly once, like a channel's delivery.
    db.executescript(
        """
        CREATE TABLE subscribers (
            id INTEGER PRIMARY KEY,
            community_id INTEGER NOT NULL REFERENCES communities(id),
            email TEXT,
            email_hash TEXT NOT NULL,
            state TEXT NOT NULL
                CHECK (state IN ('pending', 'confirmed', 'unsubscribed', 'suspended')),
            bounces INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, confirmed_at TEXT, updated_at TEXT NOT NULL,
            UNIQUE (community_id, email_hash)
        );
        CREATE TABLE email_runs (
            community_id INTEGER NOT NULL REFERENCES communities(id),
            issue_number INTEGER NOT NULL,
            started_at TEXT NOT NULL, finished_at TEXT, suspended INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (community_id, issue_number)
        );
        CREATE TABLE email_deliveries (
            id INTEGER PRIMARY KEY,
            community_id INTEGER NOT NULL REFERENCES communities(id),
            issue_number INTEGER NOT NULL,
            subscriber_id INTEGER NOT NULL REFERENCES subscribers(id),
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'bounced')),
            attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, updated_at TEXT NOT NULL,
            UNIQUE (community_id, issue_number, subscriber_id)
        );
        CREATE INDEX email_deliveries_state ON email_deliveries(community_id, issue_number, state);
        """
    )


@migrations(name="0009_editor_order")
def _editor_order(db: Database) -> None:
    # Where an editor placed an item in the next issue (/victories move): NULL until moved.
    db.executescript(
        """
        ALTER TABLE victories ADD COLUMN placed INTEGER;
        CREATE INDEX victories_placed ON victories(community_id, placed) WHERE placed IS NOT NULL;
        """
    )


@migrations(name="0011_member_locale")
def _member_locale(db: Database) -> None:
    # The platform locale a member had when sharing the item ("es-ES"), so the notices
    # sent later (approved, published) speak their language. NULL: the community's.
    db.execute("ALTER TABLE victories ADD COLUMN locale TEXT")


@migrations(name="0012_issues_by_date")
def _issues_by_date(db: Database) -> None:
    # The archive's year pages: a year's published issues, and the list of years, read by
    # seeking this index (issue 18), not by walking every published issue.
    db.execute("CREATE INDEX issues_dated ON issues(community_id, status, date)")
