#!/usr/bin/env bash
# Gather the UI's strings into the catalogues and build the .qm files trayclock loads.
#   ./scripts/translations.sh
#   ./scripts/translations.sh --list-sources   the files read, one a line (the tests use it)
# resources/translations/trayclock_de.ts  German: new strings arrive unfinished, to translate
# resources/translations/trayclock_en.ts  English plural forms only ("%n session(s)" ->
#                                         "1 session" / "2 sessions"): the source strings
#                                         are English, their plurals need this catalogue
# Then commit the .ts and .qm files (tests/ui/test_translations.py checks they are current).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${TRAYCLOCK_VENV:-.venv}/bin"  # made by ./scripts/test.sh (PySide6 brings lupdate)
# Every UI file on disk (new ones too, committed or not), and the Qt-free modules that mark
# texts for the UI to translate (QT_TRANSLATE_NOOP: e.g. the settings' field checks).
sources=$(
    find trayclock/ui -name '*.py' | sort
    grep -rl "QT_TRANSLATE_NOOP" trayclock --include='*.py' | grep -v '^trayclock/ui/' | sort
    echo trayclock/app.py
)
if [ "${1:-}" = "--list-sources" ]; then
    # shellcheck disable=SC2086  # one line per file
    printf '%s\n' $sources
    exit 0
fi
out=resources/translations
# shellcheck disable=SC2086  # one argument per file
"$bin/pyside6-lupdate" $sources -no-obsolete -locations absolute -target-language de_DE \
    -ts "$out/trayclock_de.ts"
# shellcheck disable=SC2086
"$bin/pyside6-lupdate" $sources -no-obsolete -locations absolute -pluralonly \
    -source-language en -target-language en -ts "$out/trayclock_en.ts"
for lang in de en; do
    "$bin/pyside6-lrelease" -silent "$out/trayclock_$lang.ts" -qm "$out/trayclock_$lang.qm"
done
