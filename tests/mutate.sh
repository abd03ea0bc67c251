#!/usr/bin/env bash
# mutate.sh: the Fidelity bar "change any one number in the source: fisc
# check must fail or warn", on examples/longgang-2022.fisc.
#
#   FISC=build/fisc tests/mutate.sh [-v]
#
# Every amount literal of the example (a number after `=`, `was`, `change`
# or an indicator relation, and any number in a `check`) is changed by +3 in
# its magnitude, one at a time, keeping its spelling valid (7,440 -> 7,443,
# -274 -> -277, -4% -> -7%, 0 -> 3).  A mutant is caught when `fisc check`
#   - exits 1, or exits 0 with a warning the unmutated file does not give,
#   - and some diagnostic (error, warning or note) that the unmutated file
#     does not give points at the mutated line (file:LINE:COL:).
# Numbers that are not figures are not mutated: line codes (2080109),
# header values (year 2022, rounding 1, table numbers) and digits inside
# names, strings and [references]; their counts are printed.
#
# Prints "ok mutate: N of M figures caught (K misses allowed, …)" (without
# "ok " when anything failed), and one
# "FAIL mutate: LINE: ..." line for each miss not in ALLOWED below, and for
# each ALLOWED entry that no longer misses (so the list only shrinks).  -v
# also lists the allowed misses.
# FISC may hold several words (a valgrind command line): expanded unquoted.
set -u
cd "$(dirname "$0")/.."
FISC="${FISC:-build/fisc}"
src=examples/longgang-2022.fisc
verbose=0
[ "${1:-}" = -v ] && verbose=1

