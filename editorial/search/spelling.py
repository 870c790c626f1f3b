"""Words as the search index sees them: folded, in American spelling, without stop words.

The same function runs on every indexed text and on every query, in Python, before either
database sees them, so "labour" finds "labor" (and the reverse) on PostgreSQL and SQLite alike:
both only ever see "labor". Folding: case, accents ("café" is "cafe"), British spelling
(an explicit list, then the -our, -ise/-isation and -yse families). A rule that also rewrites a
word that is not British ("expertise") is harmless as long as no two different words end up
the same, since text and queries go through it alike; the exceptions below avoid that.

Stop words are PostgreSQL's `english` list, dropped here so that both databases agree on
which words a query needs.
"""

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")  # letters and digits: what both databases' tokenizers keep
MAX_WORD_LENGTH = 64  # longer "words" are junk (and PostgreSQL refuses some of them)


def _words(text):
    return text.split()


# PostgreSQL's `english` stop words (tsearch_data/english.stop), all 127.
STOP_WORDS = frozenset(
    _words(
        """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what
    which who whom this that these those am is are was were be been being have has had
    having do does did doing a an the and but if or because as until while of at by for
    with about against between into through during before after above below to from up
    down in out on off over under again further then once here there when where why how
    all any both each few more most other some such no nor not only own same so than too
    very s t can will just don should now"""
    )
)

# Whole words, with their inflections written out where they differ from a simple "+s".
_EXPLICIT = {
    "practise": "practice",
    "practised": "practiced",
    "practising": "practicing",
    "programme": "program",
    "programmes": "programs",
    "cheque": "check",
    "cheques": "checks",
    "grey": "gray",
    "tyre": "tire",
    "tyres": "tires",
    "aluminium": "aluminum",
    "mould": "mold",
    "plough": "plow",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "judgement": "judgment",
    "judgements": "judgments",
    "acknowledgement": "acknowledgment",
    "ageing": "aging",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "instalment": "installment",
    "skilful": "skillful",
    "wilful": "willful",
    "jewellery": "jewelry",
    "woollen": "woolen",
    "marvellous": "marvelous",
    "focussed": "focused",
    "focussing": "focusing",
    "whilst": "while",
    "amongst": "among",
    "odour": "odor",
    "odours": "odors",
    "paediatric": "pediatric",
    "encyclopaedia": "encyclopedia",
    "anaesthetic": "anesthetic",
    "manoeuvre": "maneuver",
    "foetus": "fetus",
}
# -re / -er: centre, centres, centred, centring.
_RE_WORDS = _words("centre theatre metre litre fibre calibre sombre spectre lustre meagre sabre")
# -ogue / -og: catalogue, catalogues, catalogued, cataloguing.
_OGUE_WORDS = ["catalogue", "dialogue", "analogue"]
# -ence / -ense: licence, licences.
_ENCE_WORDS = {"licence": "license", "defence": "defense", "offence": "offense"}
# Doubled l before a suffix: travelled, travelling, traveller, counsellor.
_DOUBLE_L = _words(
    """travel cancel label model signal level fuel counsel total channel tunnel marshal dial
    duel equal jewel libel pencil rival shovel quarrel marvel panel parcel initial
    funnel"""
)
_DOUBLE_L_SUFFIXES = ("ed", "ing", "er", "ers", "or", "ors")


def _spellings():
    table = dict(_EXPLICIT)
    for word in _RE_WORDS:
        us = word[:-2] + "er"
        stem = word[:-2]
        table |= {
            word: us,
            word + "s": us + "s",
            stem + "red": us + "ed",
            stem + "ring": us + "ing",
        }
    for word in _OGUE_WORDS:
        us = word[:-2]
        table |= {
            word: us,
            word + "s": us + "s",
            word + "d": us + "ed",
            word[:-1] + "ing": us + "ing",
        }
    for word, us in _ENCE_WORDS.items():
        table |= {word: us, word + "s": us + "s"}
    for word in _DOUBLE_L:
        table |= {word + "l" + suffix: word + suffix for suffix in _DOUBLE_L_SUFFIXES}
    return table


SPELLINGS = _spellings()

_OUR = re.compile(
    r"^(\w{2,}?)our(s|ed|ing|er|ers|ite|ites|able|ably|ful|fully|al|ally|hood|hoods|less|ist|"
    r"ists|ism|y|ise|ised|ises|ising|isation|ize|ized|izes|izing|ization)?$"
)
# Words that end in "our" without being the -our/-or family.
_OUR_KEEP = frozenset(
    _words("""amour scour devour contour detour flour paramour troubadour velour""")
)

_ISE = re.compile(r"^(\w{3,}?)is(e|es|ed|ing|er|ers|ation|ations|ational|able)$")
# Words spelt -ise in American English too: left alone, so they never meet an unrelated -ize.
_ISE_KEEP = frozenset(
    _words(
        """advertise advise apprise arise chastise comprise compromise concise demise despise
    devise disguise enterprise excise exercise expertise franchise improvise incise
    merchandise noise paradise poise porpoise praise appraise precise premise promise
    raise reprise revise rise supervise surmise surprise televise tortoise treatise
    cruise bruise chemise valise anise mortise circumcise"""
    )
)
_YSE = re.compile(r"^(\w{3,}?)ys(e|es|ed|ing|er|ers)$")


def americanise(word):
    """One folded (lowercase) word in American spelling."""
    if word in SPELLINGS:
        return SPELLINGS[word]
    match = _OUR.match(word)
    if match and match[1] + "our" not in _OUR_KEEP:
        word = f"{match[1]}or{match[2] or ''}"
    match = _ISE.match(word)
    if match and match[1] + "ise" not in _ISE_KEEP and not match[1].endswith("w"):
        word = f"{match[1]}iz{match[2]}"
    match = _YSE.match(word)
    if match:
        word = f"{match[1]}yz{match[2]}"
    return word


def fold(text):
    """Lowercase, without accents or ligatures: "Café" -> "cafe", "ﬁle" -> "file"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)
def normal_forms(word):
    """The index words of one word as written (usually one; "¼" gives two; a stop word none)."""
    return tuple(
        american
        for piece in WORD.findall(fold(word))
        if len(piece) <= MAX_WORD_LENGTH
        for american in [americanise(piece)]
        if american not in STOP_WORDS
    )


def index_words(text):
    """Every index word of a text, in order."""
    return [form for word in WORD.findall(text) for form in normal_forms(word)]


def index_text(text):
    """A text as it is handed to the database: its index words, separated by spaces."""
    return " ".join(index_words(text))
