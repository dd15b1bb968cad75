"""Ingestion: every reader, stable ids, outlets, dates, and every bad-input case.

All article text here is fictional and written for these tests.
"""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from newsfuse import ingest
from newsfuse.models import Article, Failure

BRIDGE = (
    "Harbour bridge reopens after repairs\n\n"
    "The harbour bridge in Lakeside reopened to traffic on Tuesday after six weeks of "
    "repairs to its steel deck, the town council said.\n\n"
    "Engineers replaced forty corroded plates and repainted the main span.\n"
)
FERRY = (
    "Ferry timetable changes for winter\n\n"
    "The Lakeside ferry will run every forty minutes from November, the operator said.\n"
)

PAGE = """<!DOCTYPE html><html><head>
<title>Harbour bridge reopens after repairs | Lakeside Gazette</title>
<meta property="og:site_name" content="Lakeside Gazette">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
<link rel="canonical" href="https://www.lakesidegazette.example/news/bridge">
</head><body>
<nav><a href="/">Home</a> <a href="/news">Newsroom menu</a></nav>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge in Lakeside reopened to traffic on Tuesday after six weeks of repairs
to its steel deck, the town council said in a statement.</p>
<p>Engineers replaced forty corroded plates and repainted the main span. The council said
the work cost less than planned and finished two days early.</p>
</article><footer>Copyright notice for the test page</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Lakeside Gazette</title><link>https://www.lakesidegazette.example/</link>
<item>
  <title>Harbour bridge reopens</title>
  <link>https://www.lakesidegazette.example/news/bridge</link>
  <description>&lt;p&gt;The bridge reopened on &lt;b&gt;Tuesday&lt;/b&gt;.&lt;/p&gt;
    &lt;p&gt;Traffic is normal.&lt;/p&gt;</description>
  <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
</item>
<item>
  <title>Ferry timetable changes</title>
  <link>https://www.lakesidegazette.example/news/ferry</link>
  <description>The ferry will run every forty minutes from November.</description>
  <pubDate>Wed, 06 Mar 2024 08:15:00 +0100</pubDate>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Courier</title>
  <id>urn:example:valley</id><updated>2024-04-02T12:00:00Z</updated>
  <entry>
    <title>Library extends opening hours</title>
    <link href="https://valleycourier.example/library"/>
    <id>urn:example:valley:1</id>
    <updated>2024-04-02T12:00:00Z</updated>
    <summary>Short teaser.</summary>
    <content type="html">&lt;p&gt;The town library will open until nine on weekdays.&lt;/p&gt;
      &lt;p&gt;The change follows a survey of readers.&lt;/p&gt;</content>
  </entry>
</feed>"""


def read_all(paths: list[str | Path], **options: object) -> tuple[list[Article], list[Failure]]:
    """What the pipeline does: expand, then read each input, splitting the two outcomes."""
    files, failures = ingest.expand_paths([str(p) for p in paths])
    articles: list[Article] = []
    for file in files:
        for item in ingest.read_path(file, **options):  # type: ignore[arg-type]
            (failures if isinstance(item, Failure) else articles).append(item)  # type: ignore[arg-type]
    return articles, failures


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def only_article(path: Path, **options: object) -> Article:
    articles, failures = read_all([path], **options)
    assert failures == []
    assert len(articles) == 1
    return articles[0]


# --- readers -----------------------------------------------------------------------------


def test_txt_keeps_whole_text_and_first_line_as_title(tmp_path: Path) -> None:
    path = write(tmp_path, "bridge.txt", BRIDGE)
    article = only_article(path)
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.raw_text == BRIDGE  # the headline line stays: the cleaner decides
    assert article.origin == str(path)
    assert article.text == "" and article.sentences == [] and article.language is None


def test_txt_title_skips_menu_lines_and_reads_dateline(tmp_path: Path) -> None:
    text = "1. Skip to content\n  2. Main menu\n\nBridge reopens\n\nMarch 5, 2024\n\nBody text.\n"
    article = only_article(write(tmp_path, "page.txt", text))
    assert article.title == "Bridge reopens"
    assert article.published == "2024-03-05"


def test_from_text_title_only_when_line_looks_like_a_headline() -> None:
    assert ingest.from_text(BRIDGE, "t#0").title == "Harbour bridge reopens after repairs"
    sentence_first = "The council met on Monday and approved the budget.\n\nMore text."
    assert ingest.from_text(sentence_first, "t#1").title is None
    assert ingest.from_text(sentence_first, "t#1", title="Given").title == "Given"
    assert ingest.from_text(BRIDGE, "t#2", outlet="Gazette").outlet == "Gazette"


