/* present.h: how fisc shows things -- the one place for it.
 *
 * Text fisc did not write itself: labels, strings, paths and command-line
 * arguments reach people (a terminal, a spreadsheet, a JSON viewer) only
 * through these writers, so a label can never send an escape sequence,
 * reorder a line or run a formula.  One rule decides what is unsafe
 * (present_unsafe); each output form has one writer: present_text for a
 * person, present_csv_text for a CSV text cell, present_json_string for a
 * JSON string.
 *
 * Units and amounts: which unit a value is shown in (present_money_unit,
 * present_pow10, present_unit_name), and an amount for a person, exact,
 * with thousands separators (present_amount, present_number).  A plain
 * exact amount for a machine is dec_format_exact (decimal.h). */
#ifndef FISC_PRESENT_H
#define FISC_PRESENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "arena.h"
#include "model.h"

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

/* ---- units and amounts ---- */

/* The money unit amounts of table t are shown in: t's own, else the
 * budget's (t NULL: a top-level check), else 元.  m may be NULL. */
const unit_info *present_money_unit(const m_model *m, const m_table *t);
/* The scale values of kind k are shown in, in t: money in
 * present_money_unit (10^pow10 base units), counts and rates as they are. */
int present_pow10(const m_model *m, const m_table *t, qty_kind k);
/* The name of the unit v is shown in, in t: money's unit name, "%" for a
 * rate, a count's own unit ("" when none), "" for anything else. */
const char *present_unit_name(const m_model *m, const m_table *t, const m_value *v);

/* Flags for present_number and present_amount. */
#define PRESENT_MINUS 1u        /* a negative with U+2212 '−', as tables print it */
#define PRESENT_PLUS  2u        /* '+' before a positive (a change) */

/* Bytes present_number needs for a plain number of n bytes. */
#define PRESENT_NUMBER_SIZE(n) ((n) + (n) / 3 + 4)
/* Bytes present_amount needs. */
#define PRESENT_AMOUNT_MAX PRESENT_NUMBER_SIZE(DEC_FMT_MAX)

/* The plain decimal s[0..n) (an optional '-', digits, an optional '.' and
 * digits) for a person: ',' between groups of three digits of the whole
 * part, the sign as flags say.  Writes PRESENT_NUMBER_SIZE(n) bytes at
 * most into out (NUL-terminated); returns the length. */
size_t present_number(const char *s, size_t n, unsigned flags, char *out);
/* v in units of 10^pow10 base units, exact (the fewest decimals that show
 * it), through present_number: "5,399", "-1,234.5". */
size_t present_amount(dec v, int pow10, unsigned flags, char out[PRESENT_AMOUNT_MAX]);
/* present_amount with a '-', as a string in a (for messages). */
const char *present_amount_str(arena *a, dec v, int pow10);
/* A figure for a message, as its source wrote it: 201.50 stays 201.50,
 * +17.62% keeps its sign, 0.83 万元 its unit when the message speaks in
 * another money unit (in; NULL: always say it), counts and rates always
 * theirs; a blank is "-".  A value fisc derived or computed is exact, in
 * `in`, with at least v->places decimals. */
const char *present_figure(arena *a, const m_value *v, const unit_info *in);

/* Writes s (NULL writes nothing) as HTML text or a quoted attribute value:
 * & < > " ' as character references, unsafe characters other than tab and
 * line feed as visible escapes (present_text's), everything else as is. */
void present_html(FILE *out, const char *s);

#endif
