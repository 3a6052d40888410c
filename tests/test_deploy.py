"""The production guide and the systemd units it ships are real and valid."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
UNITS = ["victories.service", "victories-backup.service", "victories-backup.timer"]
GUIDE = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")


def test_the_guide_covers_what_an_operator_needs():
    for topic in (
        "systemctl enable",
        "reverse proxy",
        "WEB_HOST=127.0.0.1",
        "WEB_PORT",
        "SLACK_HTTP_HOST",
        "logrotate",
        "journalctl",
        "victories backup",
        "victories-backup.timer",
        "Upgrading",
        "before-upgrade",
        "/healthz",
        "HEALTH_PORT",
        "victories doctor",
    ):
        assert topic in GUIDE, topic
    for unit in UNITS:
        assert (DEPLOY / unit).is_file() and f"deploy/{unit}" in GUIDE, unit


def test_the_units_run_the_real_command_and_keep_the_data_private():
    service = (DEPLOY / "victories.service").read_text()
    assert re.search(r"^ExecStart=/srv/victories/\.venv/bin/victories run$", service, re.M)
    assert "UMask=0077" in service and "Restart=on-failure" in service
    backup = (DEPLOY / "victories-backup.service").read_text()
    assert "victories backup" in backup


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verify_finds_nothing_to_complain_about(tmp_path):
    # The units name /srv/victories and the victories user; point them at this checkout so
    # verify can check the command exists, and fail on any warning, not only on errors.
    victories = Path(sys.executable).with_name("victories")
    for unit in UNITS:
        text = (DEPLOY / unit).read_text()
        text = text.replace("/srv/victories/.venv/bin/victories", str(victories))
        text = text.replace("/srv/victories", str(tmp_path))
        text = re.sub(r"^(User|Group)=.*$", r"\1=root", text, flags=re.M)
        (tmp_path / unit).write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / unit) for unit in UNITS)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr
