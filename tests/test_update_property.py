"""The no-loss property of `update`, over 1,000 generated catalogs and template changes (hypothesis).

After an update, every message that was translated is still in the written
file with its translation: active, fuzzy (its old text as `#| msgid`) or
obsolete.  And a second update changes no byte.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i18n_check.catalog import Catalog, Entry
from i18n_check.catalog.write import load_utf8, render_catalog
from i18n_check.update import merge

# Few words, so that generated texts collide and look alike: exact matches, revivals and fuzzy matches all happen.
WORDS = ["survivor", "child", "abuse", "images", "online", "the", "EU", "derogation", "tools", "privacy", "%s", "«"]
HEADER = ("Language: fr\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
          "Content-Transfer-Encoding: 8bit\nPlural-Forms: nplurals=2; plural=(n > 1);\n")

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join)
contexts = st.one_of(st.none(), st.none(), st.sampled_from(["menu", "button"]))
translations = st.one_of(st.just(""), st.text(alphabet="aàbcéèêlmnoprstu ’«»\"\\\n%", min_size=1, max_size=40))


def is_plural(msgid: str) -> bool:
    """A message's shape follows from its text, as in real catalogs (the same msgid is never both)."""
    return msgid.startswith("images")


@st.composite
def old_messages(draw) -> list[Entry]:
    messages, keys = [], set()
    for _ in range(draw(st.integers(0, 12))):
        msgid, msgctxt = draw(texts), draw(contexts)
        if (msgctxt, msgid) in keys:
            continue
        keys.add((msgctxt, msgid))
        plural = is_plural(msgid)
        forms = (draw(translations), draw(translations)) if plural else (draw(translations),)
        fuzzy = any(forms) and draw(st.booleans())
        messages.append(Entry(
            msgid=msgid, msgctxt=msgctxt, msgid_plural=msgid + " (plural)" if plural else None, msgstr=forms,
            flags=("fuzzy",) if fuzzy else (),
            previous_msgid=draw(st.one_of(st.none(), texts)) if fuzzy else None,
            translator_comments=draw(st.sampled_from([(), ("checked",), ("two", "lines")])),
            obsolete=draw(st.integers(0, 4)) == 0 and any(forms),
            references=(f"content/en/page.md:{len(messages) + 1}",),
        ))
    return messages


@st.composite
def template_of(draw, old: list[Entry]) -> list[Entry]:
    """The next template: old texts kept, edited (a word changed or added) or removed, new texts added, reordered."""
    entries: dict[tuple, Entry] = {}
    for message in old:
        change = draw(st.sampled_from(["keep", "keep", "edit", "remove"]))
        msgid = message.msgid
        if change == "remove":
            continue
        if change == "edit":
            words = msgid.split(" ")
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
            msgid = " ".join(words + draw(st.lists(st.sampled_from(WORDS), max_size=1)))
        entries.setdefault((message.msgctxt, msgid), _template_entry(msgid, message.msgctxt))
    for msgid in draw(st.lists(texts, max_size=5)):
        entries.setdefault((None, msgid), _template_entry(msgid, None))
    return draw(st.permutations(list(entries.values())))


def _template_entry(msgid: str, msgctxt: str | None) -> Entry:
    plural = is_plural(msgid)
    return Entry(msgid=msgid, msgctxt=msgctxt, msgid_plural=msgid + " (plural)" if plural else None,
                     msgstr=("", "") if plural else ("",), references=("content/en/page.md:9",))


def forms(entry: polib.POEntry) -> tuple[str, ...]:
    return tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)) if entry.msgid_plural else (entry.msgstr,)


def still_there(message: Entry, written: list[polib.POEntry]) -> bool:
    """The translated message is in the file: same text and translation (active, fuzzy or obsolete), or moved fuzzy."""
    for entry in written:
        if forms(entry) != message.msgstr:
            continue
        if entry.msgid == message.msgid and entry.msgctxt == message.msgctxt:
            return True
        if entry.fuzzy and not entry.obsolete and entry.previous_msgid == message.msgid:
            return True
    return False


@st.composite
def scenarios(draw):
    old = draw(old_messages())
    return old, draw(template_of(old))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_update_never_loses_a_translation_and_is_idempotent(scenario):
    old, template = scenario
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fr.po"
        catalog = Catalog.create(path, Entry("", (HEADER,), translator_comments=("French translation.",)),
                                 [m for m in old if not m.obsolete], [m for m in old if m.obsolete])
        pot = Catalog.create(Path(folder) / "fr.pot", Entry("", (HEADER,)), template)
        path.write_text(render_catalog(catalog), encoding="utf-8")
        merged, stats = merge(pot, load_utf8(path))
        text = render_catalog(merged)
        path.write_text(text, encoding="utf-8")
        written = list(polib.pofile(text))
        for message in old:
            if any(message.msgstr):
                assert still_there(message, written), (message, text)
        active = [(e.msgctxt, e.msgid) for e in written if not e.obsolete]
        assert active == [(t.msgctxt, t.msgid) for t in template]          # the template's messages, in its order
        again, _ = merge(pot, load_utf8(path))
        assert render_catalog(again) == text                               # a second run changes no byte
