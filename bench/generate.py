"""Writes the bench's data: real catalogs scaled to 10k-1M messages per language, and glossaries.

Catalogs: bench/data/catalogs/<size>/{fr,de}.po, from every French and German catalog in
../shared/realdata (Django and Sphinx, 1,562 messages each). Copy 0 is the real entries as they are;
copy k > 0 prefixes msgid, msgid_plural and every non-empty msgstr with the same made-up word
("qxb", "qxc"...), so every message is distinct (no cache or memo can hit across copies) while its
placeholders, markup, punctuation and untranslated/fuzzy state stay those of the real entry.
msgctxt names the source catalog, which keeps entries unique within a copy as msgfmt requires.

Glossaries (CONTRACT §3), two shapes, n = 100, 1,000, 10,000, 100,000 concepts, each a prefix of the
next, both starting with do-not-translate product names seen in the catalogs:
- bench/data/glossary/<n>.yaml ("dictionary"): concepts aligned from the catalogs' short messages (en
  msgid -> fr/de msgstr, most frequent first: they hit), then real dictionary words
  (/usr/share/dict: wamerican, wfrench, wngerman), one stem per concept, none occurring in the
  catalogs, with admitted and forbidden terms on some; two-word terms once the single words run out.
- bench/data/glossary/aligned-<n>.yaml ("aligned"): the catalogs' own wording aligned word by word
  (an English word or phrase of the msgids -> the French and German word or phrase that goes with
  it in the translations, kept when most translations hold it: so translations mostly comply, as
  with a real glossary, and the rest are findings), most frequent first; then two- and three-word
  terms of real words whose first word is one of the catalogs' common words (many terms share a
  first word, which occurs, while the term does not).
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator

import polib
import Stemmer
import yaml

from common import CATALOGS, CONCEPTS, ROOT, SHAPES, SIZES, glossary_path, realdata

LANGS = ("fr", "de")
HEADERS = {  # one header per generated catalog; French as Django declares it (2 forms)
    "fr": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
}
MARK = "\x01"  # stands for the copy's prefix in an entry rendered once
WORD_LISTS = {"en": "/usr/share/dict/american-english", "fr": "/usr/share/dict/french", "de": "/usr/share/dict/ngerman"}
WORD_SHAPES = {"en": r"[a-z]{4,}", "fr": r"[a-zàâäçéèêëîïôöùûüÿœæ]{4,}", "de": r"[A-Za-zäöüßÄÖÜ]{4,}"}
STEMMERS = {"en": "english", "fr": "french", "de": "german"}
PRODUCTS = ("Django", "Sphinx", "Python", "HTML", "LaTeX", "JavaScript", "PDF", "CSS", "JSON", "Unicode", "Texinfo", "reStructuredText")
STOPWORDS = {"and", "or", "no", "yes", "all", "one", "two", "none", "now", "may", "the", "not", "any", "other", "some"}


def real_entries(lang: str) -> list[tuple[str, polib.POEntry]]:
    """Every active, non-header entry of the real catalogs of `lang`, with the name of its catalog."""
    found = []
    folder = realdata()
    for path in sorted(folder.rglob(f"{lang}/LC_MESSAGES/*.po")):
        name = "/".join(path.relative_to(folder).parts[1:-3]) or path.stem  # django/contrib/admin, sphinx
        found.extend((name, e) for e in polib.pofile(str(path)) if e.msgid and not e.obsolete)
    if not found:
        sys.exit(f"generate: no {lang} catalog under {folder}")
    return found


def copy_prefix(copy: int) -> str:
    """"" for copy 0, then "qxb ", "qxc "...: a letters-only made-up word, neutral to every check."""
    if copy == 0:
        return ""
    letters = ""
    while copy:
        copy, digit = divmod(copy, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
    return f"qx{letters} "


def template(name: str, entry: polib.POEntry) -> str:
    """The entry as PO text, with MARK where each copy puts its prefix."""
    mark = lambda text: MARK + text if text else text
    forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
    if len(forms) > 2:  # Django's French 3-form entries under nplurals=2: keep singular and general plural
        forms = [forms[0], forms[-1]]
    copy = polib.POEntry(
        msgctxt=f"{name}|{entry.msgctxt}" if entry.msgctxt else name,
        msgid=mark(entry.msgid),
        msgid_plural=mark(entry.msgid_plural),
        msgstr="" if entry.msgid_plural else mark(entry.msgstr),
        msgstr_plural={i: mark(f) for i, f in enumerate(forms)},
        flags=list(entry.flags), tcomment=entry.tcomment, comment=entry.comment,
        occurrences=entry.occurrences,
    )
    return copy.__unicode__() + "\n"


def write_catalog(path: Path, lang: str, messages: int, pool: list[tuple[str, polib.POEntry]]) -> None:
    """`messages` entries cycling through `pool`, each copy prefixed with its own word."""
    templates = [template(name, e) for name, e in pool]
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        'msgid ""\nmsgstr ""\n'
        '"Project-Id-Version: i18n-check bench\\n"\n'
        f'"Language: {lang}\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        f'"Plural-Forms: {HEADERS[lang]}\\n"\n\n'
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(header)
        written = 0
        for copy in range(messages // len(templates) + 1):
            prefix = copy_prefix(copy)
            chunk = templates[: messages - written]
            out.write("".join(t.replace(MARK, prefix) for t in chunk))
            written += len(chunk)
            if written == messages:
                break


def check_with_msgfmt(path: Path) -> None:
    done = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"generate: msgfmt rejects {path}:\n{done.stderr[:2000]}")


# --- glossaries -----------------------------------------------------------------------------


def catalog_stems(lang: str, texts: list[str]) -> set[str]:
    stem = Stemmer.Stemmer(STEMMERS[lang]).stemWord
    return {stem(w.lower()) for text in texts for w in re.findall(r"\w+", text)}


def dictionary_words(lang: str, exclude: set[str], rng: random.Random) -> list[str]:
    """Real words of `lang`, one per stem, none whose stem occurs in the catalogs, shuffled."""
    path = Path(WORD_LISTS[lang])
    if not path.is_file():
        sys.exit(f"generate: {path} is missing; run bench/setup.sh (apt-get install wamerican wfrench wngerman)")
    stem = Stemmer.Stemmer(STEMMERS[lang]).stemWord
    by_stem: dict[str, str] = {}
    shape = re.compile(WORD_SHAPES[lang])
    for word in path.read_text(encoding="utf-8").split():
        if shape.fullmatch(word):
            key = stem(word.lower())
            if key not in exclude:
                by_stem.setdefault(key, word)  # alphabetical order: the base form usually comes first
    words = sorted(by_stem.values())
    rng.shuffle(words)
    return words


def term_supply(words: list[str]):
    """Single words first, then two-word terms (as "personne survivante") once they run out."""
    yield from words
    for i in range(0, len(words) - 1, 2):
        for j in range(1, len(words) // 2):
            yield f"{words[i]} {words[(i + 2 * j + 1) % len(words)]}"


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "term"


def aligned_concepts(pools: dict[str, list[tuple[str, polib.POEntry]]]) -> list[dict]:
    """Concepts from the catalogs' short messages: en msgid -> its fr and de msgstr, most frequent first."""
    en_stem = Stemmer.Stemmer("english").stemWord
    sources = " ".join(e.msgid for _, e in pools["fr"]).lower()
    shape = re.compile(r"[A-Za-z][A-Za-z -]*[A-Za-z]")
    by_stem: dict[str, tuple[int, str, str, str]] = {}
    for (_, fr), (_, de) in zip(pools["fr"], pools["de"]):
        term = fr.msgid
        if fr.msgid_plural or not fr.msgstr or not shape.fullmatch(term) or len(term.split()) > 3:
            continue
        if term.lower() in STOPWORDS or len(term) < 4:
            continue
        key = " ".join(en_stem(w) for w in term.lower().split())
        hits = len(re.findall(rf"\b{re.escape(term.lower())}\b", sources))
        if key not in by_stem or hits > by_stem[key][0]:
            by_stem[key] = (hits, term, fr.msgstr, de.msgstr)
    concepts = []
    for hits, term, fr_term, de_term in sorted(by_stem.values(), key=lambda v: (-v[0], v[1])):
        concept = {"id": f"{slug(term)}-{len(concepts)}", "en": [term], "fr": {"preferred": [fr_term]}}
        if de_term and de_term.strip("-"):
            concept["de"] = {"preferred": [de_term]}
        concepts.append(concept)
    return concepts


