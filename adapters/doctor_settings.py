"""Doctor findings about settings and the machine, before any platform is asked."""

from __future__ import annotations

from adapters.environment import Environment
from bot.config import Archive, Config
from bot.store.preflight import LOW_DISK, free_disk
from bot.surfaces import Finding


def setting_findings(config: Config, env: Environment) -> list[Finding]:
    findings = [Finding(False, warning, "") for warning in config.warnings]
    archive = config.archive
    if archive.out and archive.base_url == Archive.base_url:
        findings.append(
            Finding(
                False,
                f"archive.base_url is still the example {Archive.base_url} while "
                f"archive.out is set",
                "set archive.base_url to the address where the archive is published",
            )
        )
    return findings


def disk_finding(db_path: str) -> Finding:
    free = free_disk(db_path)
    return Finding(
        free >= LOW_DISK,
        f"free disk beside the database: {free // (1024 * 1024)} MB",
        "free some space: the database, its backups and exports need room to grow",
    )
