from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.helpers import story

from newsfuse.embed import MiniLMEmbedder, get_embedder
from newsfuse.errors import ConfigError
from newsfuse.models import Article, Sentence
from newsfuse.pipeline import read
from newsfuse.summarize import summarize
from newsfuse.summarize.align import build_space, compatible, numbers, wire_origins
from newsfuse.summarize.core import Weights, eligible_sentence, order, score_sentences, shown_text
from newsfuse.summarize.junk import junk_reason
from newsfuse.summarize.reading import caption_like, reads_as_news

EMBEDDERS = ["hashing"] + (["minilm"] if MiniLMEmbedder.available() else [])

HERALD = """Bridge closed after barge strike in Eastport
A cargo barge struck the Old Mill bridge in Eastport on Monday morning, forcing the city to close the bridge to all traffic.
City engineers said the bridge's central pier suffered cracks and would need weeks of repairs before it can reopen.
Nobody was hurt in the collision, according to the harbour police.
The barge belonged to Tidewater Freight, which said its captain had reported an engine failure minutes before the crash.
Local shops near the bridge said business had dropped sharply since the closure."""

GAZETTE = """Eastport bridge shut after barge collision
The Old Mill bridge in Eastport was closed on Monday after a cargo barge struck it in the morning.
Engineers found cracks in the central pier of the bridge and said repairs would take several weeks.
The harbour police said that nobody was hurt in the collision.
Commuters face detours of up to 40 minutes, the transport office said.
Mayor Lena Brandt promised a full inquiry into river traffic rules."""

WIRE = """Barge hits Eastport bridge, no injuries
A cargo barge hit the Old Mill bridge in Eastport on Monday morning and the city closed the bridge to traffic.
Police said nobody was hurt in the collision.
Tidewater Freight, which owns the barge, blamed an engine failure.
The river was reopened to shipping by the evening."""