# --- the aligned shape: the catalogs' own wording, word by word ----------------------------------

# Function words never begin or end an aligned term (they may sit inside one: "mot de passe").
FUNCTION_WORDS = {
    "en": set("a an the of to in on for and or is are be by with as at from this that these those it its not no you your "
              "we our can may will has have had was were if then than which what when where who how all any each other some "
              "into out up do does did there their they them one".split()),
    "fr": set("le la les un une des de du d l à au aux et ou en dans pour par sur avec est sont être été pas ne n que qu "
              "qui ce cet cette ces son sa ses vos votre nous vous il elle ils elles on se s y a été".split()),
    "de": set("der die das den dem des ein eine einen einem einer eines und oder in im an am auf für mit von vom zu zum "
              "zur ist sind wird werden nicht kein keine sie es er wir ihr ihre sein seine bei aus als wie wenn dass "
              "diese dieser dieses kann".split()),
}
NOT_WORDS = re.compile(r"%\([^)]*\)[-+ #0-9.]*[a-zA-Z]|%[-+ #0-9.]*[a-zA-Z%]|\{[^{}]*\}|<[^<>]*>|&\w+;|\w+://\S+")
ALIGN_WORD = re.compile(r"[^\W\d_]+")
JOINS = re.compile(r" |['\u2019-]")  # what may stand between the words of a phrase
ALIGN_MIN_ENTRIES = 3   # an English word or phrase in fewer msgids is too rare to align
ALIGN_MIN_SHARE = 0.4   # the translation's term is in at least this share of its translated entries
ALIGN_MIN_DICE = 0.5    # and mostly in those (Dice coefficient over entries)


