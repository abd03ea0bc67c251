#!/bin/sh
# extract.sh OUT.pot: every message of fisc a person may read, as
# xgettext finds it in the source (docs/i18n.md).  The keywords are the
# functions whose argument is a message: _() and N_() (i18n.h), ngettext,
# the checker's TR() and TRN(), and the printf-like functions that
# translate their format themselves: the diagnostics' own (diag_add,
# diag_note and the lexer's and parser's wrappers) and the output
# writers' reasons (say, set_err, set_warn).  Run from
# the top of the repository; make pot and tests/i18n.sh call it.
set -eu
out=${1:?usage: po/extract.sh OUT.pot}
# lexer.re is C to xgettext but for re2c's rules, whose quotes it warns
# about (harmlessly: no message is in a rule's pattern).
xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: --sort-by-file \
    --package-name=fisc --no-wrap \
    --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=TR:2 --keyword=TRN:2,3 \
    --keyword=diag_add:5 --keyword=diag_note:4 \
    --keyword=lex_error:4 --keyword=lex_report:5 --keyword=over_limit:3 \
    --keyword=say:3 --keyword=set_err:2 --keyword=set_warn:2 \
    --flag=diag_add:5:c-format --flag=diag_note:4:c-format \
    --flag=lex_error:4:c-format --flag=lex_report:5:c-format --flag=over_limit:3:c-format \
    --flag=say:3:c-format --flag=set_err:2:c-format --flag=set_warn:2:c-format \
    --flag=ngettext:1:c-format --flag=ngettext:2:c-format \
    -o "$out" src/*.c grammar/parser.y grammar/lexer.re 2>&1 |
    grep -v -e 'unterminated string literal' -e 'unterminated character constant' -e 'msgid-bugs-address' \
        -e 'Makevars' -e 'MSGID_BUGS_ADDRESS' -e 'specify an --msgid' >&2 || true
test -s "$out"
