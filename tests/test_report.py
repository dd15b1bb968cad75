"""The cross-source report on small fictional stories written for these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsfuse.models import Article, Citation
from newsfuse.pipeline import from_texts, prepare
from newsfuse.report import Report, analyze, to_html, to_markdown
from newsfuse.report.conflicts import MAX_NOTES
from newsfuse.report.gold import articles_of, load_clusters
from newsfuse.report.types import ReportClaim

SCHEMA = Path(__file__).resolve().parents[1] / "src/newsfuse/schemas/report.schema.json"


def story(*texts: str, outlets: tuple[str, ...] = (), dates: tuple[str, ...] = ()) -> list[Article]:
    out = []
    for n, text in enumerate(texts):
        art = Article(id=f"s{n}", origin=f"test:{n}", raw_text=text,
                      outlet=outlets[n] if n < len(outlets) else None,
                      published=dates[n] if n < len(dates) else "2024-03-06")
        out.append(prepare(art))
    return out


@pytest.fixture(scope="module")
def gold_reports() -> dict[str, tuple[list[Article], Report]]:
    out = {}
    for cluster in load_clusters():
        articles = articles_of(cluster)
        out[cluster["id"]] = (articles, analyze(articles))
    return out


def _citations(report: dict[str, Any]) -> list[dict[str, Any]]:
    cites = [c for s in report["summary"] for c in s["citations"]]
    cites += [c for x in report["claims"] for c in x["citations"]]
    cites += [c for x in report["conflicts"] for s in x["sides"] for c in s["citations"]]
    cites += [c for x in report["disputes"] for p in x["parties"] for c in p["citations"]]
    cites += [c for x in report["timeline"] for c in x["citations"]]
    return cites


def test_every_report_validates_and_cites_exact_text(gold_reports: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for articles, report in gold_reports.values():
        data = json.loads(json.dumps(report.to_dict()))
        jsonschema.validate(data, schema)
        texts = {a.id: a.text for a in articles}
        for cite in _citations(data):
            assert texts[cite["source"]][cite["start"]:cite["end"]] == cite["text"]


def test_numeric_conflict_cites_both_sides(gold_reports: dict[str, Any]) -> None:
    _, report = gold_reports["bridge"]
    numeric = [c for c in report.conflicts if c.kind == "numeric"]
    assert len(numeric) == 1
    values = {side.value for side in numeric[0].sides}
    assert values == {"12 people", "9 people"}
    assert all(side.citations and side.sources for side in numeric[0].sides)


def test_wire_copies_count_as_one_origin(gold_reports: dict[str, Any]) -> None:
    _, report = gold_reports["bridge"]
    groups = {s.id: s.group for s in report.sources}
    assert groups["bridge-a"] == groups["bridge-c"] != groups["bridge-b"]
    mourning = next(c for c in report.claims if "mourning" in c.text)
    assert set(mourning.sources) == {"bridge-a", "bridge-c"}
    assert mourning.origins == 1 and mourning.status == "single-source"


def test_different_days_and_units_are_not_conflicts(gold_reports: dict[str, Any]) -> None:
    for key in ("bridge", "dairy", "election"):
        _, report = gold_reports[key]
        about = " ".join(c.about for c in report.conflicts)
        assert "rescuers" not in about and "cows" not in about and "seats" not in about


def test_time_of_day_lookalike_is_only_a_note(gold_reports: dict[str, Any]) -> None:
    _, report = gold_reports["storm"]
    assert [c.about for c in report.conflicts] == ["how many boats"]
    assert any("homes" in n.text for n in report.notes)


def test_confirmation_conflict(gold_reports: dict[str, Any]) -> None:
    _, report = gold_reports["dairy"]
    [conflict] = report.conflicts
    assert conflict.kind == "confirmation"
    assert {s.value for s in conflict.sides} == {"confirmed", "not confirmed"}
    assert {tuple(s.sources) for s in conflict.sides} == {("dairy-a",), ("dairy-b",)}
    statuses = {c.status for c in report.claims if "outbreak began" in c.text}
    assert statuses == {"conflicting"}


def test_dispute_between_parties(gold_reports: dict[str, Any]) -> None:
    _, report = gold_reports["bridge"]
    [dispute] = report.disputes
    stances = {p.stance: p for p in dispute.parties}
    assert "union" in stances["assert"].party.lower()
    assert "ministry" in stances["deny"].party.lower()
    assert set(stances["deny"].sources) >= {"bridge-b"}


def test_status_rules(gold_reports: dict[str, Any]) -> None:
    _, report = gold_reports["election"]
    seats = next(c for c in report.claims if "21 of the 45 seats" in c.text)
    assert seats.status == "corroborated" and seats.origins == 2
    turnout = next(c for c in report.claims if "Turnout" in c.text)
    assert turnout.status == "single-source" and turnout.speaker == "electoral commission"


def test_unique_lists_what_only_one_source_says(gold_reports: dict[str, Any]) -> None:
    _, report = gold_reports["election"]
    unique = {u.source: [report.claim(c) for c in u.claims] for u in report.unique}
    texts_b = " ".join(c.text for c in unique["vote-b"] if c)
    assert "52 candidates" in texts_b
    assert all("21 of the 45" not in c.text for u in unique.values() for c in u if c)


def test_a_contested_fact_is_not_listed_as_one_outlets_alone(
        gold_reports: dict[str, Any]) -> None:
    contested = 0
    for _, report in gold_reports.values():
        listed = {c for u in report.unique for c in u.claims}
        for claim in report.claims:
            if claim.status in {"disputed", "conflicting"} and claim.origins == 1:
                contested += 1
                assert claim.id not in listed, claim.text
    assert contested  # the gold stories do have one-outlet sides of a dispute or conflict


def test_only_in_lists_no_sentence_that_points_back() -> None:
    articles = story(
        "Quay fire\n\nFire crews put out a blaze at the Lindqvist quay warehouse on Monday. "
        "Harbour master Ola Berg said three tugboats were moved away from the burning quay. "
        "She said the insurers of the Tarn shipping firm would inspect it on Friday.",
        "Warehouse blaze\n\nA fire at the Lindqvist quay warehouse was put out by crews on "
        "Monday, the brigade said.",
    )
    report = analyze(articles, embedder="hashing")
    claims = [report.claim(i) for u in report.unique for i in u.claims]
    listed = [c.text for c in claims if c]
    assert any("tugboats" in t for t in listed)
    assert not any(t.startswith("She said") for t in listed)

def test_two_people_saying_alike_are_two_claims_not_one_fact() -> None:
    articles = story(
        "Quay plan\n\nOla Berg, a dock worker, said the new Lindqvist quay plan is a bad idea "
        "for the harbour and its workers.",
        "Harbour row\n\nTove Lund, a fisherman, said the new Lindqvist quay plan is a bad idea "
        "for the harbour and its workers.",
        "Quay debate\n\nOla Berg told the harbour radio the new Lindqvist quay plan is a bad "
        "idea for the harbour and its workers.",
    )
    report = analyze(articles, embedder="hashing")
    plan = {c.speaker: set(c.sources) for c in report.claims if "quay plan" in c.text}
    assert plan == {"Ola Berg": {"s0", "s2"}, "Tove Lund": {"s1"}}


def test_timeline_sorted_and_merged(gold_reports: dict[str, Any]) -> None:
    _, report = gold_reports["bridge"]
    dates = [t.date for t in report.timeline]
    assert dates == sorted(dates)
    assert "2024-03-04" in dates  # "Monday" in articles of 5 and 6 March
    collapse = [t for t in report.timeline if "collapsed on Monday" in t.text]
    assert len(collapse) == 1 and set(collapse[0].sources) == {"bridge-a", "bridge-c"}


def test_undated_article_dates_a_weekday_but_not_yesterday() -> None:
    # The dated report appeared on Thursday 7 March; the other has no date. Whether it
    # appeared on the 6th, 7th or 8th, its "Tuesday" is the 5th; its "yesterday" is unknown.
    articles = story(
        "Pier closed\n\nKessel Lines said on Thursday that the Orrin Island pier would stay closed until engineers finish their survey of the structure.",
        "Ferry halted\n\nOn Tuesday, the ferry operator Kessel Lines suspended its evening crossings to Orrin Island after the pier cracked.\n\nYesterday divers from the operator inspected the pier and found two broken wooden piles.",
        dates=("2024-03-07", ""),
    )
    timeline = {t.text: t.date for t in analyze(articles, embedder="hashing").timeline}
    assert [d for t, d in timeline.items() if "suspended" in t] == ["2024-03-05"]
    assert not any("divers" in t for t in timeline)
    assert any(d == "2024-03-07" for d in timeline.values())


BLAZE_REPORT = ("Warehouse blaze\n\nA fire gutted a warehouse on the Lindqvist quay on March 4, "
                "2024, the fire brigade said.")


def quay_timeline(first: str) -> list[Any]:
    """The timeline of ``first`` told beside the brigade's report of the same fire."""
    articles = story(first, BLAZE_REPORT, dates=("2024-03-06", "2024-03-05"))
    return analyze(articles, embedder="hashing").timeline


