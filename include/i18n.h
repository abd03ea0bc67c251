/* i18n.h: messages in the user's language, by GNU gettext.
 *
 * Every message a person reads -- diagnostics and their notes and fixes,
 * help texts, command-line messages, the summary line -- is an English
 * literal in the source, looked up at run time in the catalogue of the
 * language LANGUAGE, LC_ALL, LC_MESSAGES or LANG names (po/zh_CN.po,
 * compiled to fisc.mo).  English is the fallback: the C locale, a language
 * without a catalogue, a message the catalogue lacks.  Check names
 * ([footing]), keywords, code and what the budget wrote stay as they are.
 *
 *   _("...")        a literal translated where it is used
 *   N_("...")       a literal in a table, translated where it is printed
 *   ngettext(s, p, n)  a sentence whose words depend on a count
 *
 * diag_add and diag_note translate their format themselves (diag.c), so
 * a diagnostic is written diag_add(l, ..., "no line '%s' in %s", ...)
 * with no _(); xgettext finds those formats by keyword (po/extract.sh).
 * A message is one whole sentence with placeholders, never pieces glued
 * together: word order differs between languages.  docs/i18n.md says how
 * to add one and translate it. */
#ifndef FISC_I18N_H
#define FISC_I18N_H

#include <libintl.h>

#define I18N_DOMAIN "fisc"

#define _(s) gettext(s)
#define N_(s) s

/* _(s) for a string that is not a literal (a format passed on, an entry
 * of a table): the same, but "" stays "" (gettext("") is the catalogue's
 * header) and NULL stays NULL. */
const char *i18n_text(const char *s) __attribute__((format_arg(1)));

/* Chooses the language of messages from the environment and finds the
 * catalogues: in locale/ beside the program (a build tree: build/fisc,
 * build/locale), else in share/locale beside its bin/ (an installed
 * fisc).  Call once, first thing; without it every message is English
 * (the unit tests, the build tools). */
void i18n_init(void);

#endif
