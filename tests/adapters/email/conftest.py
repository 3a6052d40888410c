from tests.bot.email.conftest import config, core, sink  # noqa: F401  (the same fixtures)
