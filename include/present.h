/* present.h: how fisc shows text it did not write itself.
 *
 * Labels, strings, paths and command-line arguments reach people (a
 * terminal, a spreadsheet, a JSON viewer) only through these writers, so
 * a label can never send an escape sequence, reorder a line or run a
 * formula.  One rule decides what is unsafe (present_unsafe); each output
 * form has one writer: present_text for a person, present_csv_text for a
 * CSV text cell, present_json_string for a JSON string.  (Issue 15 grows
 * this module into the one place for units and amounts too.) */
#ifndef FISC_PRESENT_H
#define FISC_PRESENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A code point never written raw where a person reads it: C0 controls
 * (tab and line feed included), DEL, C1 controls, the invisible ones
 * (Default_Ignorable_Code_Point, which holds Bidi_Control: src_invisible),
 * U+2028 and U+2029; and cp < 0, an invalid UTF-8 byte. */
bool present_unsafe(long cp);

/* Flags for present_text. */
#define PRESENT_KEEP_LINES 1u   /* tab, LF and a CR before LF pass raw (a whole file) */
#define PRESENT_FIELD      2u   /* backslash doubled: the escapes read back unambiguously */

/* Writes s[0..n) for a person.  Each unsafe character becomes an escape:
 * \t \n \r, \xNN for other C0 controls, DEL and invalid bytes, \u{NNNN}
 * (hex code point) for the others; everything else is copied. */
void present_text(FILE *out, const char *s, size_t n, unsigned flags);
/* present_text of a NUL-terminated string; NULL writes nothing. */
void present_str(FILE *out, const char *s);

/* Writes s[0..n) as one RFC 4180 CSV field holding text: quoted when it
 * holds ',', '"', CR or LF (quotes doubled); unsafe characters other than
 * tab, CR and LF escaped as in present_text; and, against formula
 * injection (OWASP), a leading ' added when the text begins with '=',
 * '+', '-', '@', tab or CR, unless the whole text is a plain number
 * (-36, +4.5%, 1,234).  Amounts are written by their emitters, never
 * through this. */
void present_csv_text(FILE *out, const char *s, size_t n);

/* fprintf for messages: fmt is fisc's own text, its arguments (paths,
 * command-line words) may hold anything; the result is written as by
 * present_text with PRESENT_KEEP_LINES, so a path cannot reach the
 * terminal raw while the message keeps its line breaks. */
void present_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes s (NUL-terminated; NULL writes null) as a JSON string: '"' and
 * '\' escaped, \n \r \t, other controls and every unsafe character as
 * \uNNNN (surrogate pairs past U+FFFF), an invalid byte as \ufffd.  The
 * escapes are lossless: a JSON reader gets the text back. */
void present_json_string(FILE *out, const char *s);

#endif