@pytest.fixture(params=EMBEDDERS)
def embedder(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_every_sentence_cites_exact_source_text(embedder: str) -> None:
    articles = story(HERALD, GAZETTE, WIRE)
    by_id = {a.id: a for a in articles}
    summary = summarize(articles, 80, embedder=embedder)
    assert summary.sentences
    for s in summary.sentences:
        assert s.citations and s.text == shown_text(s.citations[0].text)
        assert s.citations[0].text.endswith(s.text)
        for c in s.citations:
            assert by_id[c.source].text[c.start : c.end] == c.text
        assert len({c.source for c in s.citations}) == s.origins


def test_fact_told_by_all_three_cites_all_three(embedder: str) -> None:
    articles = story(HERALD, GAZETTE, WIRE)
    summary = summarize(articles, 120, embedder=embedder)
    collision = [s for s in summary.sentences if "nobody was hurt" in s.text.lower()]
    assert collision, "the corroborated no-injuries fact belongs in the summary"
    assert {c.source for c in collision[0].citations} == {a.id for a in articles}


def test_budget_is_respected_to_one_sentence(embedder: str) -> None:
    articles = story(HERALD, GAZETTE, WIRE)
    for words in (20, 50, 100):
        summary = summarize(articles, words, embedder=embedder)
        counts = [len(s.text.split()) for s in summary.sentences]
        assert sum(counts) - max(counts) < words  # only the last one chosen may overshoot


def test_junk_document_is_dropped(embedder: str) -> None:
    junk = ("Archive notice\nThis page is preserved by the Internet Archive and its "
            "Wayback Machine. Crawl data is added after an embargo period.")
    articles = story(HERALD, junk, GAZETTE)
    summary = summarize(articles, 100, embedder=embedder)
    junk_id = articles[1].id
    assert [d.source for d in summary.dropped] == [junk_id]
    assert all(c.source != junk_id for s in summary.sentences for c in s.citations)


def test_a_page_that_is_mostly_furniture_is_dropped() -> None:
    # A social network's location notice scraped in place of a post: no sentence of it is
    # an archive or error notice, but two of its three lines are furniture.
    notice = ("When you tweet with a location, the service keeps that place with the post "
              "for as long as the post exists. You can turn location history off at any "
              "time in the settings of your account. Anyone reading the post can see the "
              "place you added to it.")
    articles = story(HERALD, notice, GAZETTE)
    summary = summarize(articles, 100)
    assert [(d.source, d.reason[:14]) for d in summary.dropped] == [
        (articles[1].id, "web page chrom")]
    # Too short to tell: a wire headline marked as an update is still news.
    headline = story("UPDATE 2-Tarn council approves its budget | The Herald")[0]
    assert junk_reason(headline) is None


def test_empty_single_and_one_sentence_inputs() -> None:
    assert summarize([], 50).sentences == []
    single = summarize(story(HERALD), 40)
    assert single.sentences and all(len(s.citations) == 1 for s in single.sentences)
    one = summarize(story("The council approved the new budget on Tuesday evening."), 50)
    assert [s.text for s in one.sentences] == [
        "The council approved the new budget on Tuesday evening."]


def test_a_single_source_is_summarised_in_its_own_order() -> None:
    text = """Ferry runs aground off Carrow Point
The ferry Margit ran aground off Carrow Point on Friday with 140 passengers on board.
She was refloated on the evening tide and towed to the harbour at Lenby.
All passengers were taken ashore by lifeboat crews before nightfall.
I was on the upper deck when it happened.
It was terrifying for the children on board.
The operator, Westline, said an inquiry into the grounding would begin next week."""
    texts = [s.text for s in summarize(story(text), 200).sentences]
    # "She was refloated" follows the sentence it leans on, so it stands; the writer's
    # aside ("I was on the upper deck") is no summary text, and "It was terrifying" loses
    # its context with it.
    assert texts == [
        "The ferry Margit ran aground off Carrow Point on Friday with 140 passengers on board.",
        "She was refloated on the evening tide and towed to the harbour at Lenby.",
        "All passengers were taken ashore by lifeboat crews before nightfall.",
        "The operator, Westline, said an inquiry into the grounding would begin next week.",
    ]


DAM_A = """Orlan dam breach floods four villages
The Orlan dam breached early on Sunday, flooding four villages in the valley below.
It had passed an inspection by the regional water board only last month.
Rescue teams evacuated about 900 residents by boat, the civil defence office said.
Schools in the valley will stay closed until Wednesday."""

DAM_B = """Four villages flooded after Orlan dam fails
Four villages in the Orlan valley were flooded on Sunday when the Orlan dam breached.
It had passed an inspection by the regional water board just last month, officials said.
About 900 residents were evacuated by boat, according to the civil defence office.
A fundraiser for the flooded families opened on Monday."""


@pytest.mark.parametrize("follow", [1.5, 0.0])
def test_a_sentence_that_leans_on_the_one_before_follows_it(follow: float) -> None:
    articles = story(DAM_A, DAM_B)
    texts = [s.text for s in summarize(articles, 45, weights=Weights(follow=follow)).sentences]
    inspected = [k for k, t in enumerate(texts) if t.startswith("It had passed")]
    if not follow:
        assert not inspected  # it cannot stand alone
        return
    # Both outlets report the inspection, so it is in; only right after the breach.
    assert len(inspected) == 1 and inspected[0] > 0
    before = texts[inspected[0] - 1]
    assert "dam breached" in before and before in {s.text for a in articles for s in a.sentences}
    article = next(a for a in articles if any(s.text == texts[inspected[0]] for s in a.sentences))
    lines = [s.text for s in article.sentences]
    assert lines.index(before) == lines.index(texts[inspected[0]]) - 1
    # The other outlet's sentence on the inspection states a chosen fact: it stays out.
    longer = [s.text for s in summarize(articles, 80).sentences]
    assert sum(t.startswith("It had passed") for t in longer) == 1


def test_order_keeps_a_leaning_sentence_after_its_antecedent() -> None:
    articles = story(DAM_A, DAM_B)
    space = build_space(articles, get_embedder("hashing"))
    rows = {s.text: i for i, s in enumerate(space.sentences)}
    breach = rows["The Orlan dam breached early on Sunday, flooding four villages in the valley below."]
    leaning = breach + 1
    later = rows["A fundraiser for the flooded families opened on Monday."]
    # The leaning row scores low and would sort last by place; it is read after its antecedent.
    ordered = order(space, {later: 0.9, leaning: 0.1, breach: 1.0})
    assert ordered.index(leaning) == ordered.index(breach) + 1


def test_words_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="positive"):
        summarize(story(HERALD), 0)


