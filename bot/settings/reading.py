"""Reading victories.yaml: YAML's surprises turned into errors that name the key.

PyYAML keeps the last of two equal keys without a word, raises a bare ``ValueError`` for a
date like ``2026-13-45`` and reads ``10:00`` unquoted as the number 600 (YAML 1.1
sexagesimal). This loader refuses the first, leaves an impossible date as text for the
field that wanted a date to refuse with its key, and the time field explains the third.
"""

from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError


class DuplicateKey(Exception):
    def __init__(self, key: str, first: int, again: int) -> None:
        super().__init__(f"appears twice (lines {first} and {again}); keep one")
        self.key = key


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> dict:
    loader.flatten_mapping(node)
    seen: dict = {}
    lines: dict = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConstructorError(
                None, None, "a key must be a single value", key_node.start_mark
            ) from None
        if key in seen:
            raise DuplicateKey(str(key), lines[key], key_node.start_mark.line + 1)
        lines[key] = key_node.start_mark.line + 1
        seen[key] = loader.construct_object(value_node, deep=True)
    return seen


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)  # not a real date: the field refuses it by key


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def read_yaml(text: str) -> object:
    """Parse settings text. Raises ``DuplicateKey`` or ``yaml.YAMLError``."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def sexagesimal_hint(value: object) -> str | None:
    """A time written unquoted (10:00) arrives as minutes (600): say to quote it."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        hours, minutes = divmod(value, 60)
        return (
            f"YAML reads {hours}:{minutes:02d} unquoted as the number {value}: "
            f'quote it, as "{hours:02d}:{minutes:02d}"'
        )
    return None
