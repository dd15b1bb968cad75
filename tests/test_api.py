"""The public API is pinned: changing it must be a deliberate, visible change."""

from __future__ import annotations

import newsfuse


def test_public_api_is_pinned() -> None:
    assert sorted(newsfuse.__all__) == ["__version__", "from_texts", "read"]
    assert callable(newsfuse.read) and callable(newsfuse.from_texts)
    from newsfuse.report import analyze
    from newsfuse.summarize import summarize

    assert callable(summarize) and callable(analyze)


def test_registries_list_the_built_in_backends() -> None:
    from newsfuse.claims.entities import taggers
    from newsfuse.embed import embedders
    from newsfuse.store import backends

    assert {"hashing", "minilm"} <= set(embedders.names())
    assert {"rules", "spacy"} <= set(taggers.names())
    assert "sql" in backends.names()
