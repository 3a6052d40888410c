"""Schema, created and upgraded step by step with sqlite-utils' migrations.

Steps are append-only: a released step is never edited, a change is a new step.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

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


@migrations(name="0002_hot_path_indexes")
def _hot_path_indexes(db: Database) -> None:
    """Every query on a hot path reads an index, not the table (issue 18): the next
    issue's items in order, the last approval number, duplicates of chosen items, the
    retry job's unfinished deliveries and the drafts and published issues."""
    db.executescript(
        """
        CREATE INDEX victories_ready ON victories(featured DESC, approved_seq, id)
            WHERE status = 'approved' AND issue_number IS NULL;
        CREATE INDEX victories_approved_seq ON victories(approved_seq);
        CREATE INDEX victories_duplicate_of ON victories(duplicate_of)
            WHERE duplicate_of IS NOT NULL;
        CREATE INDEX deliveries_unfinished ON deliveries(id) WHERE state != 'sent';
        CREATE INDEX issues_status ON issues(status, number);
        """
    )