def test_timeline_holds_events_not_plans_birthdays_captions_or_page_notices() -> None:
    timeline = quay_timeline(
        "Quay fire\n\nFire crews put out a blaze at the Lindqvist quay warehouse on March 4, 2024. "
        "A vigil for the injured dock workers will be held at the town hall on March 9, 2024. "
        "Harbour master Ola Berg, who was born on July 2, 1961 in Tarn, led the rescue. "
        "The inquiry into the fire ran from March 5, 2024 to April 30, 2024, the council said.\n\n"
        "March 4, 2024 Fire crews spray water on the roof of the quay warehouse.\n\n"
        "Smoke rises over the docks. — Lindqvist Fire (@lindqvistfire) March 4, 2024\n\n"
        "Posted at 11:43 AM on March 6, 2024"
    )
    by_text = {t.text: t.date for t in timeline}
    assert [d for t, d in by_text.items() if "put out a blaze" in t] == ["2024-03-04"]
    assert [d for t, d in by_text.items() if "inquiry" in t] == ["2024-03-05"]  # its start only
    for left_out in ("vigil", "born", "spray water", "@lindqvistfire", "Posted at"):
        assert not any(left_out in t for t in by_text), left_out
    assert len(timeline) == len({(t.date, t.text) for t in timeline})


def test_a_timeline_entry_stands_alone() -> None:
    timeline = quay_timeline(
        "Quay fire\n\nFire crews put out a blaze at the Lindqvist quay warehouse on March 4, "
        "2024. These followed two smaller fires there on March 3, 2024. But the brigade "
        "returned on March 5, 2024 to damp down the roof. The harbour was reopened on March "
        "6, 2024, the council said."
    )
    by_text = {t.text: t.date for t in timeline}
    # "These followed …" and "But the brigade …" tell what they mean only after the
    # sentence before them; a timeline lists entries on their own.
    for leaning in ("These followed", "But the brigade"):
        assert not any(t.startswith(leaning) for t in by_text), leaning
    assert [d for t, d in by_text.items() if "put out a blaze" in t] == ["2024-03-04"]
    assert [d for t, d in by_text.items() if "reopened" in t] == ["2024-03-06"]


def test_present_tense_photo_captions_are_no_timeline_events() -> None:
    timeline = quay_timeline(
        "Quay fire\n\nThe Tarn harbour council voted on Tuesday, March 5, 2024 to shut the "
        "Lindqvist quay for a month.\n\nOn March 4, 2024 the brigade said the warehouse fire "
        "was out.\n\nFirefighters battle a blaze at the Lindqvist quay warehouse in Tarn on "
        "Monday, March 4, 2024.\n\nDock workers march through downtown Tarn on Saturday, "
        "March 2, 2024.\n\nThis photo provided by the brigade shows the burnt roof of the "
        "warehouse on March 4, 2024."
    )
    by_text = {t.text: t.date for t in timeline}
    assert [d for t, d in by_text.items() if "council voted" in t] == ["2024-03-05"]
    assert [d for t, d in by_text.items() if "fire was out" in t] == ["2024-03-04"]
    for caption in ("Firefighters battle", "Dock workers march", "This photo provided"):
        assert not any(caption in t for t in by_text), caption


