"""Words with offsets: the normalisation tables and the tokenizer of CONTRACT §3 (matching rules 1, 3, 4, 6).

`tokenize(text, lang)` returns the words of a message as `Token`s. Each token keeps its
offsets in the text given (so reporters can highlight), its surface form (normalised but
not case-folded, for case-sensitive terms) and its case-folded forms: one, or two for an
inclusive form (`survivant·e·s` -> `survivants`, `survivantes`). Markup tags, entities,
placeholders and URLs are never words; placeholders, URLs and sentence punctuation end a run
of words, commas, quotes, line wraps and markup tags do not (rule 3). The English possessive is
split off like French elision (`EU’s` holds `EU`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Rule 1: typographic apostrophes count as "'", non-breaking spaces as spaces, every dash
# as "-". Each maps one character to one, so offsets in the normalised text stay valid.
APOSTROPHES = "\u2019\u02bc\u2018\u02bb\u2032\uff07"
SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u200b\u3000"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
NORMALISE = str.maketrans(APOSTROPHES + SPACES + DASHES, "'" * len(APOSTROPHES) + " " * len(SPACES) + "-" * len(DASHES))
NEEDS_NORMALISING = re.compile(f"[{APOSTROPHES}{SPACES}{DASHES}]")  # a search is ~6x cheaper than translate
# Invisible characters that may sit inside a word (soft hyphen, joiners): part of the word, dropped from its forms.
JOINERS = "\u00ad\u200c\u200d\u2060"
DROP_JOINERS = str.maketrans("", "", JOINERS)
HAS_JOINER = re.compile(f"[{JOINERS}]")

# Rule 3: French elision is split off, so `d'abus` holds the word `abus`. `aujourd'hui` and
# `presqu'île` are words of their own and stay whole.
ELISION = re.compile(r"(?:l|d|qu|j|n|s|c|m|t|jusqu|lorsqu|puisqu|quoiqu)'(?=[^\W_])", re.IGNORECASE)

# Rule 3: the English possessive `'s` (`EU's`, `C3P’s`) is split off, as elision is; `survivors’`
# already ends at its last letter.
POSSESSIVE = "'s"

# Rules 3 and 7: not words. A tag is transparent (`child <b>sexual</b> abuse` is a run);
# placeholders and URLs stand for something else and end a run.
TAG = r"<!--(?:[^<]|<(?!!--))*?-->|</?(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>|&(?:[A-Za-z]+|#\d+|#[xX][0-9a-fA-F]+);"
PLACEHOLDER = (
    r"\{\{(?:[^{]|\{(?!\{))*?\}\}|\{[^{}\s]*\}"                         # {name} {0} {{ var }}
    r"|%(?:\([^()\s]+\))?[-+#0]*(?:\d+\$)?(?:\d+|\*)?(?:\.\d+)?[hlLqjzt]*[diouxXeEfFgGcrsa%@]"  # %s %(n)d %1$s
)
URL = r"(?:https?|ftp)://[^\s<>\"'«»]+|www\.[^\s<>\"'«»]+|mailto:[^\s<>\"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# Sentence punctuation ends a run; a blank line (paragraph) does too, a single line wrap does not.
STOP = r"[.!?;:\u2026\u00bf\u00a1]|\n\s*\n"
WORD = r"[^\W_](?:[^\W_]|['" + JOINERS + r"](?=[^\W_]))*"

# Rule 4, French: survivant·e·s survivant.e.s survivant(e)s survivant-e-s Survivant·es modérateur·rice·s,
# with the middle dot or any look-alike typed for it.
MIDDLE_DOTS = "·ꞏ‧•⋅∙"
FR_SUFFIX = r"trice|rice|ice|euse|ère|ere|ve|ne|le|te|fe|se|e"
FR_INCLUSIVE = (
    r"(?P<frbase>[^\W\d_]{2,})(?:"
    r"[" + MIDDLE_DOTS + r"](?P<frsuf1>" + FR_SUFFIX + r")(?:[" + MIDDLE_DOTS + r"]?(?P<frpl1>s))?"
    r"|\.(?P<frsuf2>" + FR_SUFFIX + r")(?:\.?(?P<frpl2>s))?"
    r"|\((?P<frsuf3>" + FR_SUFFIX + r")\)(?P<frpl3>s)?"
    r"|-(?P<frsuf4>e|rice|trice|euse|ne)(?:-?(?P<frpl4>s))?"
    r")(?![^\W_])"
)
# Rule 4, German: Moderator*innen Moderator:innen Moderator_innen Moderator/-innen ModeratorInnen.
DE_INCLUSIVE = (
    r"(?P<debase>[^\W\d_]{2,}?)(?:[*:_]|/-?)(?P<desuf>innen|in)(?![^\W_])"
    r"|(?P<debinnen>[^\W\d_]*[a-zäöüß])(?P<debinsuf>Innen|In)(?![^\W_])"
)


INCLUSIVE = {"fr": FR_INCLUSIVE, "de": DE_INCLUSIVE}
# Cheap one-pass hints: most messages hold no URL and no inclusive form, and a pattern without
# those alternatives scans each word once instead of three times.
URL_HINT = re.compile(r"@|://|www\.|mailto:")
# Each hint is a necessary condition of its pattern: a letter, then a separator and the first
# letter of a suffix (FR_SUFFIX starts with one of "trieèvnlfs"), or a whole hyphenated suffix, so
# that peut-être or celle-ci do not call for the slower pattern.
INCLUSIVE_HINT = {
    "fr": re.compile(r"[^\W\d_](?:[" + MIDDLE_DOTS + r".(][trieèvnlfs]|-(?:e|rice|trice|euse|ne)(?:-?s)?(?![^\W_]))"),
    "de": re.compile(r"[^\W\d_](?:[*:_/]-?[iI]n|[a-zäöüß]In)"),
}


def _pattern(lang: str | None, urls: bool, inclusive: bool) -> re.Pattern:
    parts = [f"(?P<url>{URL})"] if urls else []
    parts += [f"(?P<skip>{TAG})", f"(?P<hold>{PLACEHOLDER})"]
    if inclusive:
        parts.append(f"(?P<incl>{INCLUSIVE[lang]})")
    parts += [f"(?P<word>{WORD})", f"(?P<stop>{STOP})"]
    return re.compile("|".join(parts), re.DOTALL)


PATTERNS = {
    (lang, urls, incl): _pattern(lang, urls, incl)
    for lang in ("fr", "de", None) for urls in (False, True) for incl in ((False, True) if lang else (False,))
}


# A piece of text: a placeholder, or words joined by apostrophes (elision, possessive) or hyphens
# (rule 6 joins them). Any word the tokenizer makes lies within one piece (`%sword`: its word is
# `word`, not `sword`), and so does any chain of hyphenated words.
PIECE = f"{PLACEHOLDER}|[^\\W_]+(?:['-][^\\W_]+)*"
SCAN = re.compile(PIECE, re.DOTALL)
SPLIT = re.compile(f"({PIECE})", re.DOTALL)
# A plain text: no tag, entity, URL, joiner or inclusive form, only words, placeholders, spaces and
# punctuation. Its words are then exactly those of its pieces, and a placeholder or a sentence stop
# between two words breaks the run.
NOT_PLAIN = re.compile(f"[<&@{JOINERS}]|://|www\\.|mailto:")


def _inclusive(text: str, lang: str | None) -> bool:
    hint = INCLUSIVE_HINT.get(lang) if lang else None
    return hint is not None and hint.search(text) is not None


def scan(text: str, lang: str | None) -> list[str] | None:
    """The pieces of normalised `text` (URLs and tags only add some), or None when the text needs
    the whole tokenizer to say what its words are: a joiner inside a word, or an inclusive form
    (whose two words are not written out)."""
    if HAS_JOINER.search(text) is not None or _inclusive(text, lang):
        return None
    return SCAN.findall(text)


def split_plain(text: str, lang: str | None) -> list[str] | None:
    """A plain normalised `text` as `SPLIT.split` gives it, [separator, piece, separator, ...,
    piece, separator], or None when the text is not plain and needs `tokenize`."""
    if NOT_PLAIN.search(text) is not None or _inclusive(text, lang):
        return None
    return SPLIT.split(text)


def pattern_for(text: str, lang: str | None) -> re.Pattern:
    """The tokenizer pattern `text` needs: URL and inclusive-form alternatives only when hinted."""
    key = lang if lang in INCLUSIVE else None
    urls = URL_HINT.search(text) is not None
    inclusive = key is not None and INCLUSIVE_HINT[key].search(text) is not None
    return PATTERNS[key, urls, inclusive]


class Token(NamedTuple):
    """One word: offsets in the normalised text, its surface, its case-folded forms, and
    whether a run of words is broken just before it. (A tuple: messages make many.)"""

    start: int
    end: int
    surface: str
    forms: tuple[str, ...]
    brk: bool = False

    @property
    def folded(self) -> str:
        return self.forms[0]


def fold(word: str) -> str:
    """The case-insensitive form of a word: case-folded, joiners dropped (`Straße` -> `strasse`)."""
    return word.translate(DROP_JOINERS).casefold()


def normalise(text: str) -> tuple[str, list[int] | None]:
    """`text` NFC-normalised with rule 1's tables applied, and a map from its offsets back to
    `text`'s (None when they are the same, the usual case for NFC catalogs)."""
    if text.isascii():  # already NFC, and none of rule 1's characters
        return text, None
    origin = None
    if not unicodedata.is_normalized("NFC", text):
        nfc = unicodedata.normalize("NFC", text)
        origin = _origin_map(text, nfc)
        text = nfc
    return (text.translate(NORMALISE) if NEEDS_NORMALISING.search(text) else text), origin