def test_dangling_and_question_sentences_are_not_eligible() -> None:
    def s(text: str) -> Sentence:
        return Sentence("x", 0, 0, len(text), text)

    assert not eligible_sentence(s("He said the plan would go ahead as soon as possible."))
    assert not eligible_sentence(s("Will the bridge reopen before the winter holidays begin?"))
    assert not eligible_sentence(s("“We will rebuild it stronger than before,” she insisted."))
    assert not eligible_sentence(s("Eastport bridge shut after barge collision"))
    assert not eligible_sentence(s('"We will ask hard questions, and we will get answers," she said.'))
    assert eligible_sentence(s("“We will rebuild,” Mayor Lena Brandt said on Monday evening."))
    assert not eligible_sentence(s("March 2019, as the flood waters reached the old town hall."))
    assert not eligible_sentence(s("Early 2004, citing a line from her first campaign speech at the fair."))
    assert eligible_sentence(s("In March 2019, the flood waters reached the old town hall of Tarn."))



@pytest.mark.parametrize("text", [
    "I tapped the ferry captain on the shoulder and he turned around with a grin.",
    "We know at least two crews reached the burning warehouse before midnight.",
    "Our reporter counted forty fire engines on the quay in Lindqvist.",
    "The mayor added: “The harbour will reopen. I promise you that it will",  # quote runs on
    "#breaking Fire at the Lindqvist harbour warehouse, crews on the scene now.",
    "Mayor Lena Brandt (2nd L) and fire chief Ola Berg (R) walk along the quay.",
    "BRANDT: The harbour will reopen on Monday once the inspectors are done.",
    "CLOSE Fire crews battle a blaze at a warehouse on the Lindqvist harbour.",
    "She worked as anchor at LHTV , now known as Harbour One, for ten years.",
    "New harbour master looking for a deputy after the fire; several...",
    "FIRE CREWS WERE STILL AT THE HARBOUR WAREHOUSE WHEN WE ARRIVED THIS MORNING.",
    "The burnt warehouse was registered to a Tarn shipping firm, he said.",
    "Among them are two dock workers from the Lindqvist quay night shift.",
    # the writer talking to the reader
    "Step 1: Take all the timber on your island before the ferry leaves.",
    "If you wanted a ticket, you had to queue at the harbour office for hours.",
    "After the fire, here’s what the harbour council decided on Tuesday night.",
    # a reference work's footnote marks, a pointer to the page's pictures
    "[1] The harbour was built in 1820 by the Tarn shipping company.",
    "Mayor Lena Brandt (above) opened the rebuilt quay on Monday morning.",
    "Crews fought the fire from the water and the quay (see video below).",
])  # fmt: skip
def test_text_that_reads_wrong_in_a_summary_is_not_eligible(text: str) -> None:
    assert not eligible_sentence(Sentence("x", 0, 0, len(text), text))


@pytest.mark.parametrize("text", [
    "“I saw the roof fall in,” said Ola Berg, a dock worker on the night shift.",
    "Dock worker Ola Berg said the roof “fell in on us” just after midnight.",
    "The Share Our Harbour charity raised money for the families of the crew.",
    "Fire crews reached the warehouse at 2:40 a.m. on Tuesday, the brigade said.",
    # "I" before a hyphen is a road or a team, not the writer
    "The lorry was headed east on I-40 when it struck the harbour bridge.",
    "The Channel 4 I-Team reached the ferry captain by telephone on Monday.",
])  # fmt: skip
def test_quotes_names_and_times_stay_eligible(text: str) -> None:
    assert eligible_sentence(Sentence("x", 0, 0, len(text), text))

def test_different_numbers_or_polarity_do_not_corroborate() -> None:
    assert numbers("Five people, including three firefighters") == {"5", "3"}
    assert not compatible("Three people were injured.", "Five people were injured.")
    assert compatible("26 missiles were fired from four ships.", "26 missiles were fired.")
    assert not compatible("Officials confirmed the cause.", "Officials have not confirmed the cause.")


