from __future__ import annotations

from newsfuse.models import Article
from newsfuse.segment import open_quote, segment, split


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
    text = (
        '"We traced it to the panel. That is confirmed," the chief said. '
        "Work resumed. “It was loud. Very loud,” a neighbour said."
    )
    assert [s.text for s in split(text, "q")] == [
        '"We traced it to the panel. That is confirmed," the chief said.',
        "Work resumed.",
        "“It was loud. Very loud,” a neighbour said.",
    ]


def test_a_quote_typed_with_mixed_marks_is_closed() -> None:
    # “ closed by a straight ": the quotation ends there, so the next sentence is its own.
    assert texts(
        '“We will not stand for it," Tom Adair, the club\'s chair, said on Monday. '
        '"We have banned three members." The club declined to say more.'
    ) == [
        '“We will not stand for it," Tom Adair, the club\'s chair, said on Monday.',
        '"We have banned three members."',
        "The club declined to say more.",
    ]
    # Straight quotes spaced on both sides still pair up.
    assert texts('Rita " Red " Vance won the race. She set a record.') == [
        'Rita " Red " Vance won the race.',
        "She set a record.",
    ]


def test_open_quote_reads_marks_in_order() -> None:
    assert open_quote('"We traced it to the panel.')
    assert open_quote("“We traced it.")
    assert not open_quote('He said "no" twice')
    assert not open_quote('“We will not," he said.')
    assert open_quote('Rita " Red')
    assert not open_quote('Rita " Red " Vance')


def test_a_quoted_question_keeps_its_speaker() -> None:
    assert texts('“Who paid for this?" Ada Morr asked the council. Nobody answered.') == [
        '“Who paid for this?" Ada Morr asked the council.',
        "Nobody answered.",
    ]
    assert texts("“Are you a friendly reporter?” Vance asked. The room laughed.") == [
        "“Are you a friendly reporter?” Vance asked.",
        "The room laughed.",
    ]


def texts(text: str) -> list[str]:
    """Sentence texts of ``text``, after checking every offset round-trips."""
    sentences = split(text, "t")
    for s in sentences:
        assert text[s.start : s.end] == s.text
    return [s.text for s in sentences]


def test_a_rank_or_title_before_a_name_does_not_end_the_sentence() -> None:
    assert texts("The fire started after midnight, said fire Lt. Ana Berrow. Crews left.") == [
        "The fire started after midnight, said fire Lt. Ana Berrow.",
        "Crews left.",
    ]
    assert texts('"We have no plans to move in," LAPD Cmdr. Odile Farr said.') == [
        '"We have no plans to move in," LAPD Cmdr. Odile Farr said.'
    ]
    # Two titles in a row: the break nupunkt puts between them is wrong too.
    assert texts("The plane went down at dusk, said Lt. Col. Piet Varga of the patrol.") == [
        "The plane went down at dusk, said Lt. Col. Piet Varga of the patrol."
    ]


def test_saint_joins_its_name_but_a_street_can_end_a_sentence() -> None:
    assert texts("Pilgrims crowd the Cathedral of St. John the Elder in Wexbury.") == [
        "Pilgrims crowd the Cathedral of St. John the Elder in Wexbury."
    ]
    assert texts("He lives on Main St. The house is blue.") == [
        "He lives on Main St.",
        "The house is blue.",
    ]


def test_a_dotted_acronym_used_as_a_modifier_continues_the_sentence() -> None:
    dateline = "PORT ELWIN, Norland (Reuters) - U.S. Secretary of Trade Tessa Marn ruled it out."
    assert texts(dateline) == [dateline]
    assert texts("Delegates met at the U.N. General Assembly in the autumn.") == [
        "Delegates met at the U.N. General Assembly in the autumn."
    ]
    # A sentence opener after the acronym is a real break.
    assert texts("The shipment reached the U.S. The next day it sold out.") == [
        "The shipment reached the U.S.",
        "The next day it sold out.",
    ]
    assert texts("She studied at N.Y.U. It was her second degree.") == [
        "She studied at N.Y.U.",
        "It was her second degree.",
    ]


def test_a_lowercase_word_or_closing_bracket_continues_the_sentence() -> None:
    assert texts("And although anti-U.S. sentiment is strong, the port relies on trade.") == [
        "And although anti-U.S. sentiment is strong, the port relies on trade."
    ]
    assert texts("Visit the Quorra! home page for the timetable.") == [
        "Visit the Quorra! home page for the timetable."
    ]
    assert texts("Rep. Ora Vell (D-N.Y.), who chairs the panel, spoke first.") == [
        "Rep. Ora Vell (D-N.Y.), who chairs the panel, spoke first."
    ]


def test_links_and_panel_labels_stay_separate_although_lowercase() -> None:
    assert texts("The council met on Monday. pic.twitter.com/abc123 — Town Desk") == [
        "The council met on Monday.",
        "pic.twitter.com/abc123 — Town Desk",
    ]
    assert texts("Fig. 2 Bones of Ferox minor. a Left wing in dorsal view; b right wing.") == [
        "Fig. 2 Bones of Ferox minor.",
        "a Left wing in dorsal view; b right wing.",
    ]


def test_a_full_stop_glued_to_the_next_sentence_still_ends_it() -> None:
    # Scraped text loses the space after a full stop; offsets must stay exact.
    assert texts("Two crates were found.He added that Ivo Marsh.Investigators left.") == [
        "Two crates were found.",
        "He added that Ivo Marsh.",
        "Investigators left.",
    ]
    assert texts("The dam held!Engineers cheered.") == ["The dam held!", "Engineers cheered."]
    # A title before a name, a domain name and a dotted acronym are not breaks.
    kept = "Mrs.Varga sold the Kessel.Com domain to the U.S.Army last spring."
    assert texts(kept) == [kept]
    # After a figure, or after the quotation mark that closes an open quote.
    assert texts("She is due back in court on Dec. 26.Ivo Marsh was charged too.") == [
        "She is due back in court on Dec. 26.", "Ivo Marsh was charged too."]
    assert texts('Lena Holt said, "I just want my girls back."When she heard, she wept.') == [
        'Lena Holt said, "I just want my girls back."', "When she heard, she wept."]
    assert texts('"It paved the way. It will be law."The medal honours the 442nd.') == [
        '"It paved the way. It will be law."', "The medal honours the 442nd."]
    # A decimal or a version number is no break.
    kept = "The index rose 2.5 percent after version 3.1 shipped."
    assert texts(kept) == [kept]


def test_a_word_the_splitter_takes_for_an_abbreviation_still_ends_a_sentence() -> None:
    # nupunkt lists ordinary words ("call", "car", "cancer") and surnames as abbreviations.
    assert texts("Deputies answered a noise call. Tarn officials said a man fled by car. "
                 "He was found.") == [
        "Deputies answered a noise call.",
        "Tarn officials said a man fled by car.",
        "He was found.",
    ]
    assert texts("She beat Ada Buchanan. Voters stayed home.") == [
        "She beat Ada Buchanan.",
        "Voters stayed home.",
    ]
    # Real abbreviations before a name or a capitalised word are not breaks.
    kept = "In Lodi, Calif. Gov. Ora Vell and Vell et al. Study Group met the Bros. Band."
    assert texts(kept) == [kept]
    # One that may end a sentence does before a word that opens one.
    assert texts("The probe will loop ever closer to the Sun. To do this, it will pass "
                 "Venus. The firm is based in Lodi, Calif. The firm declined to comment.") == [
        "The probe will loop ever closer to the Sun.",
        "To do this, it will pass Venus.",
        "The firm is based in Lodi, Calif.",
        "The firm declined to comment.",
    ]


def test_paired_single_quotes_open_and_close_a_quotation() -> None:
    # Some pages type “ ” as ‘‘ ’’ (or `` ''): the quotation still closes.
    assert not open_quote("a piece like ‘‘The Wolfman’’?")
    assert not open_quote("a piece like ``The Wolfman''?")
    assert open_quote("He called it ‘‘a disgrace")
    assert texts("Why make ‘‘The Wolfman’’? The cast had fun. It shows.") == [
        "Why make ‘‘The Wolfman’’?", "The cast had fun.", "It shows."]