def _origin_map(text: str, nfc: str) -> list[int]:
    """For each offset of `nfc`, the offset in `text` it comes from: normalising cluster by
    cluster (a base character and its combining marks) gives the correspondence."""
    origin: list[int] = []
    start = 0
    pieces = []
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            piece = unicodedata.normalize("NFC", text[start:i])
            pieces.append(piece)
            origin.extend([start] * len(piece))
            start = i
    if "".join(pieces) != nfc:
        # A composition across clusters (rare scripts): offsets are approximate, never out of range.
        return [min(i, len(text)) for i in range(len(nfc) + 1)]
    origin.append(len(text))
    return origin


def _fr_feminine(base: str, suffix: str) -> str:
    """The feminine of an inclusive French form: modérateur + rice -> modératrice."""
    low = base.casefold()
    if suffix in ("rice", "ice") and low.endswith("eur"):
        return base[:-3] + "rice"
    if suffix == "trice" and low.endswith("teur"):
        return base[:-4] + "trice"
    if suffix == "euse" and low.endswith("eur"):
        return base[:-3] + "euse"
    if suffix in ("ère", "ere") and low.endswith("er"):
        return base[:-2] + "ère"
    if suffix == "ve" and low.endswith("f"):
        return base[:-1] + "ve"
    return base + suffix


