#!/usr/bin/env bash
# mk-lsp-seeds.sh: writes the seeds of fuzz_lsp (tests/fuzz/corpus-lsp/)
# from the budgets in tests/fuzz/corpus/: for each, one session (mode
# byte 0, JSON bodies separated by NUL) that opens it, asks for every
# feature at a few positions, edits it and shuts down; plus a raw-mode
# seed with framing mistakes.  Run it again when the corpus grows.
set -eu
cd "$(dirname "$0")"
out=corpus-lsp
mkdir -p "$out"
for f in corpus/*.fisc; do
    [ "$(wc -c <"$f")" -le 8000 ] || continue
    name=$(basename "$f" .fisc)
    uri="file:///tmp/fuzz-$name.fisc"
    text=$(jq -Rs . <"$f")
    td="{\"textDocument\":{\"uri\":\"$uri\"}"
    {
        printf '\0'
        printf '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"%s","languageId":"fisc","version":1,"text":%s}}}\0' "$uri" "$text"
        id=1
        for pos in "0,0" "2,5" "5,12" "9,20" "12,9"; do
            l=${pos%,*} c=${pos#*,}
            for m in hover definition references completion prepareRename; do
                printf '{"jsonrpc":"2.0","id":%d,"method":"textDocument/%s","params":%s,"position":{"line":%d,"character":%d},"context":{"includeDeclaration":true}}}\0' "$id" "$m" "$td" "$l" "$c"
                id=$((id + 1))
            done
            printf '{"jsonrpc":"2.0","id":%d,"method":"textDocument/rename","params":%s,"position":{"line":%d,"character":%d},"newName":"新 名"}}\0' "$id" "$td" "$l" "$c"
            id=$((id + 1))
        done
        for m in documentSymbol codeLens semanticTokens/full formatting; do
            printf '{"jsonrpc":"2.0","id":%d,"method":"textDocument/%s","params":%s,"options":{}}}\0' "$id" "$m" "$td"
            id=$((id + 1))
        done
        for m in inlayHint codeAction; do
            printf '{"jsonrpc":"2.0","id":%d,"method":"textDocument/%s","params":%s,"range":{"start":{"line":0,"character":0},"end":{"line":8,"character":0}},"context":{"diagnostics":[]}}}\0' "$id" "$m" "$td"
            id=$((id + 1))
        done
        printf '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"%s","version":2},"contentChanges":[{"range":{"start":{"line":3,"character":4},"end":{"line":3,"character":9}},"text":"１２ ＝ _\\n"}]}}\0' "$uri"
        printf '{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover","params":%s,"position":{"line":3,"character":5}}}\0' "$id" "$td"
        printf '{"jsonrpc":"2.0","id":%d,"method":"shutdown"}\0{"jsonrpc":"2.0","method":"exit"}' "$((id + 1))"
    } >"$out/$name.bin"
done
# raw mode: framing that is wrong in every way the server handles
{
    printf '\1'
    printf 'Content-Length: 77\r\n\r\n{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}'
    printf 'Content-Length: 5\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{"a":'
    printf 'garbage\r\n\r\nContent-Length: 2\r\n\r\n[]'
    printf 'Content-Length: 99999999999\r\n\r\n'
} >"$out/raw-framing.bin"
echo "wrote $(ls "$out" | wc -l) seeds to tests/fuzz/$out"
