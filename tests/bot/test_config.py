import datetime as dt

import pytest

from bot.config import Config, ConfigError, load_config, parse_config


def test_missing_default_file_gives_demo_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(None)
    assert config == Config()
    assert config.console.moderators == ("editor",)


def test_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.yaml")


def test_example_file_is_valid_and_complete():
    config = load_config("victories.example.yaml")
    assert config.schedule.misfire_grace == dt.timedelta(hours=6)
    assert config.issue.max_items == 12


@pytest.mark.parametrize(
    ("data", "key", "problem"),
    [
        ({"schedule": {"weekday": "fryday"}}, "schedule.weekday", "not one of"),
        ({"schedule": {"time": "25:99"}}, "schedule.time", "not a time"),
        ({"schedule": {"misfire_grace": "soon"}}, "schedule.misfire_grace", "duration"),
        ({"community": {"timezone": "Mars/Olympus"}}, "community.timezone", "IANA"),
        ({"issue": {"max_items": 0}}, "issue.max_items", "outside"),
        ({"issue": {"max_items": "ten"}}, "issue.max_items", "whole number"),
        ({"issue": {"min_items": 20}}, "issue.min_items", "larger"),
        ({"slack": {"moderators": {"userz": ["U1"]}}}, "slack.moderators.userz", "unknown key"),
        ({"typo": 1}, "typo", "unknown key"),
        ({"schedule": {"holidays": ["someday"]}}, "schedule.holidays", "not a date"),
        ({"community": ["a"]}, "community", "mapping"),
    ],
)
def test_bad_values_name_file_key_and_problem(data, key, problem):
    with pytest.raises(ConfigError) as error:
        parse_config(data, source="my.yaml")
    message = str(error.value)
    assert message.startswith(f"my.yaml: {key}: ")
    assert problem in message


def test_invalid_yaml_names_the_file(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("community: [unclosed")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(path)


def test_ids_accept_numbers_and_single_values():
    config = parse_config(
        {"discord": {"digest_channels": 333, "moderator_roles": [444, "555"]}}, source="x"
    )
    assert config.discord.digest_channels == ("333",)
    assert config.discord.moderator_roles == ("444", "555")
