/* lsp.h: `fisc lsp`, a Language Server Protocol 3.17 server.
 *
 * The server speaks JSON-RPC 2.0 framed with Content-Length headers over
 * any byte stream; `fisc lsp` uses stdin and stdout.  The layers, one
 * way down: lsp_rpc (framing, JSON-RPC, protocol errors), lsp_server
 * (lifecycle, open documents, compiling, dispatch), the language
 * features (lsp_feat_*.c), lsp_index (the one place that reads the
 * compiler's syntax tree and model) and lsp_text (positions in UTF-8,
 * UTF-16 or UTF-32 code units).  docs/editors.md describes what an
 * editor gets. */
#ifndef FISC_LSP_H
#define FISC_LSP_H

#include <stdbool.h>
#include <stddef.h>
#include "cli.h"

/* The byte streams a server talks over. */
typedef struct lsp_io {
    /* Reads up to n bytes into buf: the count, 0 at end of input, -1 on error. */
    long (*read)(void *ctx, char *buf, size_t n);
    /* True when input is waiting (a read would not block); NULL: never. */
    bool (*ready)(void *ctx);
    /* Writes all n bytes; false on error. */
    bool (*write)(void *ctx, const char *buf, size_t n);
    void *ctx;
} lsp_io;

/* Serves one client until 'exit' or the end of input.  Returns 0 when
 * the client sent shutdown before exit, 1 otherwise (LSP's rule). */
int lsp_serve(const lsp_io *io);

/* fisc lsp [--stdio]: serves on stdin/stdout (--stdio, accepted for the
 * editors that pass it, changes nothing). */
int cmd_lsp(cli_args *a);

#endif
