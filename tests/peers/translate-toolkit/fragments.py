"""PO inputs of translate-toolkit's tests, copied verbatim (as Python literals) from
https://github.com/translate/translate:
  tests/translate/storage/test_po.py    at 05085f4f20f572d7bf110874b56c9daabc7d31a6
  tests/translate/storage/test_pypo.py  at 0aaf0327c4415b7fff7de71f3a5bc819474d907c
Each key is "<file>::<test function>[#n]"; the value is the `posource` that test parses.
translate-toolkit is GPL-3.0-or-later (see COPYING next to this file).
Only literal inputs are kept; inputs built at run time (f-strings, loops) are left out.
"""

FRAGMENTS = {
    "test_po::test_context_only": """msgctxt "CONTEXT"
msgid ""
msgstr ""
""",
    "test_po::test_simpleentry": '#: test.c:100 test.c:101\nmsgid "test"\nmsgstr "rest"\n',
    "test_po::test_copy": '''# TRANSLATOR-COMMENTS
#. AUTOMATIC-COMMENTS
#: REFERENCE...
#, fuzzy
msgctxt "CONTEXT"
msgid "UNTRANSLATED-STRING"
msgstr "TRANSLATED-STRING"''',
    "test_po::test_unicode": 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n#: test.c\nmsgid "test"\nmsgstr "rest\xe2\x80\xa6"\n',
    "test_po::test_plurals#1": r"""msgid "Cow"
msgid_plural "Cows"
msgstr[0] "Koei"
msgstr[1] "Koeie"
""",
    "test_po::test_plurals#2": r"""msgid "Skaap"
msgid_plural "Skape"
msgstr[0] "Sheep"
""",
    "test_po::test_plural_unicode": r"""msgid "Ców"
msgid_plural "Cóws"
msgstr[0] "Kóei"
msgstr[1] "Kóeie"
""",
    "test_po::test_nongettext_location": (
        '#: programming/C/programming.xml:44(para)\nmsgid "test"\nmsgstr "rest"\n'
    ),
    "test_po::test_percent_location": (
        '#: /foo/bar/%%var%%www%%about.html:44\nmsgid "test"\nmsgstr "rest"\n'
    ),
    "test_po::test_kde_plurals": r"""msgid "_n Singular\n"
"Plural"
msgstr "Een\n"
"Twee\n"
"Drie"
""",
    "test_po::test_empty_lines_notes": r"""# License name
#
# license line 1
# license line 2
# license line 3
msgid ""
msgstr "POT-Creation-Date: 2006-03-08 17:30+0200\n"
""",
    "test_po::test_fuzzy#1": '#, fuzzy\nmsgid "ball"\nmsgstr "bal"\n',
    "test_po::test_fuzzy#2": '#, fuzzy, python-format\nmsgid "ball"\nmsgstr "bal"\n',
    "test_po::test_fuzzy#3": '#, python-format, fuzzy\nmsgid "ball"\nmsgstr "bal"\n',
    "test_po::test_makeobsolete_untranslated": '#. The automatic one\n#: test.c\nmsgid "test"\nmsgstr ""\n',
    "test_po::test_merging_automaticcomments#old": '#. old comment\n#: line:10\nmsgid "One"\nmsgstr "Een"\n',
    "test_po::test_malformed_units": (
        'msgid "thing\nmsgstr "ding"\nmsgid "Second thing"\nmsgstr "Tweede ding"\n'
    ),
    "test_po::test_malformed_obsolete_units": """msgid "thing"
msgstr "ding"

#~ msgid "Second thing"
#~ msgstr "Tweede ding"
#~ msgid "Third thing"
#~ msgstr "Derde ding"
""",
    "test_po::test_uniforum_po": """# File: ../somefile.cpp, line: 33
msgid "thing"
msgstr "ding"
#
# File: anotherfile.cpp, line: 34
msgid "second"
msgstr "tweede"
""",
    "test_po::test_obsolete#1": '#~ msgid "Old thing"\n#~ msgstr "Ou ding"\n',
    "test_po::test_obsolete#2": """msgid "one"
msgstr "een"

#, fuzzy
#~ msgid "File not found."
#~ msgid_plural "Files not found."
#~ msgstr[0] "Leer(s) nie gevind nie."
#~ msgstr[1] "Leer(s) nie gevind nie."
""",
    "test_po::test_obsolete_with_prev_msgid": r"""msgid ""
msgstr ""
"PO-Revision-Date: 2006-02-09 23:33+0200\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8-bit\n"

msgid "one"
msgstr "een"

#, fuzzy
#~| msgid ""
#~| "You cannot read anything except web pages with\n"
#~| "this plugin, sorry."
#~ msgid "You cannot read anything except web pages with this plugin, sorry."
#~ msgstr ""
#~ "Mit diesem Modul können leider ausschließlich Webseiten vorgelesen werden."
""",
    "test_po::test_makeobsolete_msgctxt": '#: test.c\nmsgctxt "Context"\nmsgid "test"\nmsgstr "rest"\n',
    "test_po::test_makeobsolete_msgidcomments": '#: first.c\nmsgid ""\n"_: first.c\\n"\n"test"\nmsgstr "rest"\n\n#: second.c\nmsgid ""\n"_: second.c\\n"\n"test"\nmsgstr "rest"',
    "test_po::test_multiline_obsolete": '#~ msgid ""\n#~ "Old thing\\n"\n#~ "Second old thing"\n#~ msgstr ""\n#~ "Ou ding\\n"\n#~ "Tweede ou ding"\n',
    "test_po::test_merge_duplicates": '#: source1\nmsgid "test me"\nmsgstr ""\n\n#: source2\nmsgid "test me"\nmsgstr ""\n',
    "test_po::test_merge_mixed_sources": """
#: source1
#: source2
msgid "test"
msgstr ""

#: source1 source2
msgid "test"
msgstr ""
""",
    "test_po::test_parse_context": """# Test comment
#: source1
msgctxt "noun"
msgid "convert"
msgstr "bekeerling"

# Test comment 2
#: source2
msgctxt "verb"
msgid "convert"
msgstr "omskakel"
""",
    "test_po::test_parse_advanced_context": r"""# Test multiline context
#: source1
msgctxt "Noun."
" A person that changes his or her ways."
msgid "convert"
msgstr "bekeerling"

# Test quotes
#: source2
msgctxt "Verb. Converting from \"something\" to \"something else\"."
msgid "convert"
msgstr "omskakel"

# Test quotes, newlines and multiline.
#: source3
msgctxt "Verb.\nConverting from \"something\""
" to \"something else\"."
msgid "convert"
msgstr "omskakel"
""",
    "test_po::test_kde_context": r"""# Test comment
#: source1
msgid ""
"_: Noun\n"
"convert"
msgstr "bekeerling"

# Test comment 2
#: source2
msgid ""
"_: Verb. _: "
"The action of changing.\n"
"convert"
msgstr "omskakel"
""",
    "test_po::test_broken_kde_context": """msgid "Broken _: here"
msgstr "Broken _: here"
""",
    "test_po::test_id": r"""
msgid ""
msgstr ""
"PO-Revision-Date: 2006-02-09 23:33+0200\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8-bit\n"

msgid "plant"
msgstr ""

msgid ""
"_: Noun\n"
"convert"
msgstr "bekeerling"

msgctxt "verb"
msgid ""
"convert"
msgstr "omskakel"

msgid "tree"
msgid_plural "trees"
msgstr[0] ""
""",
    "test_po::test_non_ascii_header_comments": r"""
# Tëśt þis.
# Hé Há Hó.
#. Lêkkør.
msgid ""
msgstr ""
"PO-Revision-Date: 2006-02-09 23:33+0200\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8-bit\n"

msgid "a"
msgstr "b"
""",
    "test_po::test_non_ascii_header_comments_2#1": r"""
# Copyright bla.
msgid ""
msgstr ""
"PO-Revision-Date: 2006-02-09 23:33+0200\n"
"MIME-Version: 1.0\n"
"Last-Translator: Tránslátór\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8-bit\n"

msgid "a"
msgstr "b"
""",
    "test_po::test_non_ascii_header_comments_2#2": r"""
# Copyright bla.
msgid ""
msgstr ""
"PO-Revision-Date: 2006-02-09 23:33+0200\n"
"MIME-Version: 1.0\n"
"Last-Translator: Tránslátór\n"
"Content-Type: text/plain; charset=ISO-8859-1\n"
"Content-Transfer-Encoding: 8-bit\n"

msgid "a"
msgstr "b"
""".encode("ISO-8859-1"),
    "test_po::test_final_slash": r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\n"

#: System-Support,Project>>decideAboutCreatingBlank:
msgid "I cannot locate the project\\"
msgstr "プロジェクトが見つかりませんでした"
""",
    "test_po::test_unfinished_lines": r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\n"

msgid "I cannot locate the project\\"
msgstr "start thing dingis fish"
"
"
""",
    "test_po::test_encoding_change": r"""
msgid ""
msgstr ""
"PO-Revision-Date: 2006-02-09 23:33+0200\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=ISO-8859-1\n"
"Content-Transfer-Encoding: 8-bit\n"

msgid "a"
msgstr "d"
""",
    "test_po::test_istranslated": r"""
msgid ""
msgstr ""
"PO-Revision-Date: 2006-02-09 23:33+0200\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=ISO-8859-1\n"
"Content-Transfer-Encoding: 8-bit\n"

msgid "a"
msgid_plural "aa"
msgstr[0] ""
""",
    "test_po::test_wrapping#1": r"""#: file.h:1
msgid "bla\t12345 12345 12345 12345 12345 12345 12345 12345 12345 12345 12345"
msgstr "bla\t12345 12345 12345 12345 12345 12345 12345 12345 12345 12345 12345"
""",
    "test_po::test_wrapping_cjk": r"""msgid ""
msgstr "Content-Type: text/plain; charset=utf-8\n"

msgid "test"
msgstr ""
"効率的なバグの報告はPostGISの開発を助ける本質的な方法です。最も効率的なバグ報"
"告は、PostGIS開発者がそれを再現できるようにすることで、それの引き金となったス"
""",
    "test_po::test_wrap_emoji": r"""msgid ""
msgstr "Content-Type: text/plain; charset=utf-8\n"

msgid "test"
msgstr ""
"print(ts.string_get_word_breaks(\"Test ❤️🔥 Test\")) # Prints [1, 2, 3, 4, 5, "
""",
    "test_po::test_msgidcomments": r"""
msgid ""
msgstr ""
"PO-Revision-Date: 2006-02-09 23:33+0200\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=ISO-8859-1\n"
"Content-Transfer-Encoding: 8-bit\n"

# the one in the msgid should be "swallowed", but not in msgstr
msgid ""
"_: An archaic KDE context comment\n"
"The actual source text"
msgstr ""
"_: I'll be clever and translate in a text editor and duplicate the KDE comment"
""",
    "test_po::test_unicode_ids": b"""
msgid ""
msgstr ""
"Content-Type: application/x-publican; charset=UTF-8\\n"

msgid "Rapha\xc3\xabl"
msgstr ""

msgid "Rapha\xc3\xabl2"
msgstr ""
""",
    "test_po::test_syntax_error": b"""
#| identified as a comment
#|raise an infinite loop bug!
msgid "text"
msgstr "texte"
""",
    "test_po::test_invalid": b"""
msg
""",
    "test_po::test_wrapped_msgid": b"""
#| msgid "some"
#|"old text"
msgid "text"
msgstr "texte"
""",
    "test_po::test_missing_plural": b"""
msgid "text"
msgid_plural "texts"
msgstr "texte"
""",
    "test_pypo::test_notes_with_blank_lines": (
        b"# Translation file\n"
        b"#\n"
        b"# This is a comment\n"
        b"#\n"
        b"# Another comment\n"
        b'msgid ""\n'
        b'msgstr ""\n'
    ),
    "test_pypo::test_combine_msgidcomments": 'msgid "test me"\nmsgstr ""',
    "test_pypo::test_merge_duplicates_msgctxt": '#: source1\nmsgid "test me"\nmsgstr ""\n\n#: source2\nmsgid "test me"\nmsgstr ""\n',
    "test_pypo::test_merge_blanks": (
        '#: source1\nmsgid ""\nmsgstr ""\n\n#: source2\nmsgid ""\nmsgstr ""\n'
    ),
    "test_pypo::test_output_str_unicode": """#: nb\nmsgid "Norwegian Bokmål"\nmsgstr ""\n""",
    "test_pypo::test_posections": '# other comment\n#. automatic comment\n#: source comment\n#, fuzzy\nmsgid "One"\nmsgstr "Een"\n',
    "test_pypo::test_typecomments": """#: 00-8C-41-10-00-00-31-10-12-05-42-44-00-2E
#, max-length:10
msgctxt "0"
msgid "Aurora"
msgstr ""
""",
    "test_pypo::test_future_flags": """#, max-length:10
#= fuzzy
msgid "Aurora"
msgstr ""
""",
    "test_pypo::test_fuzzy_untranslated_state": '#, fuzzy\nmsgid "x"\nmsgstr ""\n',
    "test_pypo::test_fuzzy_multiline_empty_untranslated_state": '#, fuzzy\nmsgid "x"\nmsgstr ""\n""\n',
    "test_pypo::test_fuzzy_multiline_empty_plural_untranslated_state": (
        "#, fuzzy\n"
        'msgid "x"\n'
        'msgid_plural "xs"\n'
        'msgstr[0] ""\n'
        '""\n'
        'msgstr[1] ""\n'
        '""\n'
    ),
    "test_pypo::test_obsolete_untranslated_state": '#~ msgid "x"\n#~ msgstr ""\n',
    "test_pypo::test_obsolete_fuzzy_untranslated_state": '#, fuzzy\n#~ msgid "x"\n#~ msgstr ""\n',
    "test_pypo::test_obsolete_fuzzy_translated_state": '#, fuzzy\n#~ msgid "x"\n#~ msgstr "y"\n',
    "test_pypo::test_unassociated_comments": '# old lonesome comment\n\nmsgid "one"\nmsgstr "een"\n',
    "test_pypo::test_unicode_header": r"""msgid ""
msgstr ""
"PO-Revision-Date: 2006-02-09 23:33+0200\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8-bit\n"
"Zkouška: něco\n"
""".encode(),
    "test_pypo::test_prevmsgid_parse": r"""msgid ""
msgstr ""
"PO-Revision-Date: 2006-02-09 23:33+0200\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8-bit\n"

#, fuzzy
#| msgid "trea"
msgid "tree"
msgstr "boom"

#| msgid "trea"
#| msgid_plural "treas"
msgid "tree"
msgid_plural "trees"
msgstr[0] "boom"
msgstr[1] "bome"

#| msgctxt "context 1"
#| msgid "tast"
msgctxt "context 1a"
msgid "test"
msgstr "toets"

#| msgctxt "context 2"
#| msgid "tast"
#| msgid_plural "tasts"
msgctxt "context 2a"
msgid "test"
msgid_plural "tests"
msgstr[0] "toet"
msgstr[1] "toetse"
""",
    "test_pypo::test_prevmsgid_plural_with_current_singular": r"""#, fuzzy
#| msgid "file"
#| msgid_plural "files"
msgid "one file"
msgstr "fichier"
""",
    "test_pypo::test_unix_newlines": b'msgid "test me"\nmsgstr ""\n',
    "test_pypo::test_dos_newlines": (
        b'# Note!\r\n#: File1\r\n#: File2\r\nmsgid "test me"\r\nmsgstr ""\r\n'
    ),
    "test_pypo::test_mac_newlines": b'msgid "test me"\rmsgstr ""\r',
    "test_pypo::test_mixed_newlines": b"""#Comment
#: foo.c:124\r bar.c:124\r
msgid "test me"
msgstr ""
""",
    "test_pypo::test_mixed_newlines_header": b"""# Polish message file for YaST2 (@memory@).\r
# Copyright (C) 2005 SUSE Linux Products GmbH.\r
msgid ""
msgstr ""
"Project-Id-Version: YaST (@memory@)\\n"

#. Rich text title for FcoeClient in proposals
#: src/clients/fcoe-client_proposal.rb:82
msgid "FcoeClient"
msgstr "FcoeClient"
""",
    "test_pypo::test_mixed_newlines_comment": b"""# scootergrisen: msgid "View your battery status and change power saving settings"\r
msgid "test me"
msgstr ""
""",
    "test_pypo::test_bom": """msgid ""
msgstr ""
"Project-Id-Version: YaST (@memory@)\\n"

msgid "FcoeClient"
msgstr "FcoeClient"
""".encode("utf-8-sig"),
    "test_pypo::test_long_msgidcomments": """#: networkstatus/connectionmanager.cpp:148
msgid ""
"_: Message shown when a network connection failed.  The placeholder contains "
"the concrete description of the operation eg 'while performing this "
"operation\\n"
""
"A network connection failed %1.  Do you want to place the application in "
"offline mode?"
msgstr ""
"Připojení k síti se nezdařilo: %1. Chcete aplikaci přepnout do režimu "
"offline?"
""".encode("utf-8"),
    "test_pypo::test_incomplete": b"""msgid ""
msgstr ""
"Project-Id-Version: YaST (@memory@)\\n"

EXTRA
""",
    "test_pypo::test_invalid": b"""README

This is just a random text file.
""",
    "test_pypo::test_dos_newlines_write": b"""msgid "test me"\r
msgstr ""\r
""",
    "test_pypo::test_mixed_newlines_typecomment": b"""#, fuzzy
msgid "test me"\r
msgstr ""\r
""",
    "test_pypo::test_line_number": b"""# Translator comment
#. Automatic comment
#: location.c:123
msgid "Hello"
msgstr "Bonjour"

# Another comment
msgid "World"
msgstr "Monde"

#~ msgid "Obsolete"
#~ msgstr "Obsolete Translation"
""",
}
