"""The thin database handle: rows as dicts, transactions and savepoints, scripts inside a
transaction, and sqlite-utils' table API only when asked for."""

import subprocess
import sys

import pytest

from bot.store.database import connect
from bot.store.sqlite import Database


@pytest.fixture
def db(tmp_path):
    handle = Database(connect(tmp_path / "t.db"))
    handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
    yield handle
    handle.close()


def texts(db: Database) -> list[str]:
    return [row["text"] for row in db.query("SELECT text FROM t ORDER BY id")]


def test_query_yields_dicts_and_refuses_statements_without_rows(db):
    db.execute("INSERT INTO t (text) VALUES (?)", ["a"])
    db.execute("INSERT INTO t (text) VALUES (:text)", {"text": "b"})
    assert list(db.query("SELECT id, text FROM t ORDER BY id")) == [
        {"id": 1, "text": "a"},
        {"id": 2, "text": "b"},
    ]
    with pytest.raises(ValueError):
        db.query("UPDATE t SET text = 'c'")


def test_atomic_commits_and_rolls_back_and_nests_as_savepoints(db):
    with db.atomic():
        db.execute("INSERT INTO t (text) VALUES ('kept')")
        with pytest.raises(RuntimeError), db.atomic():
            db.execute("INSERT INTO t (text) VALUES ('inner, undone')")
            raise RuntimeError
        assert db.conn.in_transaction  # the outer transaction goes on
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("INSERT INTO t (text) VALUES ('outer, undone')")
        raise RuntimeError
    assert texts(db) == ["kept"]
    assert not db.conn.in_transaction


def test_a_script_inside_a_transaction_does_not_commit_it(db):
    with pytest.raises(RuntimeError), db.atomic():
        db.executescript(
            "INSERT INTO t (text) VALUES ('semi;colon');\n"
            "CREATE TABLE u (x TEXT);\n"
            "CREATE TRIGGER t_u AFTER INSERT ON t BEGIN INSERT INTO u VALUES ('x'); END;"
        )
        assert texts(db) == ["semi;colon"]
        raise RuntimeError
    assert texts(db) == []
    assert not db.has_table("u")
    db.executescript("CREATE TABLE u (x TEXT); INSERT INTO t (text) VALUES ('out')")
    assert db.has_table("u") and texts(db) == ["out"]
    assert {"t", "u"} <= set(db.table_names())


def test_the_table_api_comes_from_sqlite_utils_on_first_use(db):
    db.execute("INSERT INTO t (text) VALUES ('a')")
    assert db["t"].count == 1
    db.table("t").insert({"text": "b"})
    assert texts(db) == ["a", "b"]


def test_starting_the_store_does_not_import_sqlite_utils(tmp_path):
    """Its import costs about 40 ms of start-up; the running bot needs only SQL."""
    code = (
        "import sys; from bot.store.database import Store; "
        f"store = Store({str(tmp_path / 's.db')!r}); store.close(); "
        "print('sqlite_utils' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "False"
