"""Word lists the rule-based extractors share.

Only generic English lives here (reporting verbs, role and agent nouns, hedges): no names
of people, outlets or places, so the rules work the same on any story.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string (easy to read and extend)."""
    return frozenset(text.split())


def alternation(items: frozenset[str]) -> str:
    """A regex alternation of plain words, longest first (so no word stops at a prefix)."""
    return "|".join(sorted(items, key=len, reverse=True))


# canonical (simple past) -> other inflections. Canonical forms are what Claim.verb holds.
_VERB_FORMS: dict[str, tuple[str, ...]] = {
    "said": ("say", "says", "saying"),
    "told": ("tell", "tells", "telling"),
    "added": ("add", "adds", "adding"),
    "noted": ("note", "notes", "noting"),
    "warned": ("warn", "warns", "warning"),
    "denied": ("deny", "denies", "denying"),
    "confirmed": ("confirm", "confirms", "confirming"),
    "claimed": ("claim", "claims", "claiming"),
    "reported": ("report", "reports", "reporting"),
    "stated": ("state", "states", "stating"),
    "announced": ("announce", "announces", "announcing"),
    "explained": ("explain", "explains", "explaining"),
    "insisted": ("insist", "insists", "insisting"),
    "argued": ("argue", "argues", "arguing"),
    "wrote": ("write", "writes", "writing", "written"),
    "acknowledged": ("acknowledge", "acknowledges", "acknowledging"),
    "admitted": ("admit", "admits", "admitting"),
    "alleged": ("allege", "alleges", "alleging"),
    "asserted": ("assert", "asserts", "asserting"),
    "blamed": ("blame", "blames", "blaming"),
    "dismissed": ("dismiss", "dismisses", "dismissing"),
    "rejected": ("reject", "rejects", "rejecting"),
    "disputed": ("dispute", "disputes", "disputing"),
    "refuted": ("refute", "refutes", "refuting"),
    "suggested": ("suggest", "suggests", "suggesting"),
    "estimated": ("estimate", "estimates", "estimating"),
    "predicted": ("predict", "predicts", "predicting"),
    "revealed": ("reveal", "reveals", "revealing"),
    "disclosed": ("disclose", "discloses", "disclosing"),
    "emphasized": ("emphasize", "emphasizes", "emphasised", "emphasises"),
    "stressed": ("stress", "stresses", "stressing"),
    "declared": ("declare", "declares", "declaring"),
    "maintained": ("maintain", "maintains", "maintaining"),
    "countered": ("counter", "counters", "countering"),
    "cautioned": ("caution", "cautions", "cautioning"),
    "responded": ("respond", "responds", "responding"),
    "replied": ("reply", "replies", "replying"),
    "tweeted": ("tweet", "tweets", "tweeting"),
    "posted": ("post", "posts"),
    "believed": ("believe", "believes"),
    "accused": ("accuse", "accuses", "accusing"),
    "criticized": ("criticize", "criticizes", "criticised", "criticises"),
    "called": ("call", "calls"),
    "described": ("describe", "describes"),
    "reaffirmed": ("reaffirm", "reaffirms", "reaffirming"),
    "testified": ("testify", "testifies"),
    "concluded": ("conclude", "concludes"),
    "found": ("finds",),
    "showed": ("show", "shows", "shown"),
    "cited": ("cite", "cites", "citing"),
    "quoted": ("quote", "quotes", "quoting"),
}

VERB_CANON: dict[str, str] = {}
for _canon, _forms in _VERB_FORMS.items():
    VERB_CANON[_canon] = _canon
    for _form in _forms:
        VERB_CANON[_form] = _canon

# Finite forms that can end a frame ("..., X said." / "..., said X.") — no gerunds/bases.
FINITE_VERBS = frozenset(
    v for v in VERB_CANON
    if not v.endswith("ing")
    and v not in {"state", "report", "claim", "note", "post", "call", "quote", "dispute",
                  "counter", "caution", "estimate", "tweet", "show", "blame", "stress",
                  "reply", "cite", "add", "written"}
)
# Verbs that only report when their subject is clearly a source (ambiguous otherwise:
# "a missile called X", "the data show").
WEAK_VERBS = frozenset({"called", "described", "found", "showed", "posted", "believed"})
# Verbs whose object is the real source: "the outlet cites two officials".
RELAY_VERBS = frozenset({"cited", "quoted"})

