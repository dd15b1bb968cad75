"""The cleaner: one test per furniture rule, the things it must keep, and the real seeds.

Every article here is fictional and written for these tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsfuse.clean import RULES, classify_lines, clean, headline_only, paragraphs
from newsfuse.models import Article, Removed

BODY = (
    "Fire crews fought a blaze at a grain warehouse in the port of Lindqvist on Tuesday night, "
    "the city fire service said in a statement.",
    "About thirty residents of nearby streets were moved to a school gymnasium as a precaution, "
    "and most were allowed home by Wednesday morning.",
    '"We were lucky the wind turned," said harbour master Ilse Vartanen. "It could have reached '
    'the fuel depot."',
)


def build(*lines: str, title: str | None = "Warehouse fire in Lindqvist port",
          published: str | None = None) -> Article:  # fmt: skip
    """A fictional article whose raw text is ``lines`` separated by blank lines."""
    return clean(
        Article(
            id="t",
            origin="test",
            raw_text="\n\n".join(lines),
            title=title,
            published=published,
        )
    )


def reasons(article: Article) -> dict[str, str]:
    return {r.line: r.reason for r in article.removed}


def assert_removed(line: str, reason: str, *context: str) -> None:
    article = build(*BODY[:1], *context, line, *BODY[1:])
    assert reasons(article).get(line) == reason, article.removed
    assert line not in article.text
    for paragraph in BODY:
        assert paragraph in article.text


# -- one test per rule -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    ["Skip to content", "1. Skip to main menu", "Facebook Twitter Email", "Home > News > Local"],
)
def test_navigation(line: str) -> None:
    assert_removed(line, "navigation")


def test_numbered_menu_above_the_body_is_navigation_but_a_list_inside_it_is_not() -> None:
    article = build("1. News", "2. Sport", "3. Weather", *BODY, "1. Close the gates", "2. Call 112")
    assert reasons(article) == {"1. News": "navigation", "2. Sport": "navigation",
                                "3. Weather": "navigation"}  # fmt: skip
    assert "1. Close the gates" in article.text


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("March 4, 2025", "2025-03-04"),
        ("4 March 2025", "2025-03-04"),
        ("2025-03-04", "2025-03-04"),
        ("Mar. 4, 2025", "2025-03-04"),
        ("Posted Tuesday, March 4, 2025 5:27 pm", "2025-03-04"),
    ],
)
def test_dateline_is_removed_and_becomes_the_publication_date(line: str, iso: str) -> None:
    article = build(line, *BODY)
    assert article.removed == [Removed(line, "dateline")]
    assert article.published == iso


def test_dateline_does_not_override_a_known_date() -> None:
    assert build("March 4, 2025", *BODY, published="2025-03-05").published == "2025-03-05"


def test_an_impossible_date_is_not_a_dateline() -> None:
    assert build("February 30, 2025", *BODY).published is None


@pytest.mark.parametrize(
    "line",
    [
        "kt/jr (AFP, dpa)",
        "ab/cd",
        "(Reporting by Ana Lind; Editing by Tom Berg)",
        "By Mira Koskinen",
        "-- Mira Koskinen in Lindqvist",
        "Staff writer Ola Persson contributed to this report.",
        "Write to Mira Koskinen at mira.koskinen@example.com",
    ],
)
def test_byline(line: str) -> None:
    assert_removed(line, "byline")


@pytest.mark.parametrize(
    "line",
    [
        "Get our newsletter for free!",
        "Sign up for our morning briefing newsletter",
        "Subscribe to our newsletter to get the latest news.",
        "Follow us on Twitter and Facebook",
        "Click here to read more",
    ],
)
def test_promo(line: str) -> None:
    assert_removed(line, "promo")


@pytest.mark.parametrize(
    "line",
    ["Advertisement", "ADVERTISEMENT ADVERTISEMENT", "Article Excerpt", "More from Harbour News",
     "© 2025 Lindqvist Gazette. All rights reserved."],
)  # fmt: skip
def test_boilerplate(line: str) -> None:
    assert_removed(line, "boilerplate")


@pytest.mark.parametrize(
    "line", ["Ana Lind/Reuters", "Image: Reuters/Lindqvist Fire Service", "AFP", "Getty Images"]
)
def test_photo_credit(line: str) -> None:
    assert_removed(line, "photo-credit")


@pytest.mark.parametrize(
    "line",
    [
        "Firefighters spray water on the burning roof of the warehouse in Lindqvist, Reuters",
        "A resident watches the smoke from a balcony near the harbour Ana Lind/AFP",
        "Smoke over the docks on Tuesday evening. (Ana Lind / Staff Photographer)",
        "Crews at the scene on Wednesday (AP Photo/Ana Lind)",
        "Photo: Crews roll hoses along the quay after the fire",
        "Image copyright Getty Images Image caption The warehouse roof collapsed overnight",
        "The burnt-out warehouse on Wednesday morning. REUTERS/Ana Lind",
        "A drawing of the new ferry is shown in this May 2, 2024 image. Ana Lind/Handout via "
        "REUTERS",
        "In this March 3, 2024, photo, a crane lifts the burnt roof beams off the warehouse.",
    ],
)
def test_caption_with_credit_or_label(line: str) -> None:
    assert_removed(line, "caption")


def test_caption_next_to_its_credit_line() -> None:
    caption = "Firefighters on a ladder above the burning warehouse roof"
    article = build(*BODY[:1], caption, "Image: Ana Lind", *BODY[1:])
    assert reasons(article) == {caption: "caption", "Image: Ana Lind": "photo-credit"}


def test_headline_and_its_duplicates() -> None:
    title = "Warehouse Fire Forces Evacuation In Lindqvist"
    article = build(title, BODY[0], title, "Warehouse fire forces evacuation", *BODY[1:],
                    title=title)  # fmt: skip
    assert article.removed == [
        Removed(title, "headline"),
        Removed(title, "duplicate-headline"),
        Removed("Warehouse fire forces evacuation", "duplicate-headline"),
    ]
    assert article.text == "\n\n".join(BODY)


def test_a_headline_only_item_keeps_its_headline_as_text() -> None:
    # A feed entry whose description repeats its title says nothing else: the headline is
    # what sentences and citations must point into.
    title = "Warehouse fire forces evacuation in Lindqvist"
    article = build(title, title, title=title)
    assert article.text == title and headline_only(article)
    assert article.removed == [Removed(title, "headline")]  # its second copy
    # with a body, the repeated headline still goes
    article = build(title, BODY[0], title=title)
    assert article.text == BODY[0] and not headline_only(article)


def test_repeated_heading_is_a_duplicate_headline() -> None:
    article = build(BODY[0], "Residents return home", BODY[1], "Residents return home", BODY[2])
    assert article.removed == [Removed("Residents return home", "duplicate-headline")]
    assert article.text.count("Residents return home") == 1


def test_repeated_paragraph_is_a_duplicate() -> None:
    article = build(*BODY, BODY[1])
    assert article.removed == [Removed(BODY[1], "duplicate")]
    assert article.text.count(BODY[1]) == 1


@pytest.mark.parametrize("line", ["Finland Sweden", "PORT FIRES", "Lindqvist Harbour Safety"])
def test_tag_line(line: str) -> None:
    assert_removed(line, "tag-line")


def test_foreign_language_caption() -> None:
    caption = "Feuerwehrleute löschen den Brand im Hafen von Lindqvist am späten Dienstagabend"
    article = build(*BODY[:1], caption, *BODY[1:])
    assert reasons(article) == {caption: "foreign-language"}
    assert article.language == "en"


def test_language_is_detected() -> None:
    article = build(
        "Les pompiers ont lutté mardi soir contre un incendie dans un entrepôt du port.",
        "Une trentaine d'habitants ont été évacués vers un gymnase par précaution.",
        title=None,
    )
    assert article.language == "fr"
    assert article.removed == []


def test_rules_are_named_and_ordered() -> None:
    names = [r.reason for r in RULES]
    assert len(names) == len(set(names))
    assert names.index("navigation") < names.index("tag-line")


# -- what must be kept -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "He declined to comment.",
        "No one was hurt.",
        '"It was terrifying," she said.',
        "“Get out now!” a firefighter shouted.",
        "Residents can sign up for emergency alerts on the city website, the mayor said.",
        "The fire was first reported by Reuters.",
        "Officials said the cause is not yet known. (Reuters)",
        "Harbour crews respond",
        "What happens next?",
        "Contact the fire service at info@example.org for the full report, officials said.",
    ],
)
def test_real_sentences_and_headings_are_kept(line: str) -> None:
    article = build(*BODY[:1], line, *BODY[1:])
    assert article.removed == []
    assert article.text == "\n\n".join([BODY[0], line, *BODY[1:]])


def test_removed_records_every_line_in_order_with_its_reason() -> None:
    article = build("Skip to content", "March 4, 2025", *BODY, "Get our newsletter!", "kt/jr (AFP)")
    assert article.removed == [
        Removed("Skip to content", "navigation"),
        Removed("March 4, 2025", "dateline"),
        Removed("Get our newsletter!", "promo"),
        Removed("kt/jr (AFP)", "byline"),
    ]


def test_text_is_kept_paragraphs_with_normalised_whitespace() -> None:
    article = build(
        "  Fire   crews\tarrived at\u00a0dawn.  ", "Skip to content", BODY[1], title=None
    )
    assert article.text == f"Fire crews arrived at dawn.\n\n{BODY[1]}"


def test_hard_wrapped_text_is_rejoined_before_judging() -> None:
    wrapped = (
        "Fire crews fought a blaze at a grain warehouse in the port of\n"
        "Lindqvist on Tuesday night, the city fire service said in a\n"
        "statement issued shortly before midnight to local reporters.\n\n"
        "About thirty residents of nearby streets were moved to a school\n"
        "gymnasium as a precaution, and most were allowed home by the\n"
        "next morning, according to the city council.\n"
    )
    assert len(paragraphs(wrapped)) == 2
    article = clean(Article(id="t", origin="test", raw_text=wrapped))
    assert article.removed == []


def test_one_sentence_per_line_keeps_its_headline_apart() -> None:
    lines = [
        "Ferry service resumes after storm",
        "The ferry between Norrvik and the islands sailed again on Friday morning.",
        "Operators said the storm had damaged a loading ramp at the island pier.",
        "Repairs took two days and cost about forty thousand euros in all.",
        "Passengers who missed crossings can use their tickets until next month.",
        "The coast guard lifted its weather warning late on Thursday evening.",
    ]
    found = paragraphs("\n".join(lines))
    assert found[0] == lines[0]
    assert found == lines


def test_a_line_cut_mid_sentence_joins_the_next() -> None:
    assert paragraphs("Crews worked through the\nnight to contain it.") == [
        "Crews worked through the night to contain it."
    ]
    assert paragraphs("Russia Finland\nA caption line") == ["Russia Finland", "A caption line"]


def test_classify_lines_exposes_features() -> None:
    verdicts = classify_lines(["Finland Sweden", BODY[0]], title=None, language="en")
    assert [v.keep for v in verdicts] == [False, True]
    assert verdicts[0].features.words == 2 and not verdicts[0].features.has_lowercase_word
    assert verdicts[1].features.ends_sentence


# -- the real seeds (third-party text, read in place) ------------------------------------------
_AGENCY_END = re.compile(r"\b(?:Reuters|AFP|AP|Getty Images)\W*$")
_INITIALS = re.compile(r"^[a-z]{1,5}(?:/[a-z]{1,5})+\b")


def _seed(path: Path) -> Article:
    """A seed built directly (no ingest): title = first line, no known publication date."""
    text = path.read_text(encoding="utf-8")
    title = next(ln.strip() for ln in text.splitlines() if ln.strip())
    return clean(Article(id=path.stem, origin=str(path), raw_text=text, title=title))


@pytest.mark.shared
def test_seed_furniture_is_removed_and_prose_kept(seed_paths: list[Path]) -> None:
    assert seed_paths
    seen: set[str] = set()
    for path in seed_paths:
        from newsfuse.ingest import from_text

        article = clean(from_text(path.read_text(encoding="utf-8"), str(path)))
        seen |= {r.reason for r in article.removed}
        kept = article.text.split("\n\n")
        for paragraph in kept:
            assert not _AGENCY_END.search(paragraph), paragraph
            assert not paragraph.startswith(("Image:", "Skip to")), paragraph
            assert not _INITIALS.match(paragraph), paragraph
            assert "newsletter" not in paragraph.lower(), paragraph
            assert not (len(paragraph.split()) <= 5 and paragraph.istitle()), paragraph
            assert paragraph != article.title
        assert kept.count(article.title or "") == 0
        assert article.language == "en"
        # Every line that reads as prose (long, ends like a sentence) survives intact.
        for line in paragraphs(article.raw_text):
            if len(line.split()) >= 15 and re.search(r"[.!?][\"”’]?$", line):
                assert line in kept, line
    assert {"navigation", "tag-line", "duplicate-headline", "promo", "byline", "dateline"} <= seen
    assert seen & {"caption", "photo-credit"}


@pytest.mark.shared
def test_seed_dateline_becomes_the_publication_date(seed_paths: list[Path]) -> None:
    import dateparser

    dated = 0
    for path in seed_paths:
        article = _seed(path)
        datelines = [r.line for r in article.removed if r.reason == "dateline"]
        if datelines:
            dated += 1
            parsed = dateparser.parse(datelines[0], languages=["en"])
            assert parsed is not None
            assert article.published == parsed.date().isoformat()
    assert dated >= 1


@pytest.mark.shared
def test_multinews_documents_lose_no_long_plain_sentences(multinews_path: Path) -> None:
    """Calibration data: furniture is found, but nothing that reads as prose is removed
    unless a caption/credit/promo/byline/boilerplate pattern says why."""
    explained = {"caption", "photo-credit", "promo", "byline", "boilerplate", "duplicate"}
    removed = 0
    with multinews_path.open(encoding="utf-8") as rows:
        for row in list(rows)[:40]:
            for doc in json.loads(row)["documents"]:
                article = _seed_like(doc)
                removed += len(article.removed)
                for r in article.removed:
                    prose = len(r.line.split()) >= 20 and r.line.endswith(".")
                    assert r.reason in explained or not prose, r
    assert removed > 20


def _seed_like(text: str) -> Article:
    from newsfuse.ingest import from_text

    return clean(from_text(text, "multinews"))


# -- the bundled example (our own fictional text) ----------------------------------------------
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-fire"


def test_bundled_example_loses_its_furniture_and_keeps_its_prose() -> None:
    from newsfuse import ingest

    articles = [
        clean(a)
        for name in sorted(p.name for p in EXAMPLE.iterdir() if p.suffix != ".md")
        for a in ingest.read_path(str(EXAMPLE / name))
        if isinstance(a, Article)
    ]
    assert len(articles) == 3
    seen = {r.reason for a in articles for r in a.removed}
    assert {"headline", "dateline", "tag-line", "caption", "promo", "byline"} <= seen
    herald = articles[0]
    assert herald.published == "2025-06-11"
    for article in articles:
        assert article.language == "en"
        for paragraph in article.text.split("\n\n"):
            assert "newsletter" not in paragraph.lower()
            assert not _AGENCY_END.search(paragraph)
            assert not _INITIALS.match(paragraph)
        prose = [r.line for r in article.removed if len(r.line.split()) >= 15]
        assert all(_AGENCY_END.search(line) or "newsletter" in line for line in prose), prose


def test_empty_article_cleans_to_empty_text() -> None:
    article = clean(Article(id="t", origin="test", raw_text=" \n\n \n", language="en"))
    assert (article.text, article.removed, article.language) == ("", [], "en")