def phrases(text: str, lang: str, longest: int = 3) -> dict[str, str]:
    """The words and phrases of up to `longest` words of `text` that may be terms (placeholders, markup
    and URLs left out; no function word first or last), case-folded -> as written."""
    plain = NOT_WORDS.sub(lambda m: " " * len(m.group()), text)
    words = [(m.group().lower(), m.start(), m.end()) for m in ALIGN_WORD.finditer(plain)]
    stop = FUNCTION_WORDS[lang]
    found: dict[str, str] = {}
    for n in range(1, longest + 1):
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            first, last = run[0][0], run[-1][0]
            if first in stop or last in stop or len(first) < 3 or len(last) < 3:
                continue
            if any(JOINS.fullmatch(plain[a[2]:b[1]]) is None for a, b in zip(run, run[1:])):
                continue  # a placeholder, markup or punctuation between two words: not a phrase
            found.setdefault(" ".join(w for w, _, _ in run), text[run[0][1]:run[-1][2]])
    return found


def aligned_wording(pools: dict[str, list[tuple[str, polib.POEntry]]]) -> list[dict]:
    """Concepts aligned from the catalogs' wording, most frequent first: each English word or phrase
    that at least ALIGN_MIN_ENTRIES msgids hold, with, per language, the word or phrase of their
    translations that best goes with it (Dice coefficient over entries; the longest of equals: "mot
    de passe", not "passe"), kept when it is in at least ALIGN_MIN_SHARE of those translations. One
    concept per English stem sequence (file / files: the more frequent)."""
    en_stem = Stemmer.Stemmer("english").stemWord
    messages: dict[tuple, dict[str, str]] = defaultdict(dict)  # (catalog, msgctxt, msgid) -> en and translations
    for lang in LANGS:
        for name, e in pools[lang]:
            text = e.msgstr if not e.msgid_plural else e.msgstr_plural.get(0, "")
            key = (name, e.msgctxt, e.msgid)
            messages[key]["en"] = e.msgid
            if text and "fuzzy" not in e.flags:
                messages[key][lang] = text
    holders: dict[str, dict[str, set[int]]] = {lang: defaultdict(set) for lang in ("en", *LANGS)}
    written: dict[str, dict[str, Counter]] = {lang: defaultdict(Counter) for lang in ("en", *LANGS)}
    held: dict[str, dict[int, list[str]]] = {lang: {} for lang in LANGS}  # entry -> the phrases of its translation
    for number, texts in enumerate(messages.values()):
        for lang, text in texts.items():
            found = phrases(text, lang)
            if lang != "en":
                held[lang][number] = list(found)
            for folded, surface in found.items():
                holders[lang][folded].add(number)
                written[lang][folded][surface] += 1
    best_of_stem: dict[str, tuple[int, str, dict[str, str]]] = {}
    for phrase, where in holders["en"].items():
        if len(where) < ALIGN_MIN_ENTRIES or phrase in STOPWORDS:
            continue
        targets = {}
        for lang in LANGS:
            mine = [number for number in where if number in held[lang]]
            if len(mine) < ALIGN_MIN_ENTRIES:
                continue
            together = Counter(folded for number in mine for folded in held[lang][number])
            scored = []
            for folded, shared in together.items():
                if shared < ALIGN_MIN_ENTRIES or shared < ALIGN_MIN_SHARE * len(mine):
                    continue
                others = sum(1 for number in holders[lang][folded] if number in held[lang])
                dice = 2 * shared / (len(mine) + others)
                if dice >= ALIGN_MIN_DICE:
                    scored.append((round(dice, 2), len(folded.split()), folded))
            if scored:
                folded = max(scored)[2]
                targets[lang] = written[lang][folded].most_common(1)[0][0]
        if "fr" not in targets:
            continue
        stems = " ".join(en_stem(w) for w in phrase.split())
        if stems not in best_of_stem or len(where) > best_of_stem[stems][0]:
            best_of_stem[stems] = (len(where), written["en"][phrase].most_common(1)[0][0], targets)
    concepts = []
    for hits, term, targets in sorted(best_of_stem.values(), key=lambda v: (-v[0], v[1].lower())):
        concept = {"id": f"{slug(term)}-{len(concepts)}", "en": [term]}
        concept.update({lang: {"preferred": [text]} for lang, text in targets.items()})
        concepts.append(concept)
    return concepts