# Misses no published identity can catch.  One entry a line:
#   TEXT<TAB>FIGURE<TAB>REASON
# TEXT is a fixed string the mutated source line contains (after its
# indentation), FIGURE the number as written there.  Keep each reason true.
ALLOWED=$(cat <<'EOF'
"设立社保志愿服务 U 站、志愿者之家" = 1 个	1	表11 indicator target: no identity covers it
宣传法律法规规章及办事指南报道次数 = 5 次	5	表11 indicator target: no identity covers it
文书邮寄费数 ≧ 7,500 单	7,500	表11 indicator target: no identity covers it
劳务派遣人员数 ≦ 69 人	69	表11 indicator target: no identity covers it
设立志愿服务岗位 = 10 个	10	表11 indicator target: no identity covers it
"U 站建设验收达标率" = 100%	100%	表11 indicator target: no identity covers it
金融社保终端设备正常使用率 = 100%	100%	表11 indicator target: no identity covers it
改造和更换设施工作验收达标率 = 100%	100%	表11 indicator target: no identity covers it
设备维修维护验收合格率 = 100%	100%	表11 indicator target: no identity covers it
快递业务邮寄差错率 = 0%	0%	表11 indicator target: no identity covers it
零星设备验收合格率 = 100%	100%	表11 indicator target: no identity covers it
"U 站建设及时率" = 100%	100%	表11 indicator target: no identity covers it
零星设备购置完成及时率 = 100%	100%	表11 indicator target: no identity covers it
设备维修维护完成及时率 = 100%	100%	表11 indicator target: no identity covers it
文书邮寄送达及时率 = 100%	100%	表11 indicator target: no identity covers it
宣传资料印刷完成及时率 = 100%	100%	表11 indicator target: no identity covers it
宣传栏更新维护完成及时率 = 100%	100%	表11 indicator target: no identity covers it
成本控制率 ≦ 100%	100%	表11 indicator target: no identity covers it
参保人满意度 ≥ 85%	85%	表11 indicator target: no identity covers it
员工投诉次数 = 0 次	0	表11 indicator target: no identity covers it
离休 = 0 人	0	第一部分 head count: no table or text figure to compare with
退休 = 28 人	28	第一部分 head count: no table or text figure to compare with
绩效监控编报时限 = 8 月	8	第六部分 a month (年中 8 月底前), not an amount
国有资产统计截至 = 10 月	10	第八部分 a month (截至 2021 年 10 月), not an amount
通用设备单价标准 = 50	50	第八部分 a price threshold (单价 50 万元), stated once
“三公”经费 chart	+0%	a rate of a change stated as +0 on 7 万元, both rounded to 1 万元: the rounded figures allow any rate from -6.7% to +7.1%, +3% among them
专用设备单价标准 = 100	100	第八部分 a price threshold (单价 100 万元), stated once
新增通用设备单价标准 = 50	50	第八部分 a price threshold (单价 50 万元), stated once
新增专用设备单价标准 = 100	100	第八部分 a price threshold (单价 100 万元), stated once
单价50万元以上通用设备 = 0 台（套）	0	第八部分 equipment count: no table or text figure to compare with
单价100万元以上专用设备 = 0 台（套）	0	第八部分 equipment count: no table or text figure to compare with
新增单价50万元以上通用设备 = 0 台（套）	0	第八部分 equipment count: no table or text figure to compare with
新增单价100万元以上专用设备 = 0 台（套）	0	第八部分 equipment count: no table or text figure to compare with
深圳市社会保险基金管理局龙岗分局 = 7,440 5,399 2,041 770 407 180	407	表3 of-which: only 180 <= 407 <= 770 bound it
深圳市社会保险基金管理局龙岗分局 = 7,440 5,399 2,041 770 407 180	180	表3 of-which: only 180 <= 407 bounds it
案件调查取证费用 ofwhich change -22	-22	第三部分 a part of the change -36, only bounded by it (C22)
区财政安排项目 = 364 was 0 {	0	第三部分 "新增一级项目": was 0 is that statement; nothing else gives 2021
EOF
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The mutants sit in $tmp/examples so that the example's
# import "../lib/gov-cn-2022.fisc" resolves; $tmp/.git makes $tmp a
# repository's top, which imports may reach (docs/security.md).
mkdir -p "$tmp/examples" "$tmp/m" "$tmp/.git"
cp -R lib "$tmp/lib"
cp examples/*.fisc "$tmp/examples/"   # previous "longgang-2021.fisc" resolves there
cp "$src" "$tmp/examples/base.fisc"

# 1. The figures: KIND LINE START LEN TEXT NEW (byte offsets, tab-separated).
LC_ALL=C awk '
function isdig(c) { return c >= "0" && c <= "9" }
function isbound(c) { return c == "" || c == " " || c == "\t" || c == "(" || c == "=" }
# NEW: the magnitude + 3, same sign, grouping, decimals and %.
function bump(t,    sign, pct, frac, grouped, v, g) {
    sign = ""; pct = ""; frac = ""
    if (t ~ /^[+-]/) { sign = substr(t, 1, 1); t = substr(t, 2) }
    if (t ~ /%$/) { pct = "%"; t = substr(t, 1, length(t) - 1) }
    if (index(t, ".")) { frac = substr(t, index(t, ".")); t = substr(t, 1, index(t, ".") - 1) }
    grouped = index(t, ",") > 0
    gsub(/,/, "", t)
    v = sprintf("%d", t + 3)
    if (grouped) {
        g = ""
        while (length(v) > 3) { g = "," substr(v, length(v) - 2) g; v = substr(v, 1, length(v) - 3) }
        v = v g
    }
    return sign v frac pct
}
{
    s = $0; n = length(s); inq = 0; br = 0; val = 0; prevword = ""
    t = s; sub(/^[ \t]+/, "", t); first = t; sub(/[ \t].*/, "", first)
    ischeck = (first == "check")
    for (i = 1; i <= n; i++) {
        c = substr(s, i, 1)
        if (inq) {
            if (c == "\\") { i++; continue }
            if (c == "\"") inq = 0
            continue
        }
        if (c == "\"") { inq = 1; continue }
        if (c == "/" && substr(s, i + 1, 1) == "/") break
        if (c == "[") { br++; continue }
        if (c == "]") { if (br) br--; continue }
        if (br) continue
        if (c == "{") { val = 0; continue }
        if (c == "=") {
            p = substr(s, i - 1, 1); q = substr(s, i + 1, 1)
            if (p != "=" && p != "<" && p != ">" && p != "!" && q != "=") val = 1
            continue
        }
        # indicator relations ≧ ≦ ≥ ≤ (UTF-8 E2 89 A7/A6/A5/A4)
        r3 = substr(s, i, 3)
        if (r3 == "\342\211\247" || r3 == "\342\211\246" || r3 == "\342\211\245" || r3 == "\342\211\244") { val = 1; i += 2; continue }
        if (c ~ /[A-Za-z_]/ && substr(s, i - 1, 1) !~ /[A-Za-z_0-9\200-\377]/) {
            j = i; while (j <= n && substr(s, j, 1) ~ /[A-Za-z_0-9]/) j++
            w = substr(s, i, j - i)
            if (w == "was" || w == "change") val = 1
            prevword = w
            i = j - 1
            continue
        }
        if (isdig(c) || ((c == "+" || c == "-") && isdig(substr(s, i + 1, 1)))) {
            st = i
            if (!isbound(substr(s, st - 1, 1))) {   # inside a name (单价50万元…)
                j = i; while (j <= n && substr(s, j, 1) ~ /[0-9,.]/) j++
                i = j - 1; continue
            }
            j = i + (c == "+" || c == "-")
            while (j <= n && substr(s, j, 1) ~ /[0-9,]/) j++
            if (substr(s, j, 1) == "." && isdig(substr(s, j + 1, 1))) { j++; while (j <= n && isdig(substr(s, j, 1))) j++ }
            if (substr(s, j, 1) == "%") j++
            e = substr(s, j, 1)
            if (!(e == "" || e == " " || e == "\t" || e == ")" || e == "{" || e == "}")) {
                while (j <= n && substr(s, j, 1) !~ /[ \t]/) j++   # a name starting with digits
                i = j - 1; continue
            }
            tok = substr(s, st, j - st)
            if (ischeck || val) kind = "fig"
            else if (prevword ~ /^(year|rounding|number|precision|within|tolerance)$/) kind = "header"
            else kind = "code"
            printf "%s\t%d\t%d\t%d\t%s\t%s\n", kind, NR, st, j - st, tok, (kind == "fig" ? bump(tok) : "")
            i = j - 1
            continue
        }
    }
}' "$src" >"$tmp/numbers"

