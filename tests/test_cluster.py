"""Incremental story clustering: assignment, merge, split, wire copies, metrics, batch file."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsfuse.cluster import (
    ClusterConfig,
    Clusterer,
    Features,
    Record,
    cluster_records,
    config_for,
)
from newsfuse.cluster.batch import cluster_file, clustering_embedder, read_records
from newsfuse.cluster.features import day_of, is_junk, minhash_of, summary_text, tokens_of
from newsfuse.cluster.index import VectorIndex, WindowedIndex
from newsfuse.cluster.metrics import adjusted_rand_index, b_cubed, singleton_rate
from newsfuse.errors import ConfigError, InputError

EMBEDDER = clustering_embedder("hashing")

FLOOD = [
    ("f1", "Dunmor river floods Lorvek", "Heavy rain pushed the Dunmor river over its banks in Lorvek; 300 homes evacuated."),
    ("f2", "Lorvek evacuates 300 homes as Dunmor floods", "The Dunmor burst its banks in Lorvek after heavy rain; schools closed."),
    ("f3", "Dunmor flood: Lorvek schools closed", "Lorvek closed its schools as the flooded Dunmor river kept rising."),
]
MERGER = [
    ("m1", "Kalotek to buy Selvar Holdings", "Kalotek will acquire Selvar Holdings for 450 million dollars."),
    ("m2", "Selvar Holdings shares jump on Kalotek deal", "Shares of Selvar Holdings rose after Kalotek agreed to buy it."),
]


def features(key: str, title: str, text: str, published: str | None = None) -> Features:
    summary = summary_text(title, text)
    return Features(key, EMBEDDER.embed([summary])[0], tokens_of(summary), day_of(published),
                    minhash_of(text))


def clusterer(**options: Any) -> Clusterer:
    config = replace(config_for("hashing"), **options)
    return Clusterer(EMBEDDER.embed(["x"]).shape[1], config)


def test_articles_join_their_story_as_they_arrive() -> None:
    c = clusterer()
    stories = [c.add(features(*row)).story for row in FLOOD[:1] + MERGER[:1] + FLOOD[1:] + MERGER[1:]]
    flood, merger = stories[0], stories[1]
    assert flood != merger
    assert stories == [flood, merger, flood, flood, merger]


def test_time_window_keeps_a_late_look_alike_apart() -> None:
    c = clusterer()
    first = c.add(features(*FLOOD[0], published="2030-01-01")).story
    assert c.add(features(*FLOOD[1], published="2030-01-02")).story == first
    assert c.add(features(*FLOOD[2], published="2030-03-01")).story != first


def test_maintenance_merges_two_halves_of_a_story() -> None:
    # A strict assign threshold splits the flood story; the merge pass joins it again.
    c = clusterer(assign=0.95, merge=0.3, rescue=0.3, maintain_every=1000)
    stories = {c.add(features(*row)).story for row in FLOOD}
    assert len(stories) == 3
    c.maintain()
    labels = c.labels()
    assert labels["f1"] == labels["f2"] == labels["f3"]
    assert set(c.merged_into) == stories - {labels["f1"]}
    assert {c.resolve(s) for s in stories} == {labels["f1"]}


def test_maintenance_does_not_merge_different_stories() -> None:
    c = clusterer(assign=0.95)
    for row in FLOOD + MERGER:
        c.add(features(*row))
    c.maintain()
    labels = c.labels()
    assert labels["f1"] != labels["m1"]
    assert labels["m1"] == labels["m2"]


def test_split_detaches_a_member_that_does_not_fit() -> None:
    # Force an unrelated article into the flood story, then let maintenance split it out.
    c = clusterer(assign=0.0, min_neighbour_similarity=-1.0, maintain_every=1000)
    for row in FLOOD + MERGER[:1]:
        c.add(features(*row))
    assert len(set(c.labels().values())) == 1
    c.config = config_for("hashing")
    c._touched.add(c.labels()["f1"])
    c.maintain()
    labels = c.labels()
    assert labels["m1"] != labels["f1"] == labels["f2"] == labels["f3"]


def test_wire_copy_is_linked_to_its_original() -> None:
    c = clusterer()
    original = c.add(features(*FLOOD[0]))
    copy = c.add(features("copy", FLOOD[0][1], FLOOD[0][2]))
    assert (copy.story, copy.dup_of) == (original.story, "f1")
    rewrite = c.add(features(*FLOOD[1]))
    assert rewrite.dup_of is None


def test_changes_report_new_and_moved_articles() -> None:
    c = clusterer(assign=0.95, merge=0.3, rescue=0.3, maintain_every=1000)
    for row in FLOOD:
        c.add(features(*row))
    assert [a.key for a in c.take_changes()] == ["f1", "f2", "f3"]
    c.maintain()
    moved = c.take_changes()
    assert moved and all(a.story == c.labels()["f1"] for a in moved)


def test_config_is_checked() -> None:
    with pytest.raises(ConfigError, match="between 0 and 1"):
        ClusterConfig(assign=1.5)


def test_exact_index_matches_usearch() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(200, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact, approx = VectorIndex(16, exact=True), VectorIndex(16)
    for index in (exact, approx):
        index.add(vectors[:150])
        index.add(vectors[150:])
    assert exact.backend == "exact" and len(exact) == 200
    top = [h.row for h in exact.search(vectors[7], 5)]
    assert top[0] == 7
    assert set(top[:3]) <= {h.row for h in approx.search(vectors[7], 10)}


@pytest.mark.parametrize("exact", [True, False])
def test_windowed_index_searches_near_days_only(exact: bool) -> None:
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(60, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    days: list[int | None] = [*(d for d in range(0, 50)), *([None] * 10)]
    index = WindowedIndex(16, window_days=3, exact=exact)
    for row, day in enumerate(days):
        index.add(vectors[row : row + 1], day)
    assert len(index) == 60 and index.backend == ("exact" if exact else "usearch")
    # A dated query sees rows within its window (plus whole buckets around it) and every
    # undated row, never a row a month away; its own vector comes back first, by global row.
    near = index.search(vectors[20], 60, day=20)
    assert near[0].row == 20
    dated = {h.row for h in near if days[h.row] is not None}
    assert set(range(17, 24)) <= dated and all(abs(r - 20) <= 6 for r in dated)
    assert set(range(50, 60)) <= {h.row for h in near}
    # An undated query sees everything, like one global index.
    assert {h.row for h in index.search(vectors[55], 60, day=None)} == set(range(60))
    top = index.search(vectors[40], 5, day=None)
    assert top[0].row == 40 and len(top) == 5
    assert [h.similarity for h in top] == sorted((h.similarity for h in top), reverse=True)


def test_cluster_records_and_file(tmp_path: Path) -> None:
    rows = [{"id": k, "title": t, "text": x} for k, t, x in FLOOD + MERGER]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cluster_file(source, out, embedder="hashing") == 5
    labels = {r["id"]: r["story"] for r in map(json.loads, out.read_text().splitlines())}
    assert labels["f1"] == labels["f2"] == labels["f3"] != labels["m1"] == labels["m2"]
    records = [Record(k, t, x) for k, t, x in FLOOD]
    assert len(set(cluster_records(records, embedder=EMBEDDER).values())) == 1


def test_csv_with_epoch_milliseconds(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,title,timestamp_ms\n1,Dunmor river floods Lorvek,1394470370698\n",
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cluster_file(source, out, embedder="hashing") == 1
    # The export's column names are understood: the time window needs the date.
    assert read_records(source)[0].published == "2014-03-10T16:52:50+00:00"


def test_csv_with_epoch_seconds_and_other_column_names(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,title,timestamp,publisher\n1,Dunmor river floods Lorvek,1394470370,"
                      "Lorvek Post\n", encoding="utf-8")
    record = read_records(source)[0]
    assert (record.published, record.outlet) == ("2014-03-10T16:52:50+00:00", "Lorvek Post")


def test_bad_rows_are_named(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "a", "title": "x"}\n{"title": "no id"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        cluster_file(source, tmp_path / "o.jsonl", embedder="hashing")


def test_b_cubed_ari_and_singletons_on_known_cases() -> None:
    gold = ["a", "a", "b", "b"]
    perfect = b_cubed([1, 1, 2, 2], gold)
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    lumped = b_cubed([1, 1, 1, 1], gold)
    assert (lumped.precision, lumped.recall) == (0.5, 1.0)
    assert adjusted_rand_index([1, 1, 2, 2], gold) == 1.0
    assert adjusted_rand_index([1, 2, 1, 2], gold) < 0
    assert singleton_rate([1, 2, 2, 3]) == 0.5


def test_word_cosine_weighs_rare_words_by_idf() -> None:
    c = clusterer(assign=1.0, maintain_every=1000)
    rows = [("w1", "Selvar river rises", "Rain rain again today."),
            ("w2", "Selvar river rises", "Rain rain again today."),
            ("w3", "Weather today", "Rain again today in the hills."),
            ("w4", "Grain prices", "Farmers sold grain today.")]
    for row in rows:
        c.add(features(*row))
    at = c.row_of
    # Norms are cached between 10% growth steps, so equal sets score near, not exactly, 1.
    assert c.word_cosine(at["w1"], at["w2"]) == pytest.approx(1.0, abs=0.1)
    assert c.word_cosine(at["w1"], at["w4"]) < c.word_cosine(at["w1"], at["w3"]) < 1.0
    assert c.word_cosine(at["w3"], at["w4"]) > 0.0  # "today" is shared, if common


def test_name_veto_needs_a_long_text() -> None:
    # Long articles naming wholly different people are another event; a headline naming
    # one person is not evidence enough to veto it.
    c = clusterer(maintain_every=1000)
    story = c.add(features(*FLOOD[0])).story
    long_text = ("Heavy rain pushed the river over its banks; Mayor Tolvan Qui said Rendor and "
                 "Halvik residents of Pelmor should leave, and the Varnes office closed roads.")
    other = c.add(features("x", "River floods town", long_text))
    headline = c.add(features("h", "Qui urges calm", ""))
    s = c.stories[c.labels()["f1"]]
    assert c.article_score(c.row_of["x"], s) == 0.0 and other.story != story
    assert c.article_score(c.row_of["h"], s) >= 0.0 and headline.key == "h"


# Fictional page chrome: a share box that names no story (not in any junk vocabulary) and a
# browser notice (in the summarizer's junk vocabulary).
SHARE_BOX = ("Keep this report on your reading shelf", "Add this report to your reading shelf "
             "so you can finish it later on another device. Your shelf keeps fifty items and "
             "clears the oldest ones at the start of each month.")
NOTICE = ("", "Please enable JavaScript in your browser settings. JavaScript is needed to show "
          "this page. Your browser does not support the features this page needs to load.")


@pytest.mark.parametrize("chrome", [SHARE_BOX, NOTICE])
def test_identical_boilerplate_does_not_merge_unrelated_stories(
    chrome: tuple[str, str],
) -> None:
    rows = [(*FLOOD[0], "2030-01-05"), ("fx", *chrome, "2030-01-05"),
            (*MERGER[0], "2030-01-06"), ("mx", *chrome, "2030-01-06"),
            (*FLOOD[1], "2030-01-06"), (*MERGER[1], "2030-01-07"),
            (*FLOOD[2], "2030-01-07"), ("fy", *chrome, "2030-01-07")]
    labels = cluster_records([Record(k, t, x, p) for k, t, x, p in rows], embedder=EMBEDDER)
    flood = {labels[k] for k in ("f1", "f2", "f3", "fx", "fy")}
    merger = {labels[k] for k in ("m1", "m2", "mx")}
    assert not flood & merger
    # Each copy of the chrome stands alone: not a story of its own, not part of any.
    assert len({labels[k] for k in ("fx", "mx", "fy")}) == 3
    assert labels["fx"] != labels["f1"] and labels["mx"] != labels["m1"]
    assert labels["f1"] == labels["f2"] == labels["f3"] and labels["m1"] == labels["m2"]


def test_junk_detection_spares_headlines_and_articles() -> None:
    assert is_junk(None, "") and is_junk(*NOTICE)
    assert not is_junk("Dunmor floods Lorvek", "")
    assert not is_junk(*FLOOD[0][1:])


def test_a_snippet_copied_again_and_again_is_not_a_wire_copy() -> None:
    c = clusterer()
    first = c.add(features("a", *SHARE_BOX))
    second = c.add(features("b", *SHARE_BOX))
    assert (second.dup_of, second.story) == ("a", first.story)  # may be a short wire brief
    third = c.add(features("c", *SHARE_BOX))
    fourth = c.add(features("d", *SHARE_BOX))
    assert third.dup_of is None and fourth.dup_of is None
    assert len({c.assignment(r).story for r in range(4)}) == 4
    assert all(c.assignment(r).dup_of is None for r in range(4))
    headline = c.add(features("h1", "Dunmor floods Lorvek", ""))
    copies = [c.add(features(f"h{i}", "Dunmor floods Lorvek", "")) for i in (2, 3)]
    assert all((a.dup_of, a.story) == ("h1", headline.story) for a in copies)


def headline(key: str, title: str) -> Features:
    return Features(key, EMBEDDER.embed([title])[0], tokens_of(title), None, minhash_of(title))


LONG_FLOOD = [
    (f"lf{i}", title, f"{title}. {body} Rescue crews from Lorvek and Tamsin worked through the "
     "night as the Dunmor river kept rising, and the regional council opened three shelters "
     "for families whose homes stood in the lower town near the old stone bridge.")
    for i, (_, title, body) in enumerate(FLOOD)
]


def test_headlines_and_long_texts_have_their_own_assign_threshold() -> None:
    # Headline-length articles are held to assign_short, longer ones to assign.
    strict_short = clusterer(assign=0.05, assign_short=0.99, merge_short=1.0, merge=1.0,
                             rescue=1.0, maintain_every=99)
    heads = {strict_short.add(headline(f"h{i}", t)).story for i, (_, t, _) in enumerate(FLOOD)}
    assert len(heads) == 3
    longs = {strict_short.add(features(*row)).story for row in LONG_FLOOD}
    assert len(longs) == 1
    strict_long = clusterer(assign=0.99, assign_short=0.05, merge_short=1.0, merge=1.0,
                            rescue=1.0, maintain_every=99)
    heads = {strict_long.add(headline(f"h{i}", t)).story for i, (_, t, _) in enumerate(FLOOD)}
    assert len(heads) == 1
    longs = {strict_long.add(features(*row)).story for row in LONG_FLOOD}
    assert len(longs) == 3 and not longs & heads


def test_assign_short_defaults_to_assign_and_is_checked() -> None:
    assert ClusterConfig(assign=0.3).assign_short is None
    with pytest.raises(ConfigError, match="assign_short"):
        ClusterConfig(assign_short=2.0)


def test_hour_of_needs_a_time_of_day() -> None:
    from newsfuse.cluster.features import hour_of

    assert hour_of("2030-01-01") is None and hour_of(None) is None and hour_of("soon") is None
    assert hour_of("2030-01-01T05:30:00+00:00") == hour_of("2030-01-01T05:30:00")
    assert hour_of("2030-01-01T06:00:00+01:00") == pytest.approx(hour_of("2030-01-01T05:00:00"))


def timed_headline(key: str, title: str, published: str) -> Features:
    from newsfuse.cluster.features import hour_of

    return replace(headline(key, title), day=day_of(published), hour=hour_of(published))


def test_hour_window_keeps_headlines_hours_apart_in_separate_stories() -> None:
    titles = [t for _, t, _ in FLOOD]
    times = ["2030-01-01T08:00:00", "2030-01-01T08:40:00", "2030-01-01T19:00:00"]
    for window, expected in ((None, 1), (2.0, 2)):
        c = clusterer(window_hours_short=window, maintain_every=99)
        for i, (title, when) in enumerate(zip(titles, times, strict=True)):
            c.add(timed_headline(f"h{i}", title, when))
        c.maintain()
        assert len(set(c.labels().values())) == expected, window
    # The window slides with the story: steady coverage keeps one story going.
    c = clusterer(window_hours_short=2.0, maintain_every=99)
    for i, hour in enumerate((8, 9, 10, 11, 12)):
        c.add(timed_headline(f"s{i}", titles[i % 3], f"2030-01-01T{hour:02d}:30:00"))
    c.maintain()
    assert len(set(c.labels().values())) == 1


def test_hour_window_spares_long_texts_and_is_checked() -> None:
    from newsfuse.cluster.features import hour_of

    c = clusterer(window_hours_short=1.0)
    stories = {
        c.add(replace(features(*row, published=when), hour=hour_of(when))).story
        for row, when in zip(LONG_FLOOD, ["2030-01-01T08:00:00", "2030-01-01T20:00:00",
                                          "2030-01-02T07:00:00"], strict=True)
    }
    assert len(stories) == 1
    with pytest.raises(ConfigError, match="window_hours_short"):
        ClusterConfig(window_hours_short=-1.0)


# One fictional ferry sinking told twice, each time through other officials and places, and
# an unrelated event that reads alike in its common words only.
FERRY_A = ("a1", "Ferry sinks off the coast, dozens rescued",
           "The ferry capsized in rough seas before dawn; coast guard boats rescued dozens of "
           "passengers from the cold water. Captain Orvel Dask said Brannick and Tolsey crews "
           "searched through the night while the Mirrow harbour stayed closed.")
FERRY_B = ("b1", "Dozens rescued as ferry sinks off the coast",
           "Coast guard boats rescued dozens of passengers after the ferry capsized in rough "
           "seas before dawn. Officer Pell Havrin said Quennet and Soldar divers searched the "
           "cold water through the night as the Ustrav harbour stayed closed.")
FAIR = ("c1", "Harvest fair opens with record crowds",
        "The harvest fair opened with record crowds and prize cattle. Organiser Lumi Varra "
        "said Ekdal and Fenwyr farmers brought pumpkins while the Gorran hall hosted a dance.")


def test_name_override_lets_a_strong_link_beat_the_name_veto() -> None:
    def pair(override: float | None, other: tuple[str, str, str]) -> tuple[Clusterer, float]:
        c = clusterer(maintain_every=1000, name_override=override, assign=0.99, merge=0.99,
                      rescue=0.99)
        c.add(features(*FERRY_A))
        c.add(features(*other))
        a, b = (c.stories[c.labels()[key]] for key in ("a1", other[0]))
        assert c._names_differ(a, b)  # the two tellings share no name
        return c, c.story_score(a, b)

    assert pair(None, FERRY_B)[1] == 0.0  # the veto alone keeps them apart
    c, strong = pair(0.1, FERRY_B)
    assert strong >= 0.1
    assert pair(0.1, FAIR)[1] == 0.0  # a weak link stays vetoed
    c.config = replace(c.config, merge=0.1, rescue=0.1)
    c.maintain()
    assert c.labels()["a1"] == c.labels()["b1"]


def test_name_override_is_checked() -> None:
    with pytest.raises(ConfigError, match="name_override"):
        ClusterConfig(name_override=1.5)


def test_undated_article_needs_a_strong_link_to_join_a_dated_story() -> None:
    def run(bar: float | None, dates: tuple[str | None, str | None]) -> tuple[int, float]:
        c = clusterer(undated_link=bar, assign=0.05)
        first = c.add(features(*FLOOD[0], published=dates[0])).story
        joined = c.add(features(*FLOOD[1], published=dates[1]))
        return int(joined.story == first), joined.score

    both_dated = run(0.99, ("2030-01-01", "2030-01-01"))
    assert both_dated[0] == 1  # the bar is only for a pair where one side has no date
    score = run(None, ("2030-01-01", None))[1]
    assert 0.05 < score < 0.99
    assert run(None, ("2030-01-01", None))[0] == 1
    assert run(0.99, ("2030-01-01", None)) == (0, score)  # a new story, its best score kept
    assert run(0.99, (None, "2030-01-01"))[0] == 0
    assert run(0.99, (None, None))[0] == 1  # all undated (Multi-News): ordinary thresholds


def test_undated_bar_holds_for_merges_too() -> None:
    c = clusterer(undated_link=0.99, assign=0.99, merge=0.05, rescue=0.05, maintain_every=1000)
    for (key, title, text), day in zip(FLOOD, ("2030-01-01", "2030-01-01", None), strict=True):
        c.add(features(key, title, text, published=day))
    c.maintain()
    labels = c.labels()
    assert labels["f1"] == labels["f2"] != labels["f3"]
    c.config = replace(c.config, undated_link=None)
    c._touched.update(labels.values())
    c.maintain()
    assert len(set(c.labels().values())) == 1


def test_undated_link_is_checked() -> None:
    with pytest.raises(ConfigError, match="undated_link"):
        ClusterConfig(undated_link=-0.1)