def test_a_negation_only_covers_the_words_it_negates() -> None:
    # "not" in one clause must not make an unrelated positive sentence look like a denial.
    assert compatible(
        "The ministry did not give warning before it launched the drill, the minister said.",
        "The minister called the launch of the drill reckless.",
    )
    assert not compatible("The firm would not cut jobs.", "The firm would cut 200 jobs.")
    assert not compatible("No one was injured in the fire.", "Three people were injured in the fire.")
    assert not compatible("The mayor didn\u2019t resign.", "The mayor resigned on Monday.")
    assert not compatible(
        "The agency has neither confirmed the crash nor the launch.",
        "The agency confirmed the crash.",
    )
    assert compatible("The mayor did not resign.", "The mayor has not resigned yet.")


def test_wire_copies_share_one_origin() -> None:
    reprint = WIRE.replace("Barge hits", "Cargo barge hits")
    articles = story(HERALD, WIRE, reprint)
    assert wire_origins(articles) == [0, 1, 1]
    summary = summarize(articles, 120, embedder="hashing")
    assert all(s.origins <= 2 for s in summary.sentences)


def test_seed_summary_is_cited_and_clean(seed_paths: list[Path]) -> None:
    result = read(seed_paths)
    articles = result.articles
    assert len(articles) == 3 and not result.failures
    sentences = {a.id: {s.text for s in a.sentences} for a in articles}
    summary = summarize(articles, 200)
    assert summary.sentences
    for s in summary.sentences:
        assert s.citations
        assert all(c.text in sentences[c.source] for c in s.citations)
    assert any(len({c.source for c in s.citations}) == 3 for s in summary.sentences)
    removed = {r.line for a in articles for r in a.removed}
    assert not any(line in summary.text for line in removed)


def test_same_number_counting_different_things_does_not_corroborate() -> None:
    assert not compatible("The army said 27 cruise missiles were launched.",
                          "Its jets struck 27 terrorist targets overnight.")
    assert compatible("Four ships fired 26 cruise missiles.", "26 missiles were fired by four ships.")


def test_concepts_weigh_by_independent_origins_and_clear_when_covered() -> None:
    from newsfuse.embed import get_embedder
    from newsfuse.summarize.align import build_space
    from newsfuse.summarize.core import _Concepts

    reprint = WIRE.replace("Barge hits", "Cargo barge hits")
    space = build_space(story(HERALD, WIRE, reprint), get_embedder("hashing"))
    concepts = _Concepts.of(space)
    everyone = np.ones(len(space.sentences), dtype=bool)
    before = concepts.new_weight(everyone)
    assert before.max() == 1.0
    # "Local shops ... business" is the Herald's alone; the wire reprint adds no second origin.
    shops = next(i for i, s in enumerate(space.sentences) if s.text.startswith("Local shops"))
    tidewater = next(i for i, s in enumerate(space.sentences) if s.text.startswith("Tidewater"))
    assert before[tidewater] > before[shops]
    concepts.cover(tidewater)
    after = concepts.new_weight(everyone)
    copy = [i for i, s in enumerate(space.sentences) if s.text.startswith("Tidewater")][-1]
    assert after[copy] == 0.0  # the reprinted sentence adds nothing once its twin is chosen