def test_a_date_in_a_relative_clause_or_a_quote_is_not_the_events_day() -> None:
    timeline = quay_timeline(
        "Quay fire\n\nDock workers, who were sent home on Monday, March 4, 2024, returned "
        "to the Lindqvist quay in the afternoon.\n\nThe brigade said on Tuesday that "
        "the warehouse fire was out.\n\n\"My crews did remarkable work tonight,\" the "
        "brigade chief told reporters at the quay."
    )
    by_text = {t.text: t.date for t in timeline}
    assert [d for t, d in by_text.items() if "fire was out" in t] == ["2024-03-05"]
    for undated in ("Dock workers", "remarkable work"):
        assert not any(undated in t for t in by_text), undated


def test_report_summary_opens_on_the_news() -> None:
    articles = story(
        "Smoke over the quay\n\nBehind the painted doors of the old Lindqvist quay "
        "warehouse, the smell of smoke still hangs in the salt air. The harbour council "
        "closed the Lindqvist quay after the fire, and the dock workers of Tarn wonder what "
        "comes next.",
        "Quay shut\n\nThe Tarn harbour council voted on Tuesday to shut the Lindqvist quay "
        "for a month after a fire destroyed its warehouse. Fire chief Ola Berg said the fire "
        "began in a store room of the warehouse late on Monday.",
    )
    summary = [s.text for s in analyze(articles, words=60, embedder="hashing").summary]
    assert any(s.startswith("Behind the painted doors") for s in summary)
    assert summary[0].startswith("The Tarn harbour council voted on Tuesday")


def test_listed_facts_read_without_their_dateline() -> None:
    articles = story(
        "Quay fire\n\nLINDQVIST, March 4 (Tide Wire) - Harbour master Ola Berg said three "
        "tugboats were moved away from the burning quay on March 4, 2024.",
        "Warehouse blaze\n\nA fire at the Lindqvist quay warehouse was put out by crews on "
        "Monday, the brigade said.",
    )
    report = analyze(articles, embedder="hashing")
    for page in (to_markdown(report), to_html(report)):
        assert "Harbour master Ola Berg said three tugboats" in page
        assert "(Tide Wire) - Harbour master" not in page.split("Sources")[0]

def test_html_escapes_untrusted_text() -> None:
    articles = story(
        "Council meets\n\nThe council <script>alert(1)</script> met on Monday to vote on the budget of Tarn.\n\nThe mayor said the vote would be close.",
        "Budget vote\n\nThe council met on Monday to vote on the Tarn budget, officials said.",
    )
    report = analyze(articles, embedder="hashing")
    page = to_html(report)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page
    md = to_markdown(report)
    assert "<script>" not in md
    for section in ("## Summary", "## Agreed", "## Disputed", "## Conflicting",
                    "## Only in one source", "## Timeline", "## Sources"):
        assert section in md


def test_sources_are_numbered_by_outlet_or_title() -> None:
    articles = from_texts(["Quiet day in Tarn\n\nNothing much happened in the town of Tarn on Monday, the mayor said.",
                           "Tarn report\n\nThe town of Tarn had a quiet Monday, police said."])
    articles[0].outlet = "Tarn Gazette"
    md = to_markdown(analyze(articles, embedder="hashing"))
    assert "[1] Tarn Gazette" in md and "[2] Tarn report" in md


def test_empty_input_gives_empty_report() -> None:
    report = analyze([])
    assert report.to_dict()["claims"] == [] and to_markdown(report).startswith("# Story")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # a running total against one day's count
        ("Rebels fired 40 shells at the town of Orlo on Friday, the army said.",
         "Rebels have fired around 300 shells at the town of Orlo since the siege began, the army said."),
        # money for different things
        ("The late singer Mara Voss left $20,000 to care for her parrot, her will shows.",
         "The late singer Mara Voss left an estimated $14 million estate, her will shows."),
        # speeds of different things
        ("Storm Kella is moving north at 9 mph, the weather service said.",
         "Storm Kella is packing winds of 110 mph as it moves north, the weather service said."),
        # running totals counted from different starting points
        ("The army said 85 shells fired from the hills had hit Orlo since midweek.",
         "Rebels have fired about 250 shells at Orlo since the siege began, the army said."),
        # the same charge sheet, different people
        ("Tomas Brill, 24, of Kessel, is charged with two counts of felony arson.",
         "Anton Rusk, 19, of Kessel, is charged with five counts of felony arson."),
        # brothers: a shared surname is not the same person
        ("Tomas Emil Brill, 24, of Kessel, is charged with two counts of felony arson.",
         "Anton Jakob Brill, 19, of Kessel, is charged with five counts of felony arson."),
    ],
)
def test_lookalike_numbers_are_never_conflicts(left: str, right: str) -> None:
    articles = story(f"Report one\n\n{left}", f"Report two\n\n{right}")
    for embedder in ("hashing", "minilm"):
        try:
            report = analyze(articles, embedder=embedder).to_dict()
        except Exception as exc:  # MiniLM not installed here
            if embedder == "minilm" and "not installed" in str(exc):
                continue
            raise
        assert report["conflicts"] == [], embedder


@pytest.mark.parametrize("first", [
    "Four people are in custody after the raid on the Kessel depot, police said.",
    "Four suspected smugglers are in custody after the raid on the Kessel depot, police said.",
    "Four people are in custody after the May 3 raid on the Kessel depot, police said.",
])
def test_a_count_beside_suspected_or_may_can_still_conflict(first: str) -> None:
    # Only "may" as a modal and "suspected" as a verb make a sentence speculation, which
    # cannot contradict; the adjective and the month do not hide a rival count.
    second = first.replace("Four", "Three").replace("are in", "in")
    report = analyze(story(f"Report one\n\n{first}", f"Report two\n\n{second}"),
                     embedder="hashing")
    [conflict] = report.conflicts
    assert conflict.kind == "numeric"
    assert {side.value.split()[0] for side in conflict.sides} == {"4", "3"}


