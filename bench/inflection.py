"""Prints how well each way of matching inflected forms tells one word's forms from different words (rule 2).

CONTRACT §3 rule 2: source terms and the terms that satisfy a concept match the inflected forms of
their own words only. Candidates: Snowball (PyStemmer), simplemma's dictionary lemmas, Savoy's
minimal and light stemmers (as Lucene implements them), hunspell (spylls, Debian's dictionaries),
the inflection keys of i18n_check.glossary.inflect, and combinations. Two words are judged "the same
word" when they share a key. Figures: precision and recall on

- own: bench/inflection/own.tsv, pairs written by hand: the contract's examples and false friends;
- real: bench/inflection/real.tsv, word pairs drawn at random from the real Django and Sphinx catalogs
  (tests/realdata: msgids for en, msgstrs for fr and de) among the pairs that at least one candidate
  joins, each labelled by hand (1: forms of one word, 0: different words); `--draw N` prints a new
  draw to label (seeded);

and speed: distinct words of the real catalogs keyed per second, no cache.

    bench/.venv/bin/python bench/inflection.py      # bench/setup.sh installs simplemma, spylls and
                                                    # the hunspell dictionaries (Debian)
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import time
from pathlib import Path

import Stemmer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from i18n_check.catalog import load_catalog  # noqa: E402
from i18n_check.glossary import inflect  # noqa: E402

LANGS = ("en", "fr", "de")
SNOWBALL = {"en": "english", "fr": "french", "de": "german"}
HUNSPELL = {"en": "en_US", "fr": "fr", "de": "de_DE"}


# --- Savoy's stemmers, written from the published algorithms (as in Lucene's analysis/common) ----


def fr_minimal(s: str) -> str:
    if len(s) < 6:
        return s
    if s[-1] == "x":
        return s[:-3] + "al" if s.endswith("aux") else s[:-1]
    for end in "sreé":
        if s[-1:] == end:
            s = s[:-1]
    if len(s) > 1 and s[-1] == s[-2] and s[-1].isalpha():
        s = s[:-1]
    return s


ACCENTS = str.maketrans("àáâôèéêùûîç", "aaaoeeeuuic")


def _fr_norm(s: str) -> str:
    if len(s) > 4:
        s = s.translate(ACCENTS)
        s = re.sub(r"([^\W\d_])\1+", r"\1", s)
    if len(s) > 4 and s.endswith("ie"):
        s = s[:-2]
    if len(s) > 4:
        for end in "ree":
            if s[-1:] == end:
                s = s[:-1]
        if len(s) > 1 and s[-1] == s[-2] and s[-1].isalpha():
            s = s[:-1]
    return s


def fr_light(s: str) -> str:
    if len(s) > 5 and s[-1] == "x":
        if s[-3:-1] == "au" and s[-4] != "e":
            s = s[:-2] + "l" + s[-1]
        s = s[:-1]
    if len(s) > 3 and s[-1] == "x":
        s = s[:-1]
    if len(s) > 3 and s[-1] == "s":
        s = s[:-1]
    rules = [(9, "issement", lambda s: s[:-6][:-1] + "r"), (8, "issant", lambda s: s[:-4][:-1] + "r"),
             (6, "ement", lambda s: (s[:-5] + "f") if s[:-4].endswith("ive") and len(s) - 4 > 3 else s[:-4]),
             (11, "ficatrice", lambda s: s[:-5][:-2] + "er"), (10, "ficateur", lambda s: s[:-4][:-2] + "er"),
             (9, "catrice", lambda s: s[:-3][:-4] + "quer"), (8, "cateur", lambda s: s[:-2][:-4] + "quer"),
             (8, "atrice", lambda s: s[:-4][:-2] + "er"), (7, "ateur", lambda s: s[:-3][:-2] + "er")]
    for size, end, change in rules:
        if len(s) > size and s.endswith(end):
            return _fr_norm(change(s))
    if len(s) > 6 and s.endswith("trice"):
        s = s[:-5] + "teur"
    if len(s) > 5 and s.endswith("ième"):
        return _fr_norm(s[:-4])
    for size, end, change in [(7, "teuse", lambda s: s[:-3] + "r"), (6, "teur", lambda s: s[:-2] + "r"),
                              (5, "euse", lambda s: s[:-2]), (8, "ère", lambda s: s[:-3] + "er"),
                              (7, "ive", lambda s: s[:-3] + "if"), (9, "nnelle", lambda s: s[:-5]), (9, "nnel", lambda s: s[:-3])]:
        if len(s) > size and s.endswith(end):
            return _fr_norm(change(s))
    if len(s) > 4 and s.endswith("ète"):
        s = s[:-3] + "et"
    if len(s) > 8 and s.endswith("ique"):
        s = s[:-4]
    for size, end, cut in [(8, "esse", 3), (7, "inage", 3), (9, "isation", 7), (9, "isateur", 7), (8, "ation", 5), (8, "ition", 5)]:
        if len(s) > size and s.endswith(end):
            return _fr_norm(s[:-cut])
    return _fr_norm(s)


UMLAUTS = str.maketrans("äöü", "aou")


def de_minimal(s: str) -> str:
    if len(s) < 5:
        return s
    s = s.translate(UMLAUTS)
    if len(s) > 6 and s.endswith("nen"):
        return s[:-3]
    if len(s) > 5 and s[-2:] in ("en", "se", "es", "er"):
        return s[:-2]
    return s[:-1] if s[-1] in "nesr" else s


def de_light(s: str) -> str:
    s = s.translate(str.maketrans("äàáâöòóôïìíîüùúû", "aaaaooooiiiiuuuu"))
    st = "bdfghklmnt"
    if len(s) > 5 and s.endswith("ern"):
        s = s[:-3]
    elif len(s) > 4 and s[-2] == "e" and s[-1] in "mnrs":
        s = s[:-2]
    elif len(s) > 3 and s[-1] == "e":
        s = s[:-1]
    elif len(s) > 3 and s[-1] == "s" and s[-2] in st:
        s = s[:-1]
    if len(s) > 5 and s.endswith("est"):
        return s[:-3]
    if len(s) > 4 and s[-2] == "e" and s[-1] in "rn":
        return s[:-2]
    if len(s) > 4 and s.endswith("st") and s[-3] in st:
        return s[:-2]
    return s


def en_minimal(s: str) -> str:
    if len(s) < 3 or s[-1] != "s" or s[-2] in "us":
        return s
    if s[-2] == "e":
        if len(s) > 3 and s[-3] == "i" and s[-4] not in "ae":
            return s[:-3] + "y"
        if s[-3] in "iaoe":
            return s
    return s[:-1]


MINIMAL = {"en": en_minimal, "fr": fr_minimal, "de": de_minimal}
LIGHT = {"en": en_minimal, "fr": fr_light, "de": de_light}


def candidates(lang: str) -> dict[str, callable]:
    """name -> function(folded word) -> set of keys."""
    import simplemma

    snowball = Stemmer.Stemmer(SNOWBALL[lang]).stemWord
    ours = inflect.inflection_for(lang)

    def lemma(w):
        return simplemma.lemmatize(w, lang=lang).casefold()

    found = {
        "Snowball": lambda w: {snowball(w)},
        "simplemma lemma": lambda w: {lemma(w)},
        "Savoy minimal": lambda w: {MINIMAL[lang](w)},
        "Savoy light": lambda w: {LIGHT[lang](w)},
        "inflect (ours)": lambda w: {ours(w)},
        "ours or lemma": lambda w: {ours(w), "L" + lemma(w)} if simplemma.is_known(w, lang=lang) else {ours(w)},
        "lemma if known, else ours": lambda w: {lemma(w) if simplemma.is_known(w, lang=lang) else ours(w)},
    }
    try:
        from spylls.hunspell import Dictionary

        dictionary = Dictionary.from_files(f"/usr/share/hunspell/{HUNSPELL[lang]}")

        def hunspell(w):
            stems = {f.stem.casefold() for f in dictionary.lookuper.good_forms(w)}
            return stems or {w}

        found["hunspell (spylls)"] = hunspell
    except (ImportError, FileNotFoundError, OSError) as exc:
        print(f"  hunspell for {lang}: n/a ({exc})", file=sys.stderr)
    return found


def read_pairs(path: Path) -> list[tuple[str, str, str, bool, str]]:
    """(lang, word, word, same, kind): kind n for noun/adjective forms (what terms are made of),
    v for verb or function-word forms, d for different words; own.tsv's pairs count as n."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, a, b, same, *kind = line.split("\t")
            pairs.append((lang, a.casefold(), b.casefold(), same.strip() == "1", (kind or ["n"])[0].strip()))
    return pairs