@pytest.mark.parametrize("first", [
    "Sign up for our newsletter", "By Jane Okafor", "Photo by Lars Menn/AFP/Getty Images",
    "Play Facebook", "Photo", "Posted Tuesday, November 21, 2023 5:27 pm",
    "March 10, 2023 10:54 am ET by Harbour Desk Staff",
    "Crews on the quay at dusk (Jane Okafor / Staff Photographer)",
])
def test_page_furniture_on_the_first_line_is_no_title(first: str) -> None:
    assert ingest.from_text(f"{first}\n\n{BRIDGE}", "t#0").title is None


def test_tag_line_title_stays_a_title() -> None:
    assert ingest.from_text("Harbour Lakeside\n\nThe bridge reopened.", "t#0").title == (
        "Harbour Lakeside")


def test_html_text_and_metadata(tmp_path: Path) -> None:
    article = only_article(write(tmp_path, "bridge.html", PAGE))
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.published == "2024-03-05"
    assert article.outlet == "Lakeside Gazette"
    assert article.url == "https://www.lakesidegazette.example/news/bridge"
    assert "forty corroded plates" in article.raw_text
    assert "Newsroom menu" not in article.raw_text  # navigation is not article text


def test_htm_page_without_site_name_takes_outlet_from_url(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="og:site_name" content="Lakeside Gazette">', "")
    page = page.replace(" | Lakeside Gazette", "")
    article = only_article(write(tmp_path, "bridge.htm", page))
    assert article.outlet == "lakesidegazette.example"


def test_json_object_fields_extra_and_missing(tmp_path: Path) -> None:
    row = {
        "id": "bridge-1",
        "title": "Bridge reopens",
        "text": BRIDGE,
        "url": "https://www.lakesidegazette.example/b",
        "outlet": "Lakeside Gazette",
        "published": "Tue, 05 Mar 2024 10:00:00 GMT",
        "section": "Local",
    }
    article = only_article(write(tmp_path, "one.json", json.dumps(row)))
    assert (article.id, article.title, article.outlet) == (
        "bridge-1",
        "Bridge reopens",
        "Lakeside Gazette",
    )
    assert article.published == "2024-03-05"
    assert article.raw_text == BRIDGE
    assert article.extra == {"section": "Local"}

    bare = only_article(write(tmp_path, "bare.json", json.dumps({"text": FERRY})))
    assert (bare.title, bare.url, bare.outlet, bare.published) == (None, None, None, None)


def test_json_list_gives_one_article_per_object(tmp_path: Path) -> None:
    path = write(tmp_path, "list.json", json.dumps([{"text": BRIDGE}, {"text": FERRY}]))
    articles, failures = read_all([path])
    assert failures == []
    assert [a.origin for a in articles] == [f"{path}#0", f"{path}#1"]


def test_jsonl_rows_and_a_bad_line_fails_alone(tmp_path: Path) -> None:
    lines = [json.dumps({"text": BRIDGE}), '{"text": "unfinished', "", json.dumps({"text": FERRY})]
    path = write(tmp_path, "rows.jsonl", "\n".join(lines) + "\n")
    articles, failures = read_all([path])
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:4"]
    assert len(failures) == 1
    assert failures[0].origin == f"{path}:2"
    assert f"{path}:2 is not valid JSON" in failures[0].message


def test_json_row_without_text_fails_alone(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "rows.jsonl",
        json.dumps({"title": "No body"}) + "\n" + json.dumps({"text": FERRY}),
    )
    articles, failures = read_all([path])
    assert len(articles) == 1
    assert failures[0].origin == f"{path}:1" and '"text"' in failures[0].message


def test_malformed_json_file_is_a_failure(tmp_path: Path) -> None:
    articles, failures = read_all([write(tmp_path, "bad.json", '{"text": "oops",,}')])
    assert articles == []
    assert "is not valid JSON" in failures[0].message


def test_rss_entries_with_html_stripped_and_dates(tmp_path: Path) -> None:
    path = write(tmp_path, "gazette.rss", RSS)
    articles, failures = read_all([path])
    assert failures == []
    assert [a.title for a in articles] == ["Harbour bridge reopens", "Ferry timetable changes"]
    assert articles[0].raw_text == "The bridge reopened on Tuesday.\n\nTraffic is normal."
    assert [a.published for a in articles] == ["2024-03-05", "2024-03-06"]
    assert {a.outlet for a in articles} == {"Lakeside Gazette"}
    assert articles[1].url == "https://www.lakesidegazette.example/news/ferry"
    assert articles[0].origin == f"{path}#0"


def test_atom_prefers_full_content_over_teaser(tmp_path: Path) -> None:
    article = only_article(write(tmp_path, "valley.atom", ATOM))
    assert article.raw_text.startswith("The town library will open until nine")
    assert "survey of readers" in article.raw_text
    assert (article.title, article.outlet, article.published) == (
        "Library extends opening hours",
        "Valley Courier",
        "2024-04-02",
    )


def test_feed_is_sniffed_whatever_the_extension(tmp_path: Path) -> None:
    articles, failures = read_all([write(tmp_path, "download", RSS)])
    assert failures == [] and len(articles) == 2


def test_multinews_rows_give_one_article_per_document(tmp_path: Path) -> None:
    rows = [{"id": "c1", "documents": [BRIDGE, FERRY], "summary": "Two local stories."}]
    path = write(tmp_path, "clusters.jsonl", "\n".join(json.dumps(r) for r in rows))
    articles, failures = read_all([path])
    assert failures == []
    assert [a.origin for a in articles] == [f"{path}:1#0", f"{path}:1#1"]
    assert all(a.extra == {"cluster": "c1"} for a in articles)
    assert articles[0].title == "Harbour bridge reopens after repairs"


def test_shared_multinews_file_reads_without_failures(multinews_path: Path) -> None:
    articles, failures = read_all([multinews_path])
    assert failures == []
    assert len(articles) > 200
    assert all(a.extra.get("cluster") for a in articles)


def test_directory_recursion_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    write(tmp_path, "in/b.txt", FERRY)
    write(tmp_path, "in/a/z.txt", BRIDGE)
    write(tmp_path, "in/.hidden.txt", "Hidden\n\nnot read")
    write(tmp_path, "in/.cache/x.txt", "Hidden dir\n\nnot read")
    write(tmp_path, "in/README.md", "# About this folder\n")
    write(tmp_path, "in/photo.jpg", b"\xff\xd8\xff\x00")
    files, failures = ingest.expand_paths([str(tmp_path / "in")])
    assert failures == []
    assert files == [str(tmp_path / "in/a/z.txt"), str(tmp_path / "in/b.txt")]
    articles, _ = read_all([tmp_path / "in"])
    assert [a.title for a in articles] == [
        "Harbour bridge reopens after repairs",
        "Ferry timetable changes for winter",
    ]


def test_directory_with_nothing_to_read_and_explicit_md_file(tmp_path: Path) -> None:
    notes = write(tmp_path, "only/notes.md", "# Notes on the bridge\n\nSome text.\n")
    files, failures = ingest.expand_paths([str(tmp_path / "only")])
    assert files == []
    assert "is a directory with no files to read" in failures[0].message
    assert only_article(notes).title == "Notes on the bridge"


def test_read_path_accepts_a_directory(tmp_path: Path) -> None:
    write(tmp_path, "d/one.txt", BRIDGE)
    items = list(ingest.read_path(str(tmp_path / "d")))
    assert len(items) == 1 and isinstance(items[0], Article)


@pytest.mark.parametrize(
    ("payload", "expected_titles"),
    [
        (json.dumps({"text": BRIDGE, "title": "From JSON"}).encode(), ["From JSON"]),
        (
            (json.dumps({"text": BRIDGE}) + "\n" + json.dumps({"text": FERRY})).encode(),
            [None, None],  # JSON rows without a title field: title stays None
        ),
        (RSS.encode(), ["Harbour bridge reopens", "Ferry timetable changes"]),
        (PAGE.encode(), ["Harbour bridge reopens after repairs"]),
        (BRIDGE.encode(), ["Harbour bridge reopens after repairs"]),
    ],
    ids=["json", "jsonl", "feed", "html", "text"],
)
def test_stdin_content_is_sniffed(payload: bytes, expected_titles: list[str | None]) -> None:
    items = list(ingest.read_path("-", stdin=io.BytesIO(payload)))
    assert all(isinstance(i, Article) for i in items)
    assert [i.title for i in items if isinstance(i, Article)] == expected_titles
    assert all(i.origin.startswith("stdin") for i in items)


def test_expand_paths_keeps_stdin_and_reports_missing(tmp_path: Path) -> None:
    files, failures = ingest.expand_paths(["-", str(tmp_path / "nope.txt")])
    assert files == ["-"]
    assert failures[0].origin == str(tmp_path / "nope.txt")
    assert "does not exist" in failures[0].message


# --- ids, outlets, dates -----------------------------------------------------------------


def test_ids_are_stable_content_hashes(tmp_path: Path) -> None:
    a = only_article(write(tmp_path, "a/one.txt", BRIDGE))
    b = only_article(write(tmp_path, "b/other-name.txt", BRIDGE.replace("\n\n", "\r\n\r\n  ")))
    c = only_article(write(tmp_path, "c.txt", FERRY))
    assert a.id == b.id
    assert a.id != c.id
    assert len(a.id) == 16 and int(a.id, 16) >= 0
    assert ingest.from_text(BRIDGE, "anything").id == a.id


def test_outlet_from_url_host_and_override(tmp_path: Path) -> None:
    row = {"text": BRIDGE, "url": "https://www.lakesidegazette.example/news/1"}
    path = write(tmp_path, "row.json", json.dumps(row))
    assert only_article(path).outlet == "lakesidegazette.example"
    assert only_article(path, outlet="My Outlet").outlet == "My Outlet"
    feed = write(tmp_path, "gazette.xml", RSS)
    articles, _ = read_all([feed], outlet="Override")
    assert {a.outlet for a in articles} == {"Override"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T23:10:00+02:00", "2024-03-05"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("Published on Mar 5, 2024", "2024-03-05"),
        ("5. März 2024", "2024-03-05"),
        (1709632800, "2024-03-05"),
        ("2024", None),
        ("yesterday", None),
        ("not a date", None),
    ],
)
def test_published_dates_are_normalised(
    tmp_path: Path, given: object, expected: str | None
) -> None:
    path = write(tmp_path, "row.json", json.dumps({"text": BRIDGE, "published": given}))
    assert only_article(path).published == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-03-05T23:10:00+02:00", "2024-03-05T21:10:00Z"),
        ("2024-03-05T23:10:00Z", "2024-03-05T23:10:00Z"),
        ("2024-03-05 23:10", "2024-03-05T23:10:00Z"),  # no zone: taken as UTC
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00Z"),
        ("Tue, 05 Mar 2024 10:00:00 -0500", "2024-03-05T15:00:00Z"),
        ("Posted at 9:45 AM on Mar 5, 2024", "2024-03-05T09:45:00Z"),
        (1709632800, "2024-03-05T10:00:00Z"),
        (1709632800000, "2024-03-05T10:00:00Z"),  # milliseconds
        # A bare date has no time of day: no midnight is invented.
        ("2024-03-05", None),
        ("March 5, 2024", None),
        ("Tue, 05 Mar 2024", None),
        ("2024", None),
        ("not a date", None),
    ],
)
def test_publication_times_are_kept_in_utc(
    tmp_path: Path, given: object, expected: str | None
) -> None:
    path = write(tmp_path, "row.json", json.dumps({"text": BRIDGE, "published": given}))
    article = only_article(path)
    assert article.published_at == expected
    assert article.to_dict()["published_at"] == expected
    if expected is not None:  # the date keeps the source's own calendar day
        assert article.published == "2024-03-05"