nfig=$(awk -F'\t' '$1 == "fig"' "$tmp/numbers" | wc -l | tr -d ' ')
ncode=$(awk -F'\t' '$1 == "code"' "$tmp/numbers" | wc -l | tr -d ' ')
nhead=$(awk -F'\t' '$1 == "header"' "$tmp/numbers" | wc -l | tr -d ' ')
if [ "$nfig" -lt 700 ]; then
    # The example has 759 figures; far fewer means the scanner broke.
    echo "FAIL mutate: only $nfig figures found in $src"
    exit 1
fi

# 2. One mutant per figure: $tmp/examples/mN.fisc.
LC_ALL=C awk -F'\t' -v src="$src" -v dir="$tmp/examples" '
BEGIN { while ((getline l < src) > 0) line[++nl] = l }
$1 == "fig" {
    k++
    f = dir "/m" k ".fisc"
    for (i = 1; i <= nl; i++) {
        if (i == $2) print substr(line[i], 1, $3 - 1) $6 substr(line[i], $3 + $4) > f
        else print line[i] > f
    }
    close(f)
}' "$tmp/numbers"

# 3. Check the unmutated copy and every mutant (a simple loop).
NO_COLOR=1 $FISC check "$tmp/examples/base.fisc" >/dev/null 2>"$tmp/m/base.err"
rc=$?
nwarn=$(grep -c ': warning: ' "$tmp/m/base.err")
if [ "$rc" -ne 0 ] || [ "$nwarn" -ne 9 ]; then
    echo "FAIL mutate: the unmutated example gives exit status $rc and $nwarn warnings (expected 0 and 9)"
    sed 's/^/    /' "$tmp/m/base.err" | head -n 20
    exit 1
