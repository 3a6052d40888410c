"""content/messages.yaml: every sentence the code asks for exists, with the fields it fills."""

import re
import string
from pathlib import Path

from bot.messages import catalogue, say

ROOT = Path(__file__).resolve().parents[2]
USE = re.compile(r"""\b(?:say|fill|say_doc|says|Refusal)\(\s*["']([a-z_]+)["']""")


def used_keys() -> set[str]:
    keys = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("adapters/**/*.py")]:
        keys |= set(USE.findall(path.read_text(encoding="utf-8")))
    return keys


def test_the_catalogue_is_a_flat_mapping_of_non_empty_strings():
    messages = catalogue()
    assert messages and all(isinstance(k, str) for k in messages)
    assert all(isinstance(v, str) and v.strip() for v in messages.values())


def test_every_key_the_code_uses_exists():
    missing = used_keys() - set(catalogue())
    assert not missing, f"keys used in code but missing from messages.yaml: {sorted(missing)}"
    assert len(used_keys()) > 40  # the scan really found the code's messages


def test_templates_are_well_formed_and_spans_keep_text():
    for key, template in catalogue().items():
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name]
        assert all(name.isidentifier() for name in fields), key
        values = {name: f"<{name}>" for name in fields}
        assert "".join(span.text for span in say(key, **values)) == template.rstrip("\n").format(
            **values
        )


def test_every_sentence_is_used_somewhere():
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("adapters/**/*.py")]
    )
    unused = [k for k in catalogue() if f'"{k}"' not in code and f"'{k}'" not in code]
    assert not unused, f"messages.yaml holds sentences nothing says: {unused}"