def test_dateline_is_cut_from_the_shown_text_but_cited_in_full() -> None:
    assert shown_text("EASTPORT (AP) — A barge hit the bridge.") == "A barge hit the bridge."
    assert shown_text("(Wire) - A barge hit the bridge.") == "A barge hit the bridge."
    assert shown_text("Eastport, Norland (Reuters) A barge hit it.") == "A barge hit it."
    assert shown_text("EASTPORT, Nor. - A barge hit the bridge.") == "A barge hit the bridge."
    # a dated wire dateline, with the month written out or abbreviated
    for dated in ("EASTPORT, June 12 (Tide Wire) - ", "Eastport, Sept. 3 (Reuters) - "):
        assert shown_text(dated + "A barge hit the bridge.") == "A barge hit the bridge."
    # a name with a party tag is the subject, not a dateline
    kept = "Sen. Lena Brandt (D-Eas.) said the bridge would reopen."
    assert shown_text(kept) == kept
    # a bare dash where the page set the place apart
    assert shown_text("— Ten volunteers rebuilt the pier.") == "Ten volunteers rebuilt the pier."
    herald = HERALD.replace("A cargo barge struck", "EASTPORT (AP) — A cargo barge struck")
    articles = story(herald, GAZETTE, WIRE)
    summary = summarize(articles, 120, embedder="hashing")
    struck = next(s for s in summary.sentences if "struck the Old Mill" in s.text)
    assert struck.text.startswith("A cargo barge struck")
    cited = struck.citations[0]
    assert cited.text.startswith("EASTPORT (AP) — ") and cited.text.endswith(struck.text)
    assert articles[0].text[cited.start : cited.end] == cited.text


def test_a_dateline_run_into_the_first_word_is_cut() -> None:
    # "--" or a long dash with no space before the first word still ends the dateline
    for dateline in ("EASTPORT, Nor. --", "EASTPORT (AP) --", "EASTPORT, Nor. —", "TARN --"):
        assert shown_text(dateline + "A barge hit the bridge.") == "A barge hit the bridge."
    assert shown_text('TARN, Nor. --"We lost it," Holm said.') == '"We lost it," Holm said.'
    # a long dash touching a place name in capitals; a date with its year; a station number
    for dateline in ("EASTPORT—", "NEW EASTPORT—", "MONDAY, Jan. 25, 2016 (Tide News) -- ",
                     "EASTPORT, Nor. (NEWS 10) – "):
        assert shown_text(dateline + "A barge hit the bridge.") == "A barge hit the bridge."
    # a hyphen joined to a word is part of it, not a dash after a dateline; nor are initials
    # or an acronym before a long dash
    for kept in ("EASTPORT -Based shippers lost money.", "U.S.-Norland talks began on Monday.",
                 "U.S.—Norland talks began on Monday.", "FBI—The bureau opened a file."):
        assert shown_text(kept) == kept
    # places joined by a slash or set apart by ">>", with nothing after them
    for dateline in ("EASTPORT/TARN ", "EASTPORT/TARN BAY, Norland ", "NEW EASTPORT >> "):
        assert shown_text(dateline + "A barge hit the bridge.") == "A barge hit the bridge."
    for kept in ("TIDE News has learned that a barge hit the bridge.",
                 "UNESCO Director Ana Lind visited the bridge."):
        assert shown_text(kept) == kept


