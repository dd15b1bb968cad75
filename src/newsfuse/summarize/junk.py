"""Recognise documents that are not news text (archive notices, error pages, player chrome).

A cluster scraped from the web often holds such a page in place of an article; summarising
it would put "JavaScript is disabled" into a news summary. A document is junk when most of
its sentences are web boilerplate, or when it is tiny and shares nothing with the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsfuse.clean import headline_only
from newsfuse.models import Article

# Vocabulary of web/page chrome, not of any story: browsers, archives, players, errors.
# Shared by the page-level check (_BOILERPLATE) and the sentence-level one (_FURNITURE).
_CHROME = (
    r"javascript|your browser|page (?:you requested )?(?:was )?not found|wayback machine|"
    r"internet archive|crawl data|web crawl|transcript could not be loaded|"
    r"please try again later|enable (?:js|scripts)|click here to go|archived? (?:the )?pages|"
    r"crawls? of supported"
)
_BOILERPLATE = re.compile(
    _CHROME + r"|cookies?\b|\b404\b|video (?:is )?(?:not )?available|\bsign in\b|"
    r"\blog in to\b|subscribe to (?:read|continue)|access denied",
    re.IGNORECASE,
)

# Page furniture that sits inside otherwise good articles: player and gallery chrome, social
# embed notices, newsletter boxes, photo credits and captions, "|"-joined link headlines.
# One such sentence does not make a page junk, but it must never reach a summary. The
# page-level extras are left out: news prose also uses them ("a tough cookie", "404 to 0").
_FURNITURE = re.compile(
    r"\bskip ad\b|\bautoplay\b|\bfull screen\b|\bview (?:photos|images|gallery)\b|"
    r"\bbuy photo\b|\bgetty images\b|\baudio element\b|\bunsubscribe\b|"
    r"breaking news (?:emails|alerts)|\byour email address\b|"
    r"(?:view all|sign up for|subscribe to)\b.{0,40}\bnewsletters?\b|"
    r"\bas an interest to stay up to date\b|^the (?:author|writer) is an?\b|"
    r"\btweet with a location\b|\blocation (?:information|history)\b|alexa internet|"
    r"\bin this (?:file )?(?:photo|image|picture)\b|\||" + _CHROME + "|" + "|".join([
        # an embedded post: "… — Jane Roe (@janeroe) May 4, 2017", its links and its label
        r"\(@\w+\)\s+(?:on\s+)?[a-z]{3,9}\.?\s+\d{1,2},\s+\d{4}", r"\bpic\.twitter\.com/",
        r"https?://\S", r"\bbit\.ly/", r"\ba post shared by\b",
        # the page's own notices: when it was posted or changed, where else it ran
        r"^\W*(?:posted|updated|update|published|last\s+modified)\b(?:\s+(?:on|at))?\s*:?\s*"
        r"(?:[a-z]+day,?\s+)?(?:[a-z]{3,9}\.?\s+\d|\d)",
        r"\b(?:posted|updated):\s*(?:[a-z]+day,?\s+)?[a-z]{3,9}\.?\s+\d",
        r"\b(?:this|the) (?:article|story|post) (?:was|has been) (?:amended|updated|corrected)\b",
        r"^\W*editors?['’]?s?\s+note\b", r"\ba version of this (?:article|story) appeared\b",
        # a broadcast's credit line or player: "Jane Roe reports for Channel 4 News at 5."
        r"\breports? (?:for|during|on) (?:the )?[\w ]{0,30}\bnews\b",
        r"^watch (?:the|our|this) (?:report|video|interview)\b", r"\bmore news videos\b",
        # calls to action: "Anyone with information is asked to call … (800) 555-0100"
        r"\b(?:call|dial|dialing|text)\b[^.]{0,60}\(?\d{3}\)?[ .-]\d{3}-?[\dA-Z]{4}\b",
        r"\bfollow (?:\w+ ){1,4}on (?:facebook|twitter|instagram)\b",
        r"\b(?:buy|get) (?:the|our) digital edition\b",
        # newsletter boxes and sign-up forms: "Get The Herald In Your Inbox!"
        r"\bin your inbox\b", r"\bsign up\b[^.]{0,60}\b(?:e-?mails?|alerts|updates)\b",
        r"\bthank you for subscribing\b", r"\byou are now subscribed\b",
        r"\bby (?:clicking|signing up)\b",
        r"\bnot a robot\b", r"^\W*advertisement\b", r"^\W*read more\W*$",
        # links to other pages: "Related: …", "[Related: …]", "Click here to watch video."
        r"^\W*related\s*:", r"\bclick here\b",
        r"^\W*download (?:the|our)\b[^.]{0,60}\b(?:podcast|app|brochure)\b",
        # a player's or gallery's labels: "Caption A look at …", "toggle caption", "Photo: …"
        r"^\W*(?:toggle )?caption\b", r"^\W*(?:photo|image|credit)s?\s*:",
        # a caption pointing at its picture: "This undated photo shows …", "Police
        # released this still image of …"
        r"(?:^\W*|\breleased )(?:this|these) (?:\w+ ){0,2}(?:photos?|images?|pictures?|stills?)\b",
        r"^\W*(?:map|graphic|chart)s? (?:shows?|locates?)\b",
        r"^\W*(?:associated press|ap photo|reuters|afp|getty images)\s+(?:an?|the)\s",
        # links: "Read the latest news about the protest here.", "The list can be read here"
        r"^\W*(?:read|see|watch|click|find|get)\b[^.]{0,80}\bhere\W*$",
        r"\bcan be (?:read|seen|found|watched|viewed|heard) here\b",
        r"\b(?:news|stories|headlines)\b[^.]{0,40}\bdelivered (?:to|every|each|daily|weekday)",
        r"\((?:read|see|watch|listen to) (?:it|them|more|the \w+) here\)",
        # a credit line: "Jane Roe has the story (@janeroe).", "Adapted from The Book …"
        r"\(@\w+\)\W*$", r"^\W*(?:adapted|excerpted) from\b",
    ]),
    re.IGNORECASE,
)

MIN_WORDS = 40
CHROME_SHARE = 2 / 3


@dataclass(frozen=True)
class Dropped:
    """A document left out of the summary, and why (shown to users)."""

    source: str
    reason: str


def junk_reason(article: Article) -> str | None:
    """Why ``article`` is not summarisable news text, or None when it is."""
    sentences = article.sentences
    if not sentences:
        return "no sentences after cleaning"
    boiler = sum(1 for s in sentences if _BOILERPLATE.search(s.text))
    # Furniture is looser (one link or credit line can sit in a real article), so a page
    # must be mostly furniture, and long enough to tell: Twitter's "add location
    # information" notice is 2 lines of 3, while a headline marked "UPDATE 2-" is news.
    chrome = sum(1 for s in sentences if furniture(s.text) or _BOILERPLATE.search(s.text))
    mostly_chrome = len(sentences) >= 3 and chrome / len(sentences) >= CHROME_SHARE
    if boiler / len(sentences) >= 0.5 or mostly_chrome:
        return "web page chrome (archive notice, error page or player text), not an article"
    if len(article.text.split()) < 8 and not headline_only(article):
        return "too short to be an article"  # a headline feed's item is its headline
    return None


@lru_cache(maxsize=1 << 16)  # the summary, the report and its timeline ask per sentence
def furniture(text: str) -> bool:
    """Is this sentence page furniture (see ``_FURNITURE``) rather than news text?"""
    return bool(_FURNITURE.search(text))


def short(article: Article) -> bool:
    """Short documents are dropped only when nothing else in the cluster supports them."""
    return len(article.text.split()) < MIN_WORDS