def test_normalise_datetime_takes_python_and_feed_values() -> None:
    import time
    from datetime import UTC, date, datetime, timedelta, timezone

    from newsfuse.ingest._dates import normalise_date, normalise_datetime

    later = timezone(timedelta(hours=2))
    assert normalise_datetime(datetime(2024, 3, 5, 1, 30, tzinfo=later)) == "2024-03-04T23:30:00Z"
    assert normalise_date(datetime(2024, 3, 5, 1, 30, tzinfo=later)) == "2024-03-05"
    assert normalise_datetime(datetime(2024, 3, 5, 9, 30)) == "2024-03-05T09:30:00Z"
    assert normalise_datetime(datetime(2024, 3, 5, 9, 30, tzinfo=UTC)) == "2024-03-05T09:30:00Z"
    assert normalise_datetime(time.gmtime(1709632800)) == "2024-03-05T10:00:00Z"
    assert normalise_datetime(date(2024, 3, 5)) is None
    assert normalise_datetime(datetime(1200, 1, 1, 9, 0)) is None  # implausible year
    assert normalise_datetime(None) is None and normalise_datetime(True) is None


def test_feed_entries_keep_their_time_but_never_invent_midnight(tmp_path: Path) -> None:
    articles, failures = read_all([write(tmp_path, "gazette.rss", RSS)])
    assert failures == []
    # The second entry is +0100: 08:15 there is 07:15 UTC.
    assert [a.published_at for a in articles] == ["2024-03-05T10:00:00Z", "2024-03-06T07:15:00Z"]
    atom = only_article(write(tmp_path, "valley.atom", ATOM))
    assert atom.published_at == "2024-04-02T12:00:00Z"
    # feedparser reads a bare pubDate as midnight; the raw string has no clock time.
    bare = RSS.replace("Tue, 05 Mar 2024 10:00:00 GMT", "05 Mar 2024")
    articles, _ = read_all([write(tmp_path, "bare.rss", bare)])
    assert [a.published for a in articles] == ["2024-03-05", "2024-03-06"]
    assert [a.published_at for a in articles] == [None, "2024-03-06T07:15:00Z"]