def test_a_numbered_label_does_not_restate_a_rival_count() -> None:
    # "No. 4" (a nickname) in one report holds the digit of the other report's "four
    # half-brothers", but names a man and counts nothing: 3 vs 4 half-brothers remains.
    first = ('Ilan Veder, his three half-brothers, their mother and "No. 4" lived in one '
             "room of a farmhouse near Orlo.")
    second = ("Ilan Veder lived with his mother, a stepfather and four half-brothers in one "
              "room of a farmhouse near Orlo.")
    report = analyze(story(f"Report one\n\n{first}", f"Report two\n\n{second}"),
                     embedder="hashing")
    [conflict] = report.conflicts
    assert conflict.about == "how many half-brothers"
    assert {side.value for side in conflict.sides} == {"3 half-brothers", "4 half-brothers"}


def _notes(left: str, right: str) -> list[str]:
    report = analyze(story(f"Report one\n\n{left}", f"Report two\n\n{right}"),
                     embedder="hashing")
    return [n.text for n in report.notes if n.kind == "possible-mismatch"]


def test_a_money_note_gives_its_own_reason_and_readable_amounts() -> None:
    [note] = _notes("The council approved $8 billion for the Orlo bridge on Monday.",
                    "The council approved $8.2 billion for the Orlo bridge on Monday.")
    assert note.startswith("$8 billion vs $8.2 billion")
    assert "money" in note and "distances" not in note


def test_lookalike_notes_are_deduplicated_and_capped() -> None:
    # The same two amounts restated in several sentences: one note, not one per pair.
    left = ("The council approved $8 billion for the Orlo bridge on Monday. Work starts in "
            "spring. The $8 billion for the Orlo bridge was approved by the council on Monday.")
    right = ("The council approved $8.2 billion for the Orlo bridge on Monday. Cranes wait. "
             "On Monday the council approved $8.2 billion for the Orlo bridge.")
    assert len(_notes(left, right)) == 1
    # Seven projects with a different amount each: a handful of notes, the closest pairs
    # (the same project in both reports) kept.
    names = ["Orlo bridge", "Kessel tunnel", "Varne dam", "Oss harbour", "Tarn rail line",
             "Brill airport", "Wexbury canal"]
    left = " ".join(f"The council approved ${k} million for the {n} on Monday."
                    for k, n in enumerate(names, 2))
    right = " ".join(f"The council approved ${k}.5 million for the {n} on Monday."
                     for k, n in enumerate(names, 2))
    notes = _notes(left, right)
    assert 0 < len(notes) <= MAX_NOTES
    for text in notes:
        pair = re.match(r"\$(\d+) million vs \$(\d+)\.5 million", text)
        assert pair is not None and pair.group(1) == pair.group(2), text


@pytest.mark.parametrize("dates", [(), ("", "")])  # dated articles, and undated ones
def test_a_day_of_the_month_is_not_called_a_different_year_or_month(
        dates: tuple[str, ...]) -> None:
    left = "Protesters had pitched 300 tents on the Kessel square by {}, organizers said."
    right = "Protesters had pitched 400 tents on the Kessel square by {}, organizers said."

    def notes(a: str, b: str) -> list[str]:
        articles = story(f"Report one\n\n{left.format(a)}", f"Report two\n\n{right.format(b)}",
                         dates=dates)
        report = analyze(articles, embedder="hashing")
        assert report.conflicts == []
        return [n.text for n in report.notes]

    [day] = notes("October 1", "Sunday")
    assert "years or months" not in day and "dates" in day
    [years] = notes("2019", "2021")
    assert "different years or months" in years


@pytest.mark.parametrize(
    ("charge", "reply"),
    [
        # a vote against a thing is not a denial of a statement
        ("The board announced that chief executive Ola Brand would get a 30% raise.",
         "Shareholders rejected the 30% raise for Ola Brand at the annual meeting."),
        # a negative statement near a report word is not a denial
        ("The Kessel residents' group said the pumps had failed twice last year.",
         "The water board said it never delays a fault report from residents."),
        # "false" describing something other than a statement
        ("Senator Ivo Marsh said the talks with the water board had made progress.",
         "Mayor Lin Ostra said the meeting would give the false impression of progress."),
        # a refused request is not a denied charge
        ("The Brill family said the clinic should give their son the new drug.",
         "The clinic had denied calls from the Brill family to give him the drug."),
        # a related story's headline inside the page is no side of a dispute
        ("Inspectors said the Varne plant leaked solvent into the river Oss in May.",
         "\n\nVarne company denies inspectors' river solvent leak claims"),
        # a court's verdict is neither side's denial
        ("Harbour board lawyers said the Kesby ferry contract was void because the mayor never "
         "signed it.", "Judge Ana Kell rejected the harbour board's claims that the Kesby ferry "
         "contract was void."),
        ("Harbour board lawyers said the Kesby ferry contract was void because the mayor never "
         "signed it.", "A Kesby jury found that the harbour board's claims that the ferry "
         "contract was void were false."),
        # a lawyer's denial quoted by the story is not the charge it denies
        ('"The claims against the Varne plant are denied and will be fought," lawyer Ana '
         'Holt said.', "Ana Holt, the plant's lawyer, denied the inspectors' claims."),
    ],
)
def test_non_denials_are_not_disputes(charge: str, reply: str) -> None:
    articles = story(f"Report one\n\n{charge} {reply}", f"Report two\n\n{charge}")
    assert analyze(articles, embedder="hashing").disputes == []


WHEY_CHARGE = ("Kesby water board inspectors said the Orsund dairy dumped whey into the river "
               "Lenn on Monday.")
WHEY_DENIAL = ("Orsund dairy owner Ivo Tamm called the report of whey dumped into the river "
               "Lenn false.")