def common_words(texts: list[str], lang: str, count: int) -> list[str]:
    """The `count` most frequent words of `texts` that may begin a term, as most often written."""
    seen: Counter = Counter()
    written: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for word in ALIGN_WORD.findall(NOT_WORDS.sub(" ", text)):
            if len(word) >= 4 and word.lower() not in FUNCTION_WORDS[lang]:
                seen[word.lower()] += 1
                written[word.lower()][word] += 1
    return [written[w].most_common(1)[0][0] for w, _ in seen.most_common(count)]


def shared_first_words(pools, supply: dict[str, Iterator[str]], total: int, start: int, rng: random.Random) -> list[dict]:
    """`total` concepts of two- and three-word terms whose first word is one of the 50 commonest
    words of the catalogs in that language and whose other words are dictionary words that do not
    occur there: each common word begins hundreds of terms, none of which occurs."""
    texts = {"en": [e.msgid for _, e in pools["fr"]],
             **{lang: [e.msgstr for _, e in pools[lang] if e.msgstr] for lang in LANGS}}
    heads = {lang: common_words(texts[lang], lang, 50) for lang in ("en", *LANGS)}
    concepts = []
    for n in range(start, start + total):
        term = lambda lang: " ".join([rng.choice(heads[lang]), next(supply[lang]), *([next(supply[lang])] if n % 4 == 0 else [])])
        en = term("en")
        concept: dict = {"id": f"{slug(en)}-{n}", "en": [en]}
        for lang in LANGS:
            terms = {"preferred": [term(lang)]}
            if n % 5 == 0:
                terms["admitted"] = [term(lang)]
            if n % 10 == 0:
                terms["forbidden"] = [term(lang)]
            concept[lang] = terms
        concepts.append(concept)
    return concepts