def test_page_furniture_never_reaches_a_summary() -> None:
    def s(text: str) -> Sentence:
        return Sentence("x", 0, 0, len(text), text)

    assert not eligible_sentence(s(
        "1 of 12 Full Screen Autoplay Close Skip Ad × Barge hits bridge View Photos A barge "
        "struck the bridge."))
    assert not eligible_sentence(s("You always have the option to delete your Tweet "
                                   "location history."))
    assert not eligible_sentence(s("| Getty Images Mayor promises inquiry into river traffic"
                                   " rules."))
    assert not eligible_sentence(s("The mayor waves to crowds in this file photo taken in "
                                   "May."))
    # news prose that shares words with page chrome stays
    assert eligible_sentence(s("The mayor called the barge captain a tough cookie on Monday."))
    assert eligible_sentence(s("The council passed the repair bill by a vote of 404 to 0."))
    assert not eligible_sentence(s("Add Eastport as an interest to stay up to date on the "
                                   "latest Eastport news."))
    assert not eligible_sentence(s("The author is a Tide Wire columnist based in Eastport."))
    # fragments cut out of a longer sentence (PDF columns, broken markup)
    assert not eligible_sentence(s("renewals) before the river court are all classified."))
    assert not eligible_sentence(s(". in question on behalf of the river authority today."))
    assert eligible_sentence(s("iPhone sales in Eastport rose sharply after the bridge opened."))
    # a dateline alone is not a sentence
    assert not eligible_sentence(s("EASTPORT, Norland (AP) — U.S."))
    # an embedded post, the page's own notices, a broadcast credit, calls to action
    for furniture in (
        "Crews are still on the bridge. — Eastport Police (@eastportpd) May 21, 2024",
        "Barge pictures from the river pic.twitter.com/abc123 show the damage clearly.",
        "Posted at 11:43 AM on Nov. 24, 2023 by the Eastport Herald news desk.",
        "Eastport bridge reopens Posted: Monday, June 23, 2024 11:03 PM EDT.",
        "This article was amended on 12 August 2024 to correct the barge's name.",
        "Ana Lind reports for Channel 4 News at 6 on the bridge repairs.",
        "Anyone with information may call Eastport police by dialing (800) 555-0199.",
        "For breaking news from the river, follow the Eastport Herald on Facebook.",
        # newsletter boxes, links to other pages, captions and credit lines
        "Sign up for River Daily and get the latest news, every morning — in your inbox.",
        "Sign Up Receive occasional updates and special offers from the Eastport Herald.",
        "Related: Eastport council shuts the bridge after the barge collision.",
        "Caption A look at the barge collision and the bridge repairs in pictures.",
        "Click here to watch the barge hit the bridge on Monday morning.",
        "Read the latest news about the bridge repairs here.",
        "The full list of damaged barges can be read here, and it includes two ferries.",
        "In a report posted online (read it here), the council lists every barge.",
        "This undated photo shows the Eastport bridge before the collision.",
        "Police released this still image of a man seen on the bridge that night.",
        "Map locates the barge collision on the river near Eastport.",
        "The news and stories that matter, delivered weekday mornings.",
        "Ana Lind has the story from the river (@analind).",
        "Adapted from River Lives: An Oral History of the Eastport Bridge.",
    ):
        assert not eligible_sentence(s(furniture)), furniture
    for news in (
        "Advertisers pulled their ads from the river radio show after the collision.",
        "The port's new privacy policy lets the council read every barge's log.",
        "Police said the captain released this week had been held since May.",
        "Related charges were filed against the barge captain on Monday.",
    ):
        assert eligible_sentence(s(news)), news
    assert eligible_sentence(s("Updated figures from the port show 12 barges were damaged."))
    assert eligible_sentence(s("Police posted a video of the barge hitting the bridge."))
    chrome = "Breaking News Emails Get breaking news alerts and special reports from Eastport."
    articles = story(HERALD.replace("Local shops", f"{chrome} Local shops"), GAZETTE, WIRE)
    summary = summarize(articles, 400, embedder="hashing")
    assert summary.sentences and "breaking news" not in summary.text.lower()


def test_headline_only_items_get_a_cited_summary() -> None:
    # A headline feed: each item's description repeats its title, so the headline is all
    # there is. It is not junk for being short, and it may end without a full stop.
    heads = ["Ferry sinks off Eastport harbour, twelve rescued by coast guard",
             "Eastport ferry sinks; coast guard rescues twelve passengers"]
    articles = story(*(f"{h}\n{h}" for h in heads))
    summary = summarize(articles, 60, embedder="hashing")
    assert not summary.dropped
    assert {s.text for s in summary.sentences} <= set(heads) and summary.sentences
    for s in summary.sentences:
        c = s.citations[0]
        assert next(a for a in articles if a.id == c.source).text[c.start : c.end] == c.text


QUAY_NEWS = """Tarn council shuts Lindqvist quay after warehouse fire
The Tarn harbour council voted on Tuesday to shut the Lindqvist quay for a month after a fire destroyed its warehouse.
Fire chief Ola Berg said the fire began in a store room of the warehouse late on Monday.
Dock workers will move to the north pier while the quay is rebuilt, the council said."""


@pytest.mark.parametrize("opener", [
    "Behind the painted doors of the old Lindqvist quay warehouse, the smell of smoke still hangs in the salt air.",
    "Firefighters battle a blaze at the Lindqvist quay warehouse in Tarn on Monday, March 4.",
    "“We lost everything in one night,” said dock worker Per Holm, looking at the ashes of the warehouse.",
])  # fmt: skip
def test_summary_opens_on_the_news_not_a_feature_opener(opener: str) -> None:
    # The feature's opener leads its article as the news sentence leads the other, so both
    # are chosen; the summary must open on the event and still keep the opener.
    feature = (f"Smoke over the quay\n{opener}\nThe harbour council closed the Lindqvist quay "
               "after the fire, and the dock workers of Tarn wonder what comes next.")
    summary = summarize(story(feature, QUAY_NEWS), 60, embedder="hashing")
    texts = [s.text for s in summary.sentences]
    assert opener in texts
    assert texts[0].startswith("The Tarn harbour council voted on Tuesday")