WHEY_REPORTS = (f"Report one\n\n{WHEY_CHARGE} {WHEY_DENIAL}", f"Report two\n\n{WHEY_CHARGE}")


def test_calling_the_report_false_disputes_it() -> None:
    articles = story(*WHEY_REPORTS)
    [dispute] = analyze(articles, embedder="hashing").disputes
    assert {p.stance: p.party for p in dispute.parties} == {
        "assert": "Kesby water board inspectors", "deny": "Ivo Tamm"}


@pytest.mark.parametrize(
    ("first", "disputes"),
    [
        # "the president" is Edda Lunn: she contradicts herself, no two parties disagree
        ("President Edda Lunn visited the Lenn valley on Sunday. Lunn said on Monday that the "
         "Orsund dam had flooded 40 farms in the Lenn valley. Engineers inspected the dam "
         "gates on Tuesday. The president on Wednesday denied that the Orsund dam had flooded "
         "any farms in the Lenn valley.", 0),
        ("The president said on Monday that the Orsund dam had flooded 40 farms in the Lenn "
         "valley. Engineers inspected the dam gates on Tuesday. President Edda Lunn on "
         "Wednesday denied that the Orsund dam had flooded any farms in the Lenn valley.", 0),
        # with two presidents named, "the president" may be the other one
        ("President Edda Lunn of Orsund met President Tom Ray of Kesby on Sunday. Lunn said on "
         "Monday that the Orsund dam had flooded 40 farms in the Lenn valley. Engineers "
         "inspected the dam gates on Tuesday. The president on Wednesday denied that the "
         "Orsund dam had flooded any farms in the Lenn valley.", 1),
        # ... but the one the story keeps calling by the title is "the president"
        ("President Edda Lunn of Orsund met President Tom Ray of Kesby on Sunday. President "
         "Lunn said on Monday that the Orsund dam had flooded 40 farms in the Lenn valley. "
         "Engineers inspected the dam gates on Tuesday. The president on Wednesday denied that "
         "the Orsund dam had flooded any farms in the Lenn valley.", 0),
        # a former president and a vice president do not carry the title
        ("President Edda Lunn and former President Tom Ray visited the Lenn valley on Sunday. "
         "Lunn said on Monday that the Orsund dam had flooded 40 farms in the Lenn valley. "
         "Engineers inspected the dam gates on Tuesday. The president on Wednesday denied that "
         "the Orsund dam had flooded any farms in the Lenn valley.", 0),
        ("President Edda Lunn and Vice President Tom Ray visited the Lenn valley on Sunday. "
         "Lunn said on Monday that the Orsund dam had flooded 40 farms in the Lenn valley. "
         "Engineers inspected the dam gates on Tuesday. The president on Wednesday denied that "
         "the Orsund dam had flooded any farms in the Lenn valley.", 0),
    ],
)
def test_a_title_is_the_one_person_the_story_names_with_it(first: str, disputes: int) -> None:
    articles = story(f"Dam row\n\n{first}", "Lenn valley\n\nEdda Lunn said on Monday that "
                     "the Orsund dam had flooded 40 farms in the Lenn valley.")
    assert len(analyze(articles, embedder="hashing").disputes) == disputes


HAIR_THEORY = ("Kesby police said a gang had killed 12 hikers in the Lenn hills to sell their "
               "hair to wig makers.")


@pytest.mark.parametrize(
    ("doubt", "dismissal"),
    [
        # both doubt the theory: the dismissal agrees with the doubt, it does not answer it
        ("Doctors said it would be pointless to kill hikers for their hair when wig makers buy "
         "hair from barbers cheaply.",
         "Wig experts dismissed this theory, saying human hair had no value to wig makers."),
        ("Doctors said it would be pointless to kill hikers for their hair when wig makers buy "
         "hair from barbers cheaply.",
         "Wig experts dismissed these claims, saying human hair had no value to wig makers."),
        # "others" name no party
        ("Others said hair from the Lenn hills spoils too quickly to be sold to wig makers.",
         "Wig experts dismissed this theory, saying human hair had no value to wig makers."),
    ],
)
def test_a_doubt_is_not_the_charge_a_dismissal_answers(doubt: str, dismissal: str) -> None:
    articles = story(f"Hair theft\n\n{HAIR_THEORY} {doubt} {dismissal}",
                     f"Lenn hills\n\n{HAIR_THEORY}")
    assert analyze(articles, embedder="hashing").disputes == []


def test_a_negative_charge_is_answered_by_a_denial_that_says_the_opposite() -> None:
    charge = ("Wig makers in Orlo said there was no evidence that hair from the Lenn hills had "
              "been sold to them.")
    reply = "Kesby police rejected these claims, saying the gang sold stolen hair to a wig maker."
    articles = story(f"Hair theft\n\n{charge} {reply}", f"Lenn hills\n\n{charge}")
    [dispute] = analyze(articles, embedder="hashing").disputes
    assert {p.stance: p.party for p in dispute.parties} == {
        "assert": "Wig makers in Orlo", "deny": "Kesby police"}


def test_a_denial_answers_the_charge_it_is_about_not_the_remark_before_it() -> None:
    # The strategist's remark stands just before the denial, but the denial is about the
    # bankers the Herald wrote of.
    articles = story(
        "Town hall\n\nMayor Ivo Tamm took questions from the news media for two hours on "
        "Thursday, party strategist Ana Holt said. Mayor Ivo Tamm dismissed the Tarn Herald "
        "story about the bankers as fake news.",
        "Holiday row\n\nThe Herald reported that Kesby bankers paid for a holiday of Mayor Ivo "
        "Tamm in Orlo.")
    [dispute] = analyze(articles, embedder="hashing").disputes
    assert {p.stance: p.party for p in dispute.parties} == {"assert": "Herald",
                                                           "deny": "Ivo Tamm"}