# What someone said, as a noun: "rejected the claims", "called the report false".
STATEMENT_NOUNS = words(
    """
    report reports claim claims allegation allegations accusation accusations rumor rumors
    rumour rumours charge charges suggestion suggestions assertion assertions statement
    statements characterization characterizations characterisation characterisations
    criticism notion idea theory theories account accounts story stories speculation
    finding findings comment comments remark remarks version
    """
)

# Papers that can state something ("the memo notes …", "the application claims …").
DOCUMENT_NOUNS = words(
    """
    memo memorandum letter application indictment petition suit warrant motion order
    ruling brief email e-mail filing complaint affidavit report statement study survey
    document transcript
    """
)
# Adjectives that call a statement untrue ("a baseless report", "the claims are false").
FALSITY_ADJECTIVES = words(
    "false untrue baseless groundless fabricated unfounded inaccurate fake incorrect misleading"
)
# What calling a statement a name denies it: "called the report a fabrication", "called it
# fake news" (said like "called the report false").
FALSEHOOD_NOUNS = words(
    """
    fabrication fabrications lie lies falsehood falsehoods hoax hoaxes fiction fantasy
    smear smears slander libel nonsense rubbish misinformation disinformation propaganda
    """
)

# Words that doubt an idea rather than assert one ("it would be pointless to …", "an
# unlikely story"): a statement built on them argues against a theory, it charges nobody.
SKEPTICAL_WORDS = words(
    """
    pointless senseless unlikely implausible doubtful impossible absurd ridiculous
    far-fetched farfetched unrealistic skeptical sceptical nonsensical
    """
)
# Indefinite pronouns as speakers ("Others said …", "Some say …") name no party.
INDEFINITE_SPEAKERS = words(
    """
    others other some many most few several all both one another someone somebody anyone
    anybody everyone everybody
    """
)

DENY_VERBS = frozenset({"denied", "rejected", "dismissed", "disputed", "refuted"})
CONFIRM_VERBS = frozenset({"confirmed", "acknowledged", "admitted"})
# "insisted all hit their targets" is a denial of a reported claim.
COUNTER_VERBS = frozenset({"insisted", "maintained", "countered", "reaffirmed", "responded"})

# Lower-case nouns that can head a speaker phrase ("the ministry said", "officials said").
AGENT_NOUNS = words(
    """
    city county town district school article affidavit detectives deputies
    official officials spokesman spokeswoman spokesperson spokesmen spokespeople
    representative representatives lawyer lawyers attorney attorneys prosecutor
    prosecutors judge court military army navy police sources source witness witnesses
    resident residents analyst analysts expert experts researcher researchers scientist
    scientists author authors doctor doctors officer officers investigator investigators
    authorities diplomat diplomats leader leaders president minister secretary director
    chief head ceo chairman chairwoman staff council committee commission board office
    administration campaign team coach family relatives relative friend friends neighbor
    neighbors neighbour neighbours parents mother father wife husband son daughter
    brother sister member members lawmakers lawmaker senator senators governor mayor
    aide aides adviser advisers advisor advisors statement report reports study survey
    poll document documents filing complaint lawsuit outlet network newspaper paper
    agency broadcaster station channel magazine website media daily organization
    organisation union party workers employees students teachers activists observers
    sheriff sheriffs examiner marshal commissioner superintendent inspector ambassador
    captain lieutenant sergeant
    monitor monitors group groups university hospital airline company firm companies
    maker manufacturer carrier retailer bank regulator regulators watchdog embassy
    ministry department government state spokesmen agencies services service commander
    commanders general generals insiders people person man woman he she they we i it who
    critics supporters opponents officials' insider professor editor editors reporter
    reporters correspondent journalists journalist observers participants organizers
    organisers owner owners operator operators manager managers employee employer
    counsel defense defence prosecution plaintiffs plaintiff defendant defendants victim
    victims survivor survivors passenger passengers pilot pilots fans users intelligence
    assets forces troops authority authorities utility operator firefighters rescuers
    engineers coroner spokesperson prosecutors unit bureau institute master
    forecaster forecasters meteorologist meteorologists economist economists
    strategist strategists pollster pollsters
    """
)