def product_concepts(pools) -> list[dict]:
    """Do-not-translate names that the catalogs' sources mention."""
    sources = " ".join(e.msgid for _, e in pools["fr"])
    return [
        {"id": slug(name), "en": [name], "dnt": True, "note": f"{name} is a name: kept verbatim."}
        for name in PRODUCTS if re.search(rf"\b{re.escape(name)}\b", sources)
    ]


def glossary_concepts(pools, total: int, shape: str = "dictionary", seed: int = 7) -> list[dict]:
    """`total` concepts of `shape` (see the module's docstring): product names, catalog terms, then
    made-up terms of real words."""
    aligned = aligned_concepts(pools) if shape == "dictionary" else aligned_wording(pools)
    concepts = (product_concepts(pools) + aligned)[:total]
    rng = random.Random(seed)
    texts = {
        "en": [e.msgid for _, e in pools["fr"]] + [e.msgid_plural for _, e in pools["fr"] if e.msgid_plural],
        **{lang: [s for _, e in pools[lang] for s in (e.msgstr, *e.msgstr_plural.values()) if s] for lang in LANGS},
    }
    words = {lang: dictionary_words(lang, catalog_stems(lang, texts[lang]), rng) for lang in ("en", *LANGS)}
    n = len(concepts)
    if shape == "aligned":
        supply = {lang: itertools.cycle(found) for lang, found in words.items()}
        return concepts + shared_first_words(pools, supply, total - n, n, rng)
    supply = {lang: term_supply(found) for lang, found in words.items()}
    while len(concepts) < total:
        en = next(supply["en"])
        concept: dict = {"id": f"{slug(en)}-{n}"}
        if n % 50 == 0:
            concept["note"] = f"Use the preferred terms for \"{en}\"."
        concept["en"] = [{"term": en, "exact": True}] if n % 100 == 0 else [en]
        for lang in LANGS:
            terms = {"preferred": [next(supply[lang])]}
            if n % 5 == 0:
                terms["admitted"] = [next(supply[lang])]
            if n % 10 == 0:
                terms["forbidden"] = [next(supply[lang])]
            concept[lang] = terms
        concepts.append(concept)
        n += 1
    return concepts


def write_glossary(path: Path, concepts: list[dict]) -> None:
    document = {"version": 1, "source": "en", "languages": list(LANGS), "concepts": concepts}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        yaml.dump(document, out, Dumper=dumper, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,500k,1m", help=f"catalog sizes per language, of {', '.join(SIZES)} (default: all)")
    parser.add_argument("--concepts", default=",".join(map(str, CONCEPTS)), help="glossary sizes (default: %(default)s)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="glossary shapes (default: %(default)s)")
    parser.add_argument("--no-msgfmt", action="store_true", help="skip checking each catalog with msgfmt --check-format")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}; known: {', '.join(SIZES)}")

    pools = {lang: real_entries(lang) for lang in LANGS}
    for size in sizes:
        for lang in LANGS:
            start = time.perf_counter()
            path = CATALOGS / size / f"{lang}.po"
            write_catalog(path, lang, SIZES[size], pools[lang])
            if not args.no_msgfmt:
                check_with_msgfmt(path)
            mb = path.stat().st_size / 1e6
            print(f"{path.relative_to(ROOT)}: {SIZES[size]:,} messages, {mb:.0f} MB, {time.perf_counter() - start:.1f} s")

    wanted = sorted(int(c) for c in args.concepts.split(",") if c.strip())
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    for shape in shapes if wanted else ():
        start = time.perf_counter()
        concepts = glossary_concepts(pools, wanted[-1], shape)
        for count in wanted:
            path = glossary_path(count, shape)
            write_glossary(path, concepts[:count])
            print(f"{path.relative_to(ROOT)}: {count:,} concepts, {path.stat().st_size / 1e6:.1f} MB")
        print(f"{shape} glossaries: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