def test_html_page_states_its_publication_moment(tmp_path: Path) -> None:
    article = only_article(write(tmp_path, "page.html", PAGE))
    assert (article.published, article.published_at) == ("2024-03-05", "2024-03-05T09:30:00Z")


def _page_with_head(head: str) -> str:
    return PAGE.replace(
        '<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">', head
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # JSON-LD of the article wins over a meta tag, and its zone is converted to UTC.
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@graph": [{"@type": "WebPage", "datePublished": "2020-01-01T00:00:00Z"}, '
            '{"@type": "NewsArticle", "datePublished": "2024-03-05T23:10:00-05:00"}]}</script>'
            '<meta property="article:published_time" content="2024-03-05T09:30:00Z">',
            "2024-03-06T04:10:00Z",
        ),
        # Broken JSON-LD is skipped; the meta tag still counts.
        (
            '<script type="application/ld+json">{"@type": "NewsArticle",</script>'
            '<meta name="pubdate" content="2024-03-05T09:30:00+01:00">',
            "2024-03-05T08:30:00Z",
        ),
        ('<meta itemprop="datePublished" content="2024-03-05 09:30">', "2024-03-05T09:30:00Z"),
        # A date without a clock time, or only a modification time, gives no moment.
        ('<meta property="article:published_time" content="2024-03-05">', None),
        ('<meta property="article:modified_time" content="2024-03-05T09:30:00Z">', None),
    ],
)
def test_html_publication_moment_sources(
    tmp_path: Path, head: str, expected: str | None
) -> None:
    article = only_article(write(tmp_path, "page.html", _page_with_head(head)))
    assert article.published_at == expected


