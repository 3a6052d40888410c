"""The public archive: the static website and feed, the JSON dump, and importing past issues."""