@pytest.mark.parametrize(("text", "news"), [
    ("The Tarn harbour council voted on Tuesday to shut the Lindqvist quay.", True),
    ("Police are investigating the fire at the Lindqvist quay warehouse.", True),
    ("Two dock workers have been arrested, the Tarn police said.", True),
    ("Behind the painted doors of the old warehouse, smoke still hangs in the air.", False),
    ("When Per Holm locked the warehouse on Monday, nothing seemed out of place.", False),
    ("If you have walked the Lindqvist quay at night, you know the smell of tar.", False),
    ("Firefighters battle a blaze at the Lindqvist quay in Tarn on Monday, March 4.", False),
    ("“We lost everything in one night,” said dock worker Per Holm.", False),
    ("The quay is the oldest in Tarn and the pride of its harbour.", False),
    ("The Lindqvist medal is one of the highest honours awarded to dock workers.", False),
    ("The quay is the oldest in Tarn, according to the harbour office.", True),
    # hard news told as a present passive, headline style; a description or a forecast is not
    ("A Tarn dock worker is charged with arson in the quay fire.", True),
    ("Six dock workers are feared dead in Tarn.", True),
    ("Two crew members are now accused of ignoring the storm warning.", True),
    ("The quay festival is held every summer in Tarn.", False),
    ("The quay is expected to reopen in May.", False),
])  # fmt: skip
def test_reads_as_news(text: str, news: bool) -> None:
    assert reads_as_news(text) is news


@pytest.mark.parametrize(("text", "caption"), [
    ("Firefighters battle a blaze at a warehouse in Tarn, Ore., on Tuesday, March 4, 2014.", True),
    ("Protesters march through downtown Kelby on Saturday, June 2.", True),
    ("Fire chief Ola Berg walks past a closed gate of the quay in Tarn on Monday night.", True),
    ("Per Holm stands on land owned by his family in Tarn March 4, 2014.", True),
    ("The council voted on Tuesday to shut the Lindqvist quay for a month.", False),
    ("On March 4 the company said it would rebuild the warehouse.", False),
    ("A storm hit the Tarn coast on Monday, March 3.", False),
    ("Two dock workers were arrested by police on Tuesday, March 4.", False),
    ("Firefighters battle a blaze at a warehouse in Tarn, the brigade said on Tuesday.", False),
])  # fmt: skip
def test_caption_like(text: str, caption: bool) -> None:
    assert caption_like(text) is caption


def _in_order(articles: list[Article], scores: dict[str, float]) -> list[str]:
    """The texts :func:`order` puts the sentences with these texts (and scores) in."""
    space = build_space(articles, get_embedder("hashing"))
    chosen = {i: scores[s.text] for i, s in enumerate(space.sentences) if s.text in scores}
    assert len(chosen) == len(scores)
    return [space.sentences[i].text for i in order(space, chosen)]


def _dated(published: str | None, *texts: str) -> list[Article]:
    articles = story(*texts)
    for article in articles:
        article.published = published
    return articles


VOTE = "The Tarn harbour council voted on Friday to rebuild the Lindqvist quay."
HEATER = "Fire chief Ola Berg said the blaze was started by a faulty heater."
BLAZE = "The fire destroyed the quay warehouse on Tuesday night."
PIER = "Dock workers moved to the north pier on Wednesday after the fire."
NETS = "The warehouse had stored nets and rope for forty years."