MEDIA_NOUNS = words(
    """
    news newspaper paper agency broadcaster network television tv radio station channel
    magazine daily weekly website outlet outlets media press wire tabloid journal times
    post herald tribune gazette mail chronicle telegraph
    """
)
OFFICIALS_NOUNS = words(
    """
    officials official sources source diplomats authorities investigators police
    insiders analysts experts witnesses residents activists observers intelligence
    assets
    """
)
ORG_NOUNS = words(
    """
    ministry department government army military navy agency company firm council
    committee commission board office administration court union party university
    hospital bank embassy organization organisation group regulator watchdog police
    forces command
    """
)
# Role words: the part of a speaker phrase before a name ("Defense Minister Jane Doe").
ROLE_WORDS = words(
    """
    president minister secretary spokesman spokeswoman spokesperson director chief head
    general colonel major captain lieutenant commander admiral sergeant senator governor
    mayor chairman chairwoman chair ceo founder professor dr doctor judge prosecutor
    attorney lawyer ambassador envoy official leader deputy vice prime king queen prince
    sheikh pope bishop rep representative congressman congresswoman coach manager editor
    analyst researcher economist author officer detective inspector superintendent
    forecaster meteorologist strategist pollster master
    sheriff spokesperson sen gov gen lt col sgt capt prof supt det insp cmdr adm
    """
)
# Who hands down verdicts: a court's ruling settles a dispute, it is no party's denial.
# ("justice" alone is left out: the Justice Department is a party.)
COURT_NOUNS = words(
    """
    court courts judge judges jury juries juror jurors tribunal tribunals magistrate
    magistrates justices
    """
)
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# "The outlet cites ...": a media reference that needs the previous sentence.
MEDIA_ANAPHORS = words(
    """
    outlet agency newspaper paper network broadcaster channel station magazine website
    daily publication
    """
)

# "may" and "suspected" hedge only in some uses (see claims.extract._hedged): "arrested on
# May 3" and "the suspected gunman was arrested" state facts.
HEDGE_WORDS = words(
    """
    reportedly allegedly apparently possibly probably purportedly supposedly might
    could unconfirmed unverified likely unclear
    """
)
HEDGE_PHRASES = (
    "not clear", "isn't clear", "is unclear", "not known", "not yet known", "appears to",
    "appeared to", "seems to", "seemed to", "believed to", "thought to",
    "it is possible", "would probably",
)
NEGATIONS = frozenset(
    {"not", "n't", "no", "never", "neither", "nor", "none", "nothing", "nobody", "cannot"}
)

# Words that cannot appear inside a speaker phrase: verbs, subordinators, clause words.
NOT_IN_SPEAKER = words(
    """
    is are was were be been being am do does did has have had will would shall should
    can could may might must that which when where while if because although though
    since as than then there this these those it's its what why how whether amid comes
    came come goes went go get got make made means meant seems seemed appears appeared
    not no never also so such into onto upon after before during until unless about says
    said told nobody everyone everybody someone somebody anyone anybody nothing
    everything something none
    """
)
# Leading words of a sentence that start an adverbial, not the subject.
ADVERBIAL_STARTS = words(
    """
    on in at during after before earlier later meanwhile however but and also last this
    late early yesterday today tonight separately speaking still instead moreover
    further furthermore additionally then now since when while as though although
    overall nonetheless nevertheless meantime asked following despite unlike amid
    like upon within outside inside across near nearby back along beyond behind beside
    through throughout among between toward towards from elsewhere here there
    """
)
# Adverbs allowed between a speaker and the verb, removed from the speaker ("X also said").
SPEAKER_TRAILING_ADVERBS = words(
    """
    also later earlier previously reportedly allegedly apparently further then now once
    again already has have had would will separately repeatedly publicly privately
    initially first recently last week yesterday today has have had
    """
)
# Plural nouns that count people: "nine activists" are among the "people" a sentence counts,
# so a count of people can never be smaller (see report.conflicts).
PEOPLE_NOUNS = words(
    """
    activists protesters protestors demonstrators students children kids adults teenagers
    men women boys girls migrants refugees passengers workers employees soldiers troops
    civilians tourists residents fans hikers climbers miners inmates prisoners detainees
    suspects victims patients officers firefighters journalists reporters pilots sailors
    fishermen villagers pilgrims worshippers shoppers spectators guests visitors voters
    farmers teachers nurses doctors staff crew members survivors hostages
    """
)
# Nouns that count people of any kind: the wider count the nouns above are part of.
ANY_PEOPLE = words("people persons individuals")
# Singular nouns that stand for one person whose age a story gives: "the boy, 3,".
AGE_NOUNS = words(
    """
    boy girl man woman child baby toddler infant son daughter teen teenager youth mother
    father brother sister wife husband grandmother grandfather grandson granddaughter
    nephew niece
    """
)
# Of those, the nouns that name a child: "a 2-year-old toddler" may be "the ranger's son, 3".
CHILD_NOUNS = words("boy girl child baby toddler infant son daughter kid")
