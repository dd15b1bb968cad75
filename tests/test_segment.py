from __future__ import annotations

from newsfuse.models import Article
from newsfuse.segment import segment, split


def test_offsets_round_trip_on_abbreviations_and_paragraphs() -> None:
    text = (
        "Dr. Maria Ortiz arrived at 9 a.m. on Jan. 5 in the U.S. capital. She said little.\n\n"
        "A second paragraph follows.   It has two sentences!\nHeadline line without stop"
    )
    sentences = split(text, "src")
    assert [s.text for s in sentences] == [
        "Dr. Maria Ortiz arrived at 9 a.m. on Jan. 5 in the U.S. capital.",
        "She said little.",
        "A second paragraph follows.",
        "It has two sentences!",
        "Headline line without stop",
    ]
    for i, s in enumerate(sentences):
        assert text[s.start : s.end] == s.text
        assert s.source == "src" and s.index == i


def test_segment_fills_article_and_handles_empty_text() -> None:
    article = Article(id="a", origin="x", raw_text="", text="")
    assert segment(article).sentences == []
    article.text = "One. Two."
    assert [s.text for s in segment(article).sentences] == ["One.", "Two."]


def test_a_sentence_break_inside_an_open_quote_is_rejoined() -> None:
    text = ('"We traced it to the panel. That is confirmed," the chief said. '
            "Work resumed. “It was loud. Very loud,” a neighbour said.")
    assert [s.text for s in split(text, "q")] == [
        '"We traced it to the panel. That is confirmed," the chief said.',
        "Work resumed.",
        "“It was loud. Very loud,” a neighbour said.",
    ]