fi
# MUTATE_EVERY=N checks every Nth mutant only (make valgrind, where each
# compile is slow); the allow-list is then checked only where it applies.
every=${MUTATE_EVERY:-1}
k=0
while [ "$k" -lt "$nfig" ]; do
    k=$((k + 1))
    [ $(( (k - 1) % every )) -eq 0 ] || continue
    NO_COLOR=1 $FISC check "$tmp/examples/m$k.fisc" >/dev/null 2>"$tmp/m/$k.err"
    echo "$k $?" >>"$tmp/m/status"
done

# 4. Judge each mutant against the unmutated run.
printf '%s\n' "$ALLOWED" >"$tmp/allowed"
LC_ALL=C awk -F'\t' -v dir="$tmp" -v src="$src" -v nfig="$nfig" -v ncode="$ncode" \
    -v nhead="$nhead" -v verbose="$verbose" -v every="$every" '
# The "file:LINE:COL: severity: message" lines of an stderr file, with the
# file name dropped (each mutant has its own).
function diags(f, arr,    l, n) {
    n = 0
    while ((getline l < f) > 0) {
        if (l !~ /^[^ ]*\.fisc:[0-9]+:[0-9]+: (error|warning|note): /) continue
        sub(/^[^ ]*\.fisc:/, "", l)
        arr[++n] = l
    }
    close(f)
    return n
}
BEGIN {
    while ((getline l < src) > 0) line[++nl] = l
    while ((getline l < (dir "/allowed")) > 0) {
        split(l, a, "\t")
        # compared with runs of blanks collapsed: fisc fmt aligns figures
        gsub(/[ \t]+/, " ", a[1])
        na++; atext[na] = a[1]; afig[na] = a[2]; areason[na] = a[3]
    }
    while ((getline l < (dir "/m/status")) > 0) { split(l, a, " "); status[a[1]] = a[2] }
    nb = diags(dir "/m/base.err", b)
    for (i = 1; i <= nb; i++) base[b[i]] = 1
}
$1 == "fig" {
    k++
    if (!(k in status)) next        # not sampled (MUTATE_EVERY)
    ntried++
    L = $2; fig = $5
    text = line[L]; sub(/^[ \t]+/, "", text); gsub(/[ \t]+/, " ", text)
    rc = status[k]
    n = diags(dir "/m/" k ".err", d)
    newwarn = 0; online = 0
    for (i = 1; i <= n; i++) {
        if (d[i] in base) continue
        if (d[i] ~ /^[0-9]+:[0-9]+: warning: /) newwarn = 1
        if (index(d[i], L ":") == 1) online = 1
    }
    how = ""
    if (rc != 0 && rc != 1) how = "fisc check exited with status " rc
    else if (rc == 0 && !newwarn) how = "no new error or warning"
    else if (!online) how = (rc == 1 ? "an error" : "a new warning") ", but no new diagnostic on line " L
    if (how == "") { caught++; next }
    allowed = 0
    for (x = 1; x <= na; x++)
        if (!used[x] && afig[x] == fig && index(text, atext[x]) == 1 && rc != 2 && rc < 126) {
            allowed = x; break
        }
    if (allowed) {
        used[allowed] = 1; nallowed++
        if (verbose) printf "allowed mutate: %d: %s -> %s: %s (%s)\n", L, fig, $6, how, areason[allowed]
        next
    }
    printf "FAIL mutate: %s:%d: %s -> %s: %s | %s\n", src, L, fig, $6, how, text
    failed++
}
END {
    for (x = 1; x <= na && every == 1; x++)
        if (!used[x]) {
            printf "FAIL mutate: allowed miss \"%s\" (%s) is caught now or gone: remove it from ALLOWED\n", atext[x], afig[x]
            failed++
        }
    printf "%smutate: %d of %d figures caught (%d misses allowed, %d not allowed); not mutated: %d line codes, %d header numbers\n", \
        (failed ? "" : "ok "), caught, ntried, nallowed, failed + 0, ncode, nhead
    exit failed ? 1 : 0
}' "$tmp/numbers"
