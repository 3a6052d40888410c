"""`victories export` and `victories import` from the command line."""

from __future__ import annotations

import json

from adapters.cli import main

ISSUE = "# Our Town — Issue 7 (March 3, 2025)\n\nHello!\n\n1. A win <https://example.org/w> (Thanks, Ana!)\n\nOops.\n"


def test_import_export_and_json_dump(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VICTORIES_DB", str(tmp_path / "a.db"))
    (tmp_path / "7.md").write_text(ISSUE, encoding="utf-8")
    assert main(["import", "7.md"]) == 0
    out, err = capsys.readouterr()
    assert "imported issue 7 from 7.md:1" in out
    assert "7.md:7: not a numbered item; ignored: 'Oops.'" in err
    assert main(["import", "7.md"]) == 1
    assert "7.md:1: issue 7 is already in the database (published); not imported again" in (
        capsys.readouterr().err
    )

    assert main(["export"]) == 2  # nowhere to write
    assert "--out DIR" in capsys.readouterr().err
    assert main(["export", "--out", "site"]) == 0
    assert "6 file(s) written, 0 unchanged" in capsys.readouterr().out
    assert main(["export", "--out", "site"]) == 0
    assert "0 file(s) written, 6 unchanged" in capsys.readouterr().out
    assert (tmp_path / "site/issues/7/index.html").is_file()
    assert (tmp_path / "site/years/2025/index.html").is_file()  # the issue's date's year

    assert main(["export", "--format", "json", "--out", "dump.json"]) == 0
    dump = json.loads((tmp_path / "dump.json").read_text(encoding="utf-8"))
    assert dump["issues"][0]["victories"][0]["thanks_to"] == "Ana"
    monkeypatch.setenv("VICTORIES_DB", str(tmp_path / "b.db"))
    assert main(["import", "dump.json"]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["issues"] == dump["issues"]
