"""`victories doctor` without platforms: settings and database checks."""

import sqlite3

from tests.e2e.test_console import victories


def test_doctor_reports_a_healthy_console_setup(tmp_path):
    result = victories(tmp_path, "doctor")
    assert result.returncode == 0, result.stderr
    assert "ok   database integrity: ok" in result.stdout
    assert "no platform token set" in result.stdout
    assert result.stdout.strip().endswith("All good.")


def test_doctor_finds_broken_references(tmp_path):
    victories(tmp_path, "run", stdin="/victory Something good\n")
    conn = sqlite3.connect(tmp_path / "victories.db")
    conn.execute("INSERT INTO cards VALUES ('slack', 'C1', '1.0', 999)")  # foreign keys off here
    conn.commit()
    conn.close()
    result = victories(tmp_path, "doctor")
    assert result.returncode == 1
    assert "FIX  database references: 1 broken" in result.stdout
    assert "victories restore" in result.stdout


def test_doctor_says_how_to_make_the_secret_key(tmp_path):
    from tests.e2e.test_console import clean_env

    env = {
        **clean_env(tmp_path),
        "SLACK_CLIENT_ID": "111.222",
        "SLACK_CLIENT_SECRET": "shh",
        "SLACK_SIGNING_SECRET": "s3cret",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }
    result = victories(tmp_path, "doctor", env=env)
    assert result.returncode == 1
    assert "FIX  VICTORIES_SECRET_KEY is not set" in result.stdout
    assert "Fernet.generate_key().decode()" in result.stdout
    result = victories(tmp_path, "doctor", env={**env, "VICTORIES_SECRET_KEY": "too-short"})
    assert "FIX  VICTORIES_SECRET_KEY is not a Fernet key" in result.stdout
