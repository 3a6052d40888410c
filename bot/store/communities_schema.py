"""Step 0004's script: every table rebuilt with a community column (kept here, as
released, so the list of steps stays readable)."""

# -- 0004: communities ------------------------------------------------------------------
# Every row belongs to a community: its own item numbers, issue numbers, blocklist and
# calendar. Tables whose keys change are rebuilt (SQLite cannot alter a primary key), with
# foreign keys off around one transaction of our own, as SQLite's documentation
# prescribes; the step notices a finished rebuild, so a crash before its record is safe.
REBUILD = """
CREATE TABLE communities (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    settings TEXT NOT NULL DEFAULT '{}',
    paused INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE places (
    platform TEXT NOT NULL, place TEXT NOT NULL,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    PRIMARY KEY (platform, place)
);
INSERT INTO communities (id, slug, created_at) VALUES (1, 'default', datetime('now'));

CREATE TABLE issues_new (
    community_id INTEGER NOT NULL REFERENCES communities(id),
    number INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'publishing', 'published', 'skipped')),
    date TEXT,
    note TEXT, song_title TEXT, song_link TEXT, gratitude TEXT,
    ps TEXT NOT NULL DEFAULT '[]', actions TEXT NOT NULL DEFAULT '[]',
    slot TEXT, created_at TEXT NOT NULL, published_at TEXT,
    imported INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (community_id, number)
);
INSERT INTO issues_new SELECT 1, number, status, date, note, song_title, song_link, gratitude,
    ps, actions, slot, created_at, published_at, imported FROM issues;

CREATE TABLE victories_new (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    number INTEGER NOT NULL,
    text TEXT NOT NULL, link TEXT, thanks_to TEXT,
    credit TEXT NOT NULL CHECK (credit IN ('name', 'first', 'anonymous')),
    platform TEXT NOT NULL, user_id TEXT NOT NULL, display_name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    featured INTEGER NOT NULL DEFAULT 0,
    decision TEXT, decided_by TEXT, decided_at TEXT, reason TEXT,
    approved_seq INTEGER,
    issue_number INTEGER,
    position INTEGER,
    duplicate_of INTEGER REFERENCES victories(id),
    norm_link TEXT, norm_text TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    UNIQUE (community_id, number),
    FOREIGN KEY (community_id, issue_number) REFERENCES issues(community_id, number)
);
INSERT INTO victories_new SELECT id, 1, id, text, link, thanks_to, credit, platform, user_id,
    display_name, status, featured, decision, decided_by, decided_at, reason, approved_seq,
    issue_number, position, duplicate_of, norm_link, norm_text, created_at, updated_at
    FROM victories;

CREATE TABLE deliveries_new (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id),
    issue_number INTEGER NOT NULL,
    platform TEXT NOT NULL, channel TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    parts_total INTEGER, parts_sent INTEGER NOT NULL DEFAULT 0,
    refs TEXT NOT NULL DEFAULT '[]',
    attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, updated_at TEXT NOT NULL,
    started_at TEXT,
    UNIQUE (community_id, issue_number, platform, channel),
    FOREIGN KEY (community_id, issue_number) REFERENCES issues(community_id, number)
);
INSERT INTO deliveries_new SELECT id, 1, issue_number, platform, channel, state, parts_total,
    parts_sent, refs, attempts, last_error, updated_at, started_at FROM deliveries;

CREATE TABLE blocked_new (
    community_id INTEGER NOT NULL REFERENCES communities(id),
    platform TEXT NOT NULL, user_id TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (community_id, platform, user_id)
);
INSERT INTO blocked_new SELECT 1, platform, user_id, by, at FROM blocked;

CREATE TABLE state_new (
    community_id INTEGER NOT NULL REFERENCES communities(id),
    key TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (community_id, key)
);
INSERT INTO state_new SELECT 1, key, value FROM state;

DROP TABLE deliveries;
DROP TABLE victories;
DROP TABLE issues;
DROP TABLE blocked;
DROP TABLE state;
ALTER TABLE issues_new RENAME TO issues;
ALTER TABLE victories_new RENAME TO victories;
ALTER TABLE deliveries_new RENAME TO deliveries;
ALTER TABLE blocked_new RENAME TO blocked;
ALTER TABLE state_new RENAME TO state;

CREATE INDEX victories_queue
    ON victories(community_id, status, issue_number, featured, approved_seq);
CREATE INDEX victories_user ON victories(community_id, platform, user_id, created_at);
CREATE INDEX victories_norm_link ON victories(community_id, norm_link);
CREATE INDEX victories_norm_text ON victories(community_id, norm_text);
CREATE INDEX victories_issue ON victories(community_id, issue_number, position);
CREATE INDEX deliveries_state ON deliveries(state);
ALTER TABLE audit ADD COLUMN community_id INTEGER NOT NULL DEFAULT 1;
CREATE INDEX audit_community ON audit(community_id, id);
"""