def test_text_dateline_gives_a_moment_only_with_a_clock_time(tmp_path: Path) -> None:
    dated = only_article(write(tmp_path, "a.txt", "October 8, 2015\n\n" + BRIDGE))
    assert (dated.published, dated.published_at) == ("2015-10-08", None)
    timed = only_article(write(tmp_path, "b.txt", "Posted 14:25 GMT, 8 October 2015\n\n" + BRIDGE))
    assert (timed.published, timed.published_at) == ("2015-10-08", "2015-10-08T14:25:00Z")


# --- bad inputs --------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", "  \n\n")
    articles, failures = read_all([path, write(tmp_path, "ok.txt", BRIDGE)])
    assert len(articles) == 1
    assert failures == [Failure(str(path), f"{path} is empty: nothing to read")]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "NUL bytes"),
        (bytes(range(1, 32)) * 20 + b"some words", "non-text"),
    ],
    ids=["nul", "controls"],
)
def test_binary_file(tmp_path: Path, content: bytes, why: str) -> None:
    path = write(tmp_path, "picture.txt", content)
    articles, failures = read_all([path, write(tmp_path, "ok.txt", BRIDGE)])
    assert len(articles) == 1
    assert len(failures) == 1
    assert failures[0].message.startswith(f"{path} looks binary")
    assert why in failures[0].message
    assert "newsfuse reads .txt, .html, .json, .jsonl and RSS/Atom feeds" in failures[0].message


