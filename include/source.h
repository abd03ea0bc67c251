/* source.h: a source file held whole in memory.
 *
 * The buffer always ends in "\n\0" (a newline is appended when missing) so
 * the lexer can run on the sentinel method.  Positions everywhere are byte
 * offsets into text; line and column are computed only when printing. */
#ifndef FISC_SOURCE_H
#define FISC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

/* Largest source file accepted; offsets are 32-bit. */
#define SRC_MAX_BYTES ((size_t)1 << 30)

typedef struct src_file {
    const char *path;     /* as given on the command line or in import */
    const char *text;     /* NUL-terminated; text[len] == '\0' */
    size_t len;           /* bytes, including any appended '\n' */
    size_t orig_len;      /* bytes on disk */
    uint32_t *line_starts;/* offset of the first byte of each line */
    size_t nlines;
    uint64_t dev, ino;    /* identity on disk (src_load); 0, 0 otherwise */
} src_file;

/* Reads the regular file at path whole.  Returns NULL and sets *err (a
 * static message such as "No such file or directory" or "is a pipe or
 * FIFO, not a regular file") on an I/O error, when path is not a regular
 * file, or when the file exceeds SRC_MAX_BYTES.  Never blocks: a FIFO,
 * /dev/stdin, /proc/self/fd/N on a pipe, a directory or a device is
 * refused before a byte is read.  Standard input is not a path: a caller
 * that means to read it (fisc's "-") uses src_read_fd. */
src_file *src_load(arena *a, const char *path, const char **err);
/* Reads the open descriptor fd to its end as a file named name (fd stays
 * open; size_hint, 0 when unknown, presizes the buffer).  For a stream the
 * caller chose to read, such as standard input: it blocks like read(2).
 * Returns NULL with *err set on a read error or past SRC_MAX_BYTES. */
src_file *src_read_fd(arena *a, const char *name, int fd, size_t size_hint, const char **err);
/* Wraps bytes already in memory (tests, fuzzing, stdin). */
src_file *src_from_memory(arena *a, const char *path, const char *text, size_t n);

/* What is wrong with f's encoding, as a message with the fix, or NULL:
 * UTF-32 and UTF-16 (by byte order mark, or NUL bytes between ASCII
 * characters), lines that end in a bare CR.  *mark gets the bytes of the
 * byte order mark (1 when there is none), for a caret.  The messages
 * quote nothing of the file. */
const char *src_encoding_problem(const src_file *f, uint32_t *mark);

/* Whether f's bytes that are not UTF-8 read as GBK: each such byte starts
 * a GBK pair (lead 0x81-0xFE, trail 0x40-0xFE but 0x7F), and there are at
 * least two (a Chinese word; one pair is as likely a stray byte).  GB 2312
 * and GB 18030's two-byte characters are GBK pairs. */
bool src_looks_gbk(const src_file *f);

/* 1-based line; 1-based column counted in code points. */
void src_linecol(const src_file *f, uint32_t off, unsigned *line, unsigned *col);
/* The line containing off, without its end-of-line bytes ("\r\n" or "\n"). */
const char *src_line(const src_file *f, unsigned line, size_t *len);

/* Decodes the UTF-8 character at s[0..n), n >= 1: returns its length and
 * stores its code point, or returns 1 and stores -1 for an invalid byte
 * (overlong forms, surrogates and values past U+10FFFF are invalid).  The
 * one decoder every module uses. */
size_t src_utf8_decode(const char *s, size_t n, long *cp);

/* Invisible code points: Unicode's Default_Ignorable_Code_Point set
 * (which holds all of Bidi_Control).  Never part of a name, never shown
 * raw (present.h). */
bool src_invisible(long cp);
/* Bidi_Control: the code points that reorder text around them. */
bool src_bidi_control(long cp);

/* Display width of the UTF-8 bytes s[0..n): East Asian wide and fullwidth
 * characters count 2, combining marks 0, everything else 1. */
unsigned src_display_width(const char *s, size_t n);

#endif
