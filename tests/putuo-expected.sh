#!/usr/bin/env bash
# putuo-expected.sh: the second real example's acceptance test (issue 11
# item 1).  Every number printed in the nine 决算表 of the Putuo 2024 部门决算
# (tests/data/putuo-expected/tNN.csv, typed by hand from the document; see
# the README there) must be in the CSVs that
# examples/putuo-finance-2024-final.fisc builds, at its row and column:
# tests/seed-expected.sh, pointed at this budget and its numbers.
#
#   FISC=build/fisc tests/putuo-expected.sh
#
# Prints "ok putuo-expected: N numbers" or one "FAIL putuo-expected: ..."
# line per number not found.
set -u
cd "$(dirname "$0")/.."
exec bash tests/seed-expected.sh examples/putuo-finance-2024-final.fisc tests/data/putuo-expected