def test_dated_events_follow_the_lede_in_time_order() -> None:
    # published Friday 7 March 2025: Tuesday is the 4th, Wednesday the 5th
    articles = _dated("2025-03-07", f"Quay to be rebuilt\n{VOTE}\n{HEATER}\n{BLAZE}",
                      f"Dock workers move\n{PIER}\n{NETS}")
    texts = _in_order(articles, {VOTE: 1.2, PIER: 0.9, HEATER: 0.8, NETS: 0.7, BLAZE: 0.6})
    # the lede stays first; Tuesday and Wednesday take the places the two dated rows held,
    # in time order; the undated rows keep theirs
    assert texts == [VOTE, BLAZE, HEATER, NETS, PIER]


def test_dates_that_cannot_be_trusted_keep_source_order() -> None:
    # no publication date: "Tuesday" and "Wednesday" resolve to no day
    articles = _dated(None, f"Quay to be rebuilt\n{VOTE}\n{HEATER}\n{BLAZE}",
                      f"Dock workers move\n{PIER}\n{NETS}")
    texts = _in_order(articles, {VOTE: 1.2, PIER: 0.9, HEATER: 0.8, NETS: 0.7, BLAZE: 0.6})
    assert texts == [VOTE, PIER, HEATER, NETS, BLAZE]
    # a date weeks before the story's own days is background, not its first event
    old_fire = "An earlier fire gutted the quay's sail loft on 2 January 2025."
    articles = _dated("2025-03-07", f"Quay to be rebuilt\n{VOTE}\n{HEATER}\n{old_fire}",
                      f"Dock workers move\n{PIER}\n{NETS}")
    texts = _in_order(articles, {VOTE: 1.2, PIER: 0.9, HEATER: 0.8, NETS: 0.7, old_fire: 0.6})
    assert texts == [VOTE, PIER, HEATER, NETS, old_fire]


FIRE = "A fire tore through the Lindqvist quay warehouse in Tarn on Tuesday night."
CAUSE = ("The fire that gutted the Lindqvist quay warehouse on Tuesday night was caused by a "
         "faulty heater, fire chief Ola Berg said on Wednesday.")
REOPEN = "The Lindqvist quay reopened to shipping on Thursday, two days after the fire."


@pytest.mark.parametrize(("scores", "lede"), [
    ({CAUSE: 1.05, FIRE: 1.0, REOPEN: 1.02}, FIRE),  # about as good: the event opens
    ({CAUSE: 1.05, FIRE: 0.8, REOPEN: 1.02}, CAUSE),  # the fire far behind; Thursday is later
    ({CAUSE: 0.9, FIRE: 0.8, REOPEN: 1.2}, REOPEN),  # the best by far opens, dated or not
])  # fmt: skip
def test_summary_opens_on_the_event_not_its_aftermath(scores: dict[str, float],
                                                      lede: str) -> None:
    articles = _dated("2025-03-07", f"Quay fire\n{FIRE}\n{NETS}", f"Fire cause found\n{CAUSE}",
                      f"Quay reopens\n{REOPEN}")
    assert _in_order(articles, {**scores, NETS: 0.5})[0] == lede


def test_what_other_outlets_put_first_scores_above_what_they_mention_later() -> None:
    articles = story(
        "Dam report\n\nRain fell across the north for a week. Farmers moved their herds to "
        "higher fields. The Tarn dam burst on Monday and flooded the valley below. "
        "Engineers had inspected the spillway gates in May of last year.",
        "Flood\n\nThe Tarn dam burst on Monday, flooding the valley below it. Hundreds of "
        "homes stood in water by the evening. Roads to the north were closed. The spillway "
        "gates had been inspected by engineers in May of last year.",
    )
    space = build_space(articles, get_embedder("hashing"))
    only = Weights(support=0.0, lead=0.0, coverage=0.0, redundancy=0.0, lede_support=1.0)
    scores = score_sentences(space, only)
    row = {s.text: i for i, s in enumerate(space.sentences)}
    burst = row["The Tarn dam burst on Monday and flooded the valley below."]
    gates = row["Engineers had inspected the spillway gates in May of last year."]
    assert scores[burst] > scores[gates]
    assert scores[burst] > 0.3
    # Counted against every sentence, both are backed about as well.
    plain = score_sentences(space, Weights(support=1.0, lead=0.0, coverage=0.0,
                                           redundancy=0.0, lede_support=0.0))
    assert abs(plain[burst] - plain[gates]) < abs(scores[burst] - scores[gates])
