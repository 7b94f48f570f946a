"""The language server (`i18n-check lsp`): `check`'s findings in the editor, while translators type.

A layer at the level of the command line: it calls the library (check.py's entry and project
checks, the reader, the glossary's loader, matcher and lint) and implements no rule itself.

- `server.py`: the pygls server, its handlers and the worker that checks each open catalog.
- `document.py`: an open catalog cut into blocks, each read once while unchanged.
- `layout.py`: where an entry's keywords, strings and characters stand in the text.
- `project.py`: settings, glossary, rules and the catalogs on disk, as `check` would use them.
- `diagnostics.py`: findings as diagnostics, checked block by block.
- `glossary_file.py`, `hover.py`, `actions.py`: the glossary's diagnostics, hover, quick fixes.
"""
