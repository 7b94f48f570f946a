#!/usr/bin/env bash
# Creates bench/.venv: i18n-check (editable) beside the tools it is compared with, and the profilers.
# The comparison tools live here, never in the project's own dependencies.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
python="${PYTHON:-python3.11}"

if [ ! -x "$here/.venv/bin/python" ]; then
    "$python" -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install -q --upgrade pip
# translate-toolkit: pofilter; dennis: dennis-cmd lint; Babel: a parser to compare (parse.py);
# py-spy and pyinstrument: profiling; simplemma and spylls: the lemmatizer and hunspell that
# inflection.py compares the matcher's word keys with.
"$here/.venv/bin/pip" install -q -e "$root" translate-toolkit dennis babel py-spy pyinstrument simplemma spylls

# Real word lists for the glossaries (generate.py): English, French, German; libgettextpo for
# translate-toolkit's C parser (cpo) in parse.py.
# Hunspell dictionaries: one of inflection.py's candidates.
if [ ! -f /usr/share/dict/american-english ] || [ ! -f /usr/share/dict/french ] || [ ! -f /usr/share/dict/ngerman ] \
    || [ ! -f /usr/share/hunspell/fr.dic ] || [ ! -f /usr/share/hunspell/de_DE.dic ] || [ ! -f /usr/share/hunspell/en_US.dic ] \
    || ! ldconfig -p | grep -q libgettextpo; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wamerican wfrench wngerman libgettextpo0 \
            hunspell-fr hunspell-de-de hunspell-en-us >/dev/null
    else
        echo "setup.sh: install: sudo apt-get install wamerican wfrench wngerman libgettextpo0 hunspell-fr hunspell-de-de hunspell-en-us" >&2
        exit 1
    fi
fi
command -v msgfmt >/dev/null || { echo "setup.sh: msgfmt (GNU gettext) is needed: apt-get install gettext" >&2; exit 1; }
echo "bench/.venv ready: $("$here/.venv/bin/pofilter" --version 2>&1 | head -1); dennis $("$here/.venv/bin/python" -c 'import dennis; print(dennis.__version__)')"