def test_a_dispute_side_is_named_after_the_party_most_reports_cite() -> None:
    articles = story(
        "Plant leak\n\nEnvironment inspectors said on Monday that the Varne chemical plant leaked solvent into the river Oss. The Varne company denied that any solvent had leaked from its plant.",
        "Solvent in the Oss\n\nTwo environment inspectors said the Varne chemical plant leaked solvent into the river Oss, a local paper reported.",
        "River scare\n\nVolunteer river wardens of the Oss angling club said the Varne chemical plant leaked solvent into the river Oss.",
    )
    [dispute] = analyze(articles, embedder="hashing").disputes
    parties = {p.stance: p for p in dispute.parties}
    assert parties["assert"].party.lower().endswith("environment inspectors")
    assert parties["assert"].heading.startswith("Claimed by ")
    assert parties["deny"].heading == "Denied by Varne company"


def test_a_dispute_side_shows_its_source_marks_once() -> None:
    articles = story(
        "Plant leak\n\nEnvironment inspectors said on Monday that the Varne chemical plant leaked solvent into the river Oss. The Varne company denied that any solvent had leaked from its plant.",
        "Solvent in the Oss\n\nTwo environment inspectors said the Varne chemical plant leaked solvent into the river Oss, a local paper reported.",
        "River scare\n\nVolunteer river wardens of the Oss angling club said the Varne chemical plant leaked solvent into the river Oss.",
    )
    report = analyze(articles, embedder="hashing")
    [dispute] = report.disputes
    numbers = {s.id: s.number for s in report.sources}
    markdown = to_markdown(report).split("## Disputed")[1].split("## Conflicting")[0]
    html = to_html(report).split(">Disputed<")[1].split(">Conflicting<")[0]
    for party in dispute.parties:
        marks = "[" + ",".join(str(n) for n in sorted(numbers[s] for s in party.sources)) + "]"
        [line] = [x for x in markdown.splitlines() if party.heading in x]
        assert line.count("[") == 1 and line.rstrip().endswith(marks), line
        [item] = [x for x in html.split("<li>") if party.heading in x]
        assert item.count('class="src"') == 1 and marks in item, item


def test_markdown_and_html_list_the_documents_left_out() -> None:
    junk = ("Archive notice\n\nThis page is preserved by the Internet Archive and its "
            "Wayback Machine. Crawl data is added after an embargo period.")
    articles = story(junk, "Oss flood\n\nThe river Oss flooded the Kessel bridge on "
                           "Monday, the water board said.", outlets=("Wayback", "Kessel Post"))
    report = analyze(articles, embedder="hashing")
    [dropped] = report.dropped
    assert dropped["source"] == articles[0].id
    markdown = to_markdown(report).split("## Left out")[1]
    assert "[1] Wayback" in markdown and dropped["reason"] in markdown
    html = to_html(report).split(">Left out<")[1]
    assert "[1] Wayback" in html and dropped["reason"] in html
    kept = analyze(articles[1:], embedder="hashing")
    assert "Left out" not in to_markdown(kept) and "Left out" not in to_html(kept)


def test_a_single_source_story_says_there_is_nothing_to_compare() -> None:
    text = ("Leak at Varne\n\nEnvironment inspectors said on Monday that the Varne chemical "
            "plant leaked solvent into the river Oss. Fishermen said dead fish were found "
            "near the Oss bridge on Sunday morning.")
    for articles in (story(text), story(text, text.replace("Leak at Varne", "Varne leak"))):
        report = analyze(articles, embedder="hashing")
        assert report.summary and report.unique == [] and report.agreed() == []
        assert [n.kind for n in report.notes] == ["single-source"]
    two = analyze(story(text, "Fish die in the Oss\n\nAnglers found dead fish in the river "
                              "Oss on Sunday, the Tarn angling club said."), embedder="hashing")
    assert two.unique and not any(n.kind == "single-source" for n in two.notes)


def test_shared_count_with_extra_detail_is_one_fact() -> None:
    """"12 drones from three bases" and "12 drones that hit 5 depots" count the same drones."""
    articles = story(
        "Report one\n\nOn Monday the army said 12 drones launched from three bases had all "
        "reached the border region.",
        "Report two\n\nThe army launched 12 drones at the border region on Monday, which "
        "reportedly hit 5 depots.")
    report = analyze(articles, embedder="hashing")
    assert any(c.origins == 2 and "12 drones" in c.text for c in report.claims)


def _claim_of(report: Report, cite: Citation) -> ReportClaim | None:
    return next((c for c in report.claims if cite in c.citations), None)


def test_report_summary_states_each_fact_once_citing_all_its_sources(
        gold_reports: dict[str, Any]) -> None:
    # The summarizer alone would spend a slot per outlet on one fact; the report knows the
    # facts, so their other sentences become citations, the same ones Agreed lists.
    for _, report in gold_reports.values():
        claims = [_claim_of(report, s.citations[0]) for s in report.summary]
        ids = [c.id for c in claims if c is not None]
        assert len(ids) == len(set(ids)), to_markdown(report)
        for item, claim in zip(report.summary, claims, strict=True):
            if claim is not None:
                assert set(claim.sources) <= {c.source for c in item.citations}


def test_report_summary_carries_every_side_of_a_dispute(gold_reports: dict[str, Any]) -> None:
    # An accusation in the summary comes with the denial the sources report, and back.
    touched = 0
    for _, report in gold_reports.values():
        cited = {c for s in report.summary for c in s.citations}
        for dispute in report.disputes:
            present = [bool(cited & set(p.citations)) for p in dispute.parties]
            if any(present):
                touched += 1
                assert all(present), to_markdown(report)
    assert touched