def vocabulary(lang: str) -> list[str]:
    """Distinct case-folded words (letters only, 3+) of the real catalogs in `lang`."""
    words: set[str] = set()
    for path in sorted((ROOT / "tests" / "realdata").rglob("*.po")):
        catalog = load_catalog(path)
        texts = ([s for e in catalog.entries for s in e.sources] if lang == "en"
                 else [s for e in catalog.entries for s in e.msgstr] if catalog.language.split("_")[0] == lang else [])
        for text in texts:
            words.update(w.casefold() for w in re.findall(r"[^\W\d_]{3,}", re.sub(r"%\(\w+\)\w|\{\w*\}|<[^>]*>", " ", text)))
    return sorted(words)


def score(pairs, same) -> tuple[float, float, int, int]:
    tp = sum(1 for a, b, gold in pairs if gold and same(a, b))
    fp = sum(1 for a, b, gold in pairs if not gold and same(a, b))
    fn = sum(1 for a, b, gold in pairs if gold and not same(a, b))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, fp, fn


def draw(n: int, seed: int) -> None:
    """Prints n pairs per language, drawn from those a candidate joins, for labelling by hand."""
    rng = random.Random(seed)
    for lang in LANGS:
        funcs = candidates(lang)
        words = vocabulary(lang)
        joined = set()
        for func in funcs.values():
            groups: dict[str, list[str]] = {}
            for w in words:
                for key in func(w):
                    groups.setdefault(key, []).append(w)
            for group in groups.values():
                joined.update(itertools.combinations(sorted(set(group)), 2))
        for a, b in rng.sample(sorted(joined), min(n, len(joined))):
            print(f"{lang}\t{a}\t{b}\t?")
        print(f"# {lang}: {len(words)} words, {len(joined)} joined pairs", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draw", type=int, help="print N new pairs per language to label, and stop")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if args.draw:
        draw(args.draw, args.seed)
        return
    own, real = read_pairs(HERE / "inflection" / "own.tsv"), read_pairs(HERE / "inflection" / "real.tsv")
    print("| lang | candidate | own: precision | own: recall | real: precision | real: recall | real: recall, nouns/adj. | false joins (own+real) | words/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for lang in LANGS:
        words = vocabulary(lang)
        for name, func in candidates(lang).items():
            def same(a, b, func=func):
                return not func(a).isdisjoint(func(b))

            o = score([(a, b, g) for l, a, b, g, _k in own if l == lang], same)
            r = score([(a, b, g) for l, a, b, g, _k in real if l == lang], same)
            rn = score([(a, b, g) for l, a, b, g, k in real if l == lang and k != "v"], same)
            start = time.perf_counter()
            for w in words:
                func(w)
            speed = len(words) / (time.perf_counter() - start)
            print(f"| {lang} | {name} | {o[0]:.2f} | {o[1]:.2f} | {r[0]:.2f} | {r[1]:.2f} | {rn[1]:.2f} | {o[2]}+{r[2]} | {speed:,.0f} |")


if __name__ == "__main__":
    main()