def test_oversize_file_and_stdin(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", BRIDGE * 10)
    articles, failures = read_all(
        [path, write(tmp_path, "ok.txt", "Short\n\nText.")], max_bytes=200
    )
    assert len(articles) == 1
    assert "over the 200 bytes limit; pass --max-size to raise it" in failures[0].message
    stdin_items = list(ingest.read_path("-", max_bytes=10, stdin=io.BytesIO(BRIDGE.encode())))
    assert isinstance(stdin_items[0], Failure) and "--max-size" in stdin_items[0].message


def test_size_message_uses_megabytes() -> None:
    from newsfuse.ingest._decode import human_size

    assert human_size(ingest.DEFAULT_MAX_BYTES) == "20 MB"
    assert human_size(int(31.2 * (1 << 20))) == "31.2 MB"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_non_utf8_text_is_decoded(tmp_path: Path, encoding: str) -> None:
    # ñ, Å and ã decode differently in cp1250, which charset-normalizer alone guesses here.
    text = (
        "Café owners say the new rules are too strict\n\n"
        "The café near the station will close, Señora Ålund said in São Paulo.\n"
    )
    if encoding == "cp1252":
        text = text.replace("new rules", "“new rules”") + "It cost €200 — too much.\n"
    article = only_article(write(tmp_path, "cafe.txt", text.encode(encoding)))
    assert article.raw_text == text


def test_mostly_utf8_file_keeps_its_accents(tmp_path: Path) -> None:
    good = "Café, naïve, São, Ålund, Señora, résumé, crème, déjà vu, piñata, façade. "
    data = (good * 3).encode("utf-8") + b"A stray \x93quote\x94 pasted in.\n"
    article = only_article(write(tmp_path, "mixed.txt", data))
    assert article.raw_text.startswith(good)
    assert "stray \ufffdquote\ufffd pasted" in article.raw_text


def test_malformed_feed(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.xml", "<?xml version='1.0'?><rss><channel><title>X</tit")
    not_feed = write(tmp_path, "data.xml", "<?xml version='1.0'?><catalog><book/></catalog>")
    articles, failures = read_all([broken, not_feed, write(tmp_path, "ok.rss", RSS)])
    assert len(articles) == 2
    assert [f.origin for f in failures] == [str(broken), str(not_feed)]
    assert "not a well-formed RSS/Atom feed (unclosed token at line 1" in failures[0].message
    assert "not an RSS or Atom feed" in failures[1].message


def test_missing_path_with_read_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    assert list(ingest.read_path(missing)) == [
        Failure(missing, f"{missing} does not exist: check the path (use - to read standard input)")
    ]


def test_html_without_text_fails_quietly(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    empty_page = write(
        tmp_path, "blank.html", "<html><head><script>var a=1;</script></head><body></body></html>"
    )
    with caplog.at_level(logging.DEBUG):
        articles, failures = read_all([empty_page, write(tmp_path, "ok.html", PAGE)])
    assert len(articles) == 1
    assert failures[0].origin == str(empty_page)
    assert "has no article text" in failures[0].message
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_every_bad_input_in_one_call_leaves_the_good_ones(tmp_path: Path) -> None:
    bad = [
        write(tmp_path, "empty.txt", ""),
        write(tmp_path, "bin.txt", b"\x00\x01\x02"),
        write(tmp_path, "bad.xml", "<rss><chan"),
        tmp_path / "missing.txt",
    ]
    good = [
        write(tmp_path, "good.txt", BRIDGE),
        write(tmp_path, "good.json", json.dumps({"text": FERRY})),
    ]
    articles, failures = read_all([*bad, *good])
    assert len(articles) == 2
    assert len(failures) == 4
    assert all(f.message.startswith(f.origin) for f in failures)
    assert all("\n" not in f.message for f in failures)


# --- seeds and start-up ------------------------------------------------------------------


def test_seed_articles_read_with_titles(seed_paths: list[Path], seeds_dir: Path) -> None:
    articles, failures = read_all(list(seed_paths))
    assert failures == []
    assert len(articles) == 3
    assert all(a.title for a in articles)
    assert len({a.id for a in articles}) == 3
    # The folder holds a README too: reading the folder gives the same three articles.
    from_dir, _ = read_all([seeds_dir])
    assert [a.id for a in from_dir] == [a.id for a in articles]


def test_heavy_libraries_are_imported_lazily() -> None:
    code = (
        "import sys, newsfuse.ingest\n"
        "heavy = ['trafilatura', 'feedparser', 'dateparser', 'charset_normalizer', 'htmldate']\n"
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