def test_a_denial_deep_in_one_article_joins_the_accusation_in_the_summary() -> None:
    filler = [
        "The port handles about 40,000 containers a month and employs 2,300 people.",
        "Local schools stayed open on Tuesday and buses ran to the usual timetable.",
        "The harbour was first dredged in 1958 and was widened again in the 1990s.",
        "Fishing boats returned to their moorings in the afternoon as the wind dropped.",
        "A new ferry terminal on the eastern quay is due to open in the spring.",
    ]
    accusation = ("Inspectors from the Marlow safety board said the Tarnby port authority "
                  "ignored three warnings about the crane before it collapsed on Monday.")
    denial = ("The Tarnby port authority denied that it ignored any warnings about the "
              "crane, saying every inspection had been passed.")
    texts = [
        "Crane collapse at Tarnby port\n\n" + " ".join([accusation, *filler]),
        "Tarnby port crane warnings\n\nThe Marlow safety board inspectors said the Tarnby "
        "port authority ignored three warnings about the crane before it collapsed. "
        + " ".join(filler[:3]),
        "Port authority rejects claims\n\n" + " ".join([*filler[2:], *filler[:2], denial]),
    ]
    report = analyze(from_texts(texts), words=40, embedder="hashing")
    assert report.disputes, to_markdown(report)
    shown = [s.citations[0].text for s in report.summary]
    assert any("denied" in t for t in shown), to_markdown(report)
    assert any("ignored three warnings" in t for t in shown), to_markdown(report)


def test_report_summary_keeps_the_summarizer_budget(gold_reports: dict[str, Any]) -> None:
    from newsfuse.summarize.core import MAX_WORDS

    for _, report in gold_reports.values():
        shown = sum(len(s.text.split()) for s in report.summary)
        assert 0 < shown <= 200 + MAX_WORDS
    articles, _ = gold_reports["bridge"]
    short = analyze(articles, words=40)
    assert sum(len(s.text.split()) for s in short.summary) <= 40 + MAX_WORDS


def test_headline_feed_agreement_is_listed_but_no_headline_is_unique() -> None:
    # Headline-only items (the description repeats the title): what several outlets' headlines
    # say alike is agreed; a headline's own angle is not a fact only that outlet reports.
    heads = ["Eastport ferry sinks, coast guard rescues twelve passengers",
             "Coast guard rescues twelve passengers as Eastport ferry sinks",
             "Twelve passengers rescued after Eastport ferry sinks",
             "Eastport mayor orders review of ferry safety rules after sinking"]
    articles = from_texts([f"{h}\n{h}" for h in heads], origin="feed")
    report = analyze(articles, embedder="hashing")
    agreed = report.agreed()
    assert agreed, to_markdown(report)
    assert all(c.origins >= 2 for c in agreed)
    assert {s for c in agreed for s in c.sources} >= {articles[0].id, articles[1].id}
    assert report.unique == []
    for claim in agreed:
        for c in claim.citations:
            assert next(a for a in articles if a.id == c.source).text[c.start : c.end] == c.text


def test_short_headline_is_not_a_fact() -> None:
    articles = from_texts(["Ferry sinks\nFerry sinks", "Ferry sinks\nFerry sinks"], origin="feed")
    assert analyze(articles, embedder="hashing").agreed() == []


ARRESTS = "{} were arrested outside the Kesby dam on Sunday, police said."


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        # nine activists are among the people arrested: fewer people contradicts
        ("At least nine activists", "Eight people", True),
        ("More than nine activists", "Eight people", True),
        ("Nine activists", "Eight people", True),
        ("At least nine activists", "Eight activists", True),
        ("Eight people", "At least nine activists", True),
        # ... more people does not (the others may be no activists), nor does a bound or an
        # approximation that lets both counts be true
        ("At least nine activists", "Twelve people", False),
        ("At least nine activists", "Twelve activists", False),
        ("Nine activists", "Twelve people", False),
        ("Up to nine activists", "Eight people", False),
        ("About nine activists", "Eight people", False),
        # two kinds of people are two counts
        ("Nine activists", "Eight officers", False),
    ],
)
def test_a_count_of_some_people_conflicts_only_with_fewer_people(first: str, second: str,
                                                                 conflict: bool) -> None:
    report = analyze(story(f"Report one\n\n{ARRESTS.format(first)}",
                           f"Report two\n\n{ARRESTS.format(second)}"), embedder="hashing")
    assert len(report.conflicts) == int(conflict)
    if conflict:
        values = {side.value.split()[-2] for side in report.conflicts[0].sides}
        assert values == {"9", "8"}


@pytest.mark.parametrize(
    ("first", "second", "about"),
    [
        ("The 2-year-old boy was found alive in a ditch near Orlo on Tuesday.",
         "Rescuers pulled the boy, 3, from a flooded ditch outside the village of Orlo.",
         "age of the boy"),
        ("Ilse Varga, 34, of Kesby was charged with arson on Monday.",
         "Prosecutors say 35-year-old Ilse Varga set fire to the Kesby ferry office.",
         "age of Ilse Varga"),
        ("Ilse Varga, 34, of Kesby was charged with arson on Monday.",
         "Varga, 35, is due in court in Orlo next week.", "age of Ilse Varga"),
        # a toddler and a son are one child when the scene is one
        ("A 2-year-old toddler was killed by a leopard at the Orlo safari lodge on Friday.",
         "Rangers shot the leopard at the Orlo lodge after it killed a guide's three-year-old "
         "son.", "age of the child"),
    ],
)
def test_ages_of_one_person_conflict_however_the_sentences_are_worded(
        first: str, second: str, about: str) -> None:
    report = analyze(story(f"Report one\n\n{first}", f"Report two\n\n{second}"),
                     embedder="hashing")
    [conflict] = report.conflicts
    assert conflict.about == about
    assert len(conflict.sides) == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # two boys in one report: the other report's boy may be either
        ("The 2-year-old boy and a 3-year-old boy were found in a ditch near Orlo.",
         "Rescuers pulled the boy, 3, from a flooded ditch outside the village of Orlo."),
        # a boy is never a girl
        ("A 2-year-old girl was killed by a leopard at the Orlo safari lodge on Friday.",
         "Rangers shot the leopard at the Orlo lodge after it killed a guide's three-year-old "
         "son."),
        # a grown son is no child to be told apart from others
        ("A 2-year-old toddler was killed by a leopard at the Orlo safari lodge on Friday.",
         "Rangers shot the leopard at the Orlo lodge, a guide's son, 30, said."),
        # the same noun in unrelated scenes
        ("A 34-year-old man was arrested at the Kesby ferry office on Monday.",
         "A 61-year-old man is recovering in an Orlo hospital after the storm."),
        # brothers: a shared surname is not the same person
        ("Tomas Brill, 24, of Kessel, is charged with felony arson.",
         "Anton Brill, 19, of Kessel, is charged with felony arson."),
        # a surname two people of the story share names neither
        ("Tomas Brill, 24, and Anton Brill, 19, of Kessel, are charged with arson.",
         "Brill, 20, is due in court in Orlo next week."),
    ],
)
def test_ages_of_possibly_different_people_are_no_conflict(first: str, second: str) -> None:
    report = analyze(story(f"Report one\n\n{first}", f"Report two\n\n{second}"),
                     embedder="hashing")
    assert report.conflicts == []


