/* lsp_rpc.h: JSON-RPC 2.0 over LSP's base protocol (Content-Length
 * framing), for the language server.  Knows nothing of the language. */
#ifndef FISC_LSP_RPC_H
#define FISC_LSP_RPC_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "lsp.h"

/* Largest message body accepted (a 1,000,000-line budget is 57 MB). */
#define RPC_MAX_BODY ((size_t)128 << 20)
/* Largest header section (all header lines of one message). */
#define RPC_MAX_HEADER 8192

/* JSON-RPC and LSP error codes. */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_INTERNAL_ERROR = -32603,
    RPC_SERVER_NOT_INITIALIZED = -32002,
    RPC_REQUEST_FAILED = -32803,
};

typedef struct rpc_conn {
    const lsp_io *io;
    char *buf;              /* bytes read and not yet consumed */
    size_t start, len, cap;
    bool eof;
} rpc_conn;

/* One message, validated. */
typedef struct rpc_msg {
    json_t *root;           /* owned: json_decref when done */
    json_t *id;             /* borrowed; NULL for a notification */
    const char *method;     /* NULL for a response from the client */
    json_t *params;         /* borrowed; NULL when absent */
} rpc_msg;

void rpc_init(rpc_conn *c, const lsp_io *io);
void rpc_free(rpc_conn *c);

/* Reads the next message.  1: *m filled.  0: end of input.  -1: the
 * message was malformed; the error response has been sent and the
 * stream is positioned after it. */
int rpc_read(rpc_conn *c, rpc_msg *m);
/* Input is waiting (buffered or readable without blocking). */
bool rpc_pending(const rpc_conn *c);

/* Sends a result (stolen reference; NULL sends JSON null) for id. */
bool rpc_result(rpc_conn *c, json_t *id, json_t *result);
/* Sends an error response for id (NULL: JSON null). */
bool rpc_error(rpc_conn *c, json_t *id, int code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Sends a notification (params stolen). */
bool rpc_notify(rpc_conn *c, const char *method, json_t *params);

#endif
