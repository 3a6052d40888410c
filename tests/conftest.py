from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import settings

from bot.clock import ManualClock
from bot.config import Config, parse_config
from bot.core import Core
from bot.model import Actor
from bot.store.database import Store
from tests.fakes.surface import RecordingSurface

# In CI the property tests are deterministic, so a red build always means a change broke
# something; locally they explore new random cases every run.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

EDITOR = Actor(platform="console", user_id="editor", display_name="Editor Eve")
MEMBER = Actor(platform="console", user_id="ana", display_name="Ana Lopez")
OTHER = Actor(platform="console", user_id="ben", display_name="Ben Okafor")


@pytest.fixture
def clock() -> ManualClock:
    # A Wednesday, 12:00 in New York.
    return ManualClock(dt.datetime(2026, 11, 25, 17, 0, tzinfo=dt.UTC))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "victories.db"


@pytest.fixture
def store(db_path: Path):
    store = Store(db_path)
    yield store
    store.close()


def make_config(**sections) -> Config:
    return parse_config(sections, source="test.yaml")


@pytest.fixture
def config() -> Config:
    return make_config(intake={"cooldown": "0s"}, issue={"min_items": 1})


@pytest.fixture
def surface() -> RecordingSurface:
    return RecordingSurface()


@pytest.fixture
async def core(store, config, clock, surface) -> Core:
    core = Core(store=store, config=config, clock=clock)
    core.attach(surface)
    yield core
    await core.settle()