def test_one_party_denying_two_parties_charges_is_in_two_disputes() -> None:
    first = ("Plant row\n\nUnion leaders said on Monday that the Varne plant dumped solvent "
             "into the river Oss. The Varne company denied that its plant had dumped any "
             "solvent into the river Oss. Kesby farmers said the Varne plant had poisoned "
             "their cattle with its smoke. The Varne company denied that smoke from its plant "
             "had poisoned any cattle.")
    second = ("Oss scare\n\nUnion leaders said the Varne plant dumped solvent into the river "
              "Oss. Kesby farmers said the Varne plant had poisoned their cattle with its "
              "smoke.")
    disputes = analyze(story(first, second), embedder="hashing").disputes
    found = {(p.party, d.about.split()[-1]) for d in disputes for p in d.parties
             if p.stance == "assert"}
    assert found == {("Union leaders", "Oss."), ("Kesby farmers", "smoke.")}
    for d in disputes:
        [denial] = [c for p in d.parties if p.stance == "deny" for c in p.citations]
        assert ("cattle" in denial.text) == ("cattle" in d.about)


def test_two_deniers_of_one_charge_are_two_parties() -> None:
    charge = ("Environment inspectors said on Monday that the Varne chemical plant leaked "
              "solvent into the river Oss.")
    first = (f"Plant leak\n\n{charge} The Varne company denied that any solvent had leaked "
             "from its plant. Kesby mayor Ilse Varga also denied that solvent had leaked into "
             "the river Oss.")
    [dispute] = analyze(story(first, f"Oss\n\n{charge}"), embedder="hashing").disputes
    deniers = [p.party for p in dispute.parties if p.stance == "deny"]
    assert sorted(deniers) == ["Ilse Varga", "Varne company"]


@pytest.mark.parametrize(
    ("dates", "second", "conflict"),
    [
        # a birthday may fall between reports days apart, or between undated ones
        (("2024-03-06", "2024-04-20"), "Prosecutors say 35-year-old Ilse Varga set fire to "
         "the Kesby ferry office.", False),
        (("", ""), "Prosecutors say 35-year-old Ilse Varga set fire to the Kesby ferry "
         "office.", False),
        # ... but not two birthdays between undated reports of one story
        (("", ""), "Prosecutors say 36-year-old Ilse Varga set fire to the Kesby ferry "
         "office.", True),
    ],
)
def test_an_age_a_birthday_apart_needs_reports_of_the_same_week(
        dates: tuple[str, str], second: str, conflict: bool) -> None:
    first = "Ilse Varga, 34, of Kesby was charged with arson on Monday."
    report = analyze(story(f"Report one\n\n{first}", f"Report two\n\n{second}", dates=dates),
                     embedder="hashing")
    assert len(report.conflicts) == int(conflict)


def test_a_weekday_one_undated_report_names_is_a_possibly_different_day() -> None:
    # Undated, "on Friday" resolves to no date; the other count may be of another day.
    articles = story(
        "Report one\n\nThe army said 90 shells fired from the hills hit Orlo on Friday and 40 "
        "more were stopped by its guns.",
        "Report two\n\nThe army said rebels in the hills had fired more than 300 shells at Orlo "
        "and at least 60 more had been stopped by its guns.", dates=("", ""))
    for embedder in ("hashing", "minilm"):
        try:
            report = analyze(articles, embedder=embedder)
        except Exception as exc:  # MiniLM not installed here
            if embedder == "minilm" and "not installed" in str(exc):
                continue
            raise
        assert report.conflicts == [], embedder


def test_a_summary_sentence_in_a_conflict_says_the_sources_differ(
        gold_reports: dict[str, Any]) -> None:
    flagged = 0
    for _, report in gold_reports.values():
        for item in report.summary:
            spans = {(c.source, c.start, c.end) for c in item.citations}
            sided = [n for n, conflict in enumerate(report.conflicts)
                     for side in conflict.sides for x in side.citations
                     if (x.source, x.start, x.end) in spans]
            assert item.conflicts == sorted(set(sided))
            if item.conflicts:
                flagged += 1
                assert item.to_dict()["conflicts"] == item.conflicts
                line = next(x for x in to_markdown(report).splitlines()
                            if x.startswith(f"- {item.text}"))
                assert "sources differ" in line
    assert flagged  # the gold clusters put a disputed number in some summary


def test_a_charge_is_never_a_sentence_of_the_denials_own_fact() -> None:
    # Two outlets may print one sentence that attribution reads two ways (a quote run on
    # from the host's question, or the speaker's own denial); sentences that share rare
    # words and a count can be one fact though they are less alike than the same-fact
    # threshold. A sentence of the denial's own fact says what the denial says: it is
    # never the charge the denial answers.
    from newsfuse.embed import get_embedder
    from newsfuse.report.disputes import _answered
    from newsfuse.report.story import build_story
    from newsfuse.summarize.align import build_space

    articles = story(*WHEY_REPORTS)
    built = build_story(articles, build_space(articles, get_embedder("hashing")), "rules")
    denial = next(i for i in range(len(built)) if built.text(i) == WHEY_DENIAL)
    charges = [i for i in range(len(built)) if built.text(i) == WHEY_CHARGE]
    assert _answered(built, denial) in charges
    for c in charges:
        built.fact[c] = built.fact[denial]
    assert _answered(built, denial) is None