def _inclusive_forms(m: re.Match) -> tuple[str, ...]:
    """Both gendered words an inclusive form stands for, masculine first."""
    groups = m.groupdict()
    if groups.get("frbase"):
        base = groups["frbase"]
        suffix = next(groups[f"frsuf{i}"] for i in range(1, 5) if groups[f"frsuf{i}"])
        plural = any(groups[f"frpl{i}"] for i in range(1, 5))
        if suffix in ("es", "rices"):  # "Survivant·es": suffix and plural written together
            suffix, plural = suffix[:-1], True
        masc, fem = base, _fr_feminine(base, suffix.casefold())
        if plural:
            masc = masc if masc[-1:] in "sxz" else masc + "s"
            fem += "s"
        return masc, fem
    if groups.get("debase"):
        base, suffix = groups["debase"], groups["desuf"]
    else:
        base, suffix = groups["debinnen"], groups["debinsuf"].lower()
    return base, base + suffix


def tokenize(text: str, lang: str | None = None) -> list[Token]:
    """The words of normalised `text` (see `normalise`) in language `lang`, with offsets."""
    pattern = pattern_for(text, lang)
    tokens: list[Token] = []
    append, make = tokens.append, tuple.__new__  # a Token without NamedTuple's Python-level __new__
    brk = False
    joiners = HAS_JOINER.search(text) is not None  # most texts have none: no translate per word
    elision = lang == "fr" and "'" in text
    for m in pattern.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            word = m.group()
            start, end = m.span()
            if elision and "'" in word:
                # Rule 3: l'enfant -> l' + enfant; the elided article stays a word of its own.
                while (e := ELISION.match(word)) is not None:
                    append(Token(start, start + e.end(), word[: e.end()], (fold(word[: e.end()]),), brk))
                    brk = False
                    start += e.end()
                    word = word[e.end():]
            if word.endswith(POSSESSIVE) and len(word) > 2:
                word, end = word[:-2], end - 2
            if joiners:
                word = word.translate(DROP_JOINERS)
            append(make(Token, (start, end, word, (word.casefold(),), brk)))
            brk = False
        elif kind == "incl":
            forms = tuple(dict.fromkeys(fold(f) for f in _inclusive_forms(m)))
            append(Token(m.start(), m.end(), m.group().translate(DROP_JOINERS), forms, brk))
            brk = False
        elif kind == "skip":
            continue
        else:  # url, placeholder, sentence stop
            brk = True
    return tokens


def words(text: str, lang: str | None = None) -> list[Token]:
    """The tokens of a glossary term or any raw text: `normalise` then `tokenize`."""
    return tokenize(normalise(text)[0], lang)
