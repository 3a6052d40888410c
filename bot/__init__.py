"""Small Victories: the platform-neutral core of the weekly good-news bot."""

__version__ = "0.1.0"
