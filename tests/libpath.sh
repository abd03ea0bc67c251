#!/usr/bin/env bash
# libpath.sh: where `import "NAME.fisc"` finds a library (libpath.h).
#
# In a temporary tree with two versions of one library (A holds a code
# that B lacks) and a budget that needs that code, in a git repository of
# its own:
#   1. nothing found: the error names the folders looked in;
#   2. -I DIR, -IDIR, --library-dir=DIR and FISC_PATH each find it;
#      -I comes before FISC_PATH, FISC_PATH's entries in order, entries
#      that are empty or not folders skipped;
#   3. a file beside the budget comes before every library folder;
#   4. -I that is not a folder is a usage error (exit 2);
#   5. a library folder is within reach though outside the repository,
#      even when an import names a file in it by its full path; a folder
#      that is not a library folder is not;
#   6. a library reached two ways (by name and by path) is read once;
#   7. diff, build and report take -I too.
# Prints "ok libpath: ..." / "FAIL libpath: ...".
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
unset FISC_PATH

# expect NAME STATUS PATTERN COMMAND...: the exit status, and a line of
# stdout+stderr matching PATTERN (grep -E; empty: no requirement).
expect() {
    local name=$1 want=$2 pat=$3
    shift 3
    "$@" >"$tmp/out" 2>&1
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL libpath: $name: exit $got, want $want"; sed 's/^/    /' "$tmp/out" | head -5; fails=$((fails + 1))
    elif [ -n "$pat" ] && ! grep -Eq -- "$pat" "$tmp/out"; then
        echo "FAIL libpath: $name: no line matches /$pat/"; sed 's/^/    /' "$tmp/out" | head -5; fails=$((fails + 1))
    else
        echo "ok libpath: $name"
    fi
}

mkdir -p "$tmp/A" "$tmp/B" "$tmp/other" "$tmp/empty" "$tmp/repo/budgets"
git init -q "$tmp/repo"
cat >"$tmp/A/cls.fisc" <<'EOF'
classification 支出功能分类 "A" {
    201 一般公共服务支出
    205 教育支出
}
EOF
cat >"$tmp/B/cls.fisc" <<'EOF'
classification 支出功能分类 "B" {
    201 一般公共服务支出
}
EOF
cp "$tmp/A/cls.fisc" "$tmp/other/cls.fisc"
b=$tmp/repo/budgets/b.fisc
cat >"$b" <<'EOF'
budget "测试单位" {
    year 2024
}

import "cls.fisc"

table t01 "支出表" {
    columns {
        金额
    }
    rows 支出功能分类 {
        205 教育支出 = 1
    }
}
EOF

# 1. nowhere
expect "not found: no folder given" 1 "cannot import 'cls.fisc': not beside this file \(in .*/repo/budgets\), and no library folder is given \(-I DIR or FISC_PATH\)" $FISC check "$b"
expect "not found: the folders looked in" 1 "cannot import 'cls.fisc': not beside this file \(in .*/repo/budgets\) nor in a library folder \($tmp/empty, $tmp/repo\)" env FISC_PATH="$tmp/repo" $FISC check -I "$tmp/empty" "$b"

# 2. each way of naming the folder, and the order
expect "-I DIR" 0 "" $FISC check -I "$tmp/A" "$b"
expect "-IDIR" 0 "" $FISC check -I"$tmp/A" "$b"
expect "--library-dir=DIR" 0 "" $FISC check --library-dir="$tmp/A" "$b"
expect "-I before the command" 0 "" $FISC -I "$tmp/A" check "$b"
expect "FISC_PATH" 0 "" env FISC_PATH="$tmp/A" $FISC check "$b"
expect "FISC_PATH: empty and missing entries skipped" 0 "" env FISC_PATH=":$tmp/none::$tmp/A:" $FISC check "$b"
expect "FISC_PATH in order (B first: no 205)" 1 "code 205 is not in classification" env FISC_PATH="$tmp/B:$tmp/A" $FISC check "$b"
expect "FISC_PATH in order (A first)" 0 "" env FISC_PATH="$tmp/A:$tmp/B" $FISC check "$b"
expect "-I before FISC_PATH" 0 "" env FISC_PATH="$tmp/B" $FISC check -I "$tmp/A" "$b"
expect "-I in the order given" 1 "code 205 is not in classification" $FISC check -I "$tmp/B" -I "$tmp/A" "$b"

# 3. beside the budget first
cp "$tmp/B/cls.fisc" "$tmp/repo/budgets/cls.fisc"
expect "a file beside the budget comes first" 1 "code 205 is not in classification" $FISC check -I "$tmp/A" "$b"
rm "$tmp/repo/budgets/cls.fisc"

# 4. -I must name a folder
expect "-I a missing folder" 2 "fisc check: -I '$tmp/none': not a folder" $FISC check -I "$tmp/none" "$b"
expect "-I a file" 2 "not a folder" $FISC check -I "$tmp/A/cls.fisc" "$b"
expect "-I to fmt" 2 "does not apply" $FISC fmt -I "$tmp/A" "$b"

# 5. reach: library folders are trusted, other folders are not
sed "s|import \"cls.fisc\"|import \"$tmp/A/cls.fisc\"|" "$b" >"$tmp/repo/budgets/full.fisc"
expect "a library folder's file by its full path" 0 "" $FISC check -I "$tmp/A" "$tmp/repo/budgets/full.fisc"
expect "the same file, not a library folder: refused" 1 "cannot import '$tmp/A/cls.fisc': it is outside the budget's repository" $FISC check "$tmp/repo/budgets/full.fisc"
sed "s|import \"cls.fisc\"|import \"$tmp/other/cls.fisc\"|" "$b" >"$tmp/repo/budgets/other.fisc"
expect "another folder outside the repository: refused" 1 "it is outside the budget's repository" $FISC check -I "$tmp/A" "$tmp/repo/budgets/other.fisc"

# 6. one library, two ways
cat >"$tmp/A/both.fisc" <<'EOF'
import "cls.fisc"
EOF
sed "s|import \"cls.fisc\"|import \"both.fisc\"\nimport \"$tmp/A/cls.fisc\"|" "$b" >"$tmp/repo/budgets/twice.fisc"
expect "by name and by path: read once" 0 "" $FISC check -I "$tmp/A" "$tmp/repo/budgets/twice.fisc"

# 7. the other commands that compile
expect "build -I" 0 "" $FISC build -I "$tmp/A" "$b" -o "$tmp/built"
expect "report -I" 0 "" $FISC report -I "$tmp/A" "$b"
expect "diff -I" 0 "" $FISC diff -I "$tmp/A" "$b" "$b"

cd "$root"
[ "$fails" -eq 0 ]
