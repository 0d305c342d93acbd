#!/bin/bash
# `rg -c WORD` and `sahifa search WORD --json` on one JSONL file, in turn,
# RUNS times each; prints the median wall time, peak RSS and the CPU time
# (user+sys) of the median run, and the load average before and after. OLD=path
# adds another sahifa binary (the previous build) to each turn. MODE is how
# sahifa prints what it found: `--count` (default: a number, as `rg -c`
# does), `--json` (every match's place) or empty (the listing).
#   cargo run --release --example gen_corpus -- --count 100000 --out /tmp/c100k.jsonl
#   F=/tmp/c100k.jsonl tools/bench_search_jsonl.sh بلينكن زابوريجيا روسيا
F=${F:-/tmp/c100k.jsonl}
NEW=${NEW:-target/release/sahifa}
RUNS=${RUNS:-5}
MODE=${MODE---count}
tools="rg new"
[ -n "$OLD" ] && tools="$tools old"
cat "$F" > /dev/null
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for w in "$@"; do
  for tool in $tools; do : > "/tmp/sahifa-bench-$tool"; done
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M %U %S" -a -o /tmp/sahifa-bench-rg rg -c "$w" "$F" > /dev/null
    /usr/bin/time -f "%e %M %U %S" -a -o /tmp/sahifa-bench-new "$NEW" --corpus "$F" search "$w" $MODE > /dev/null 2>&1
    [ -n "$OLD" ] && /usr/bin/time -f "%e %M %U %S" -a -o /tmp/sahifa-bench-old "$OLD" --corpus "$F" search "$w" $MODE > /dev/null 2>&1
  done
  for tool in $tools; do
    grep -v Command "/tmp/sahifa-bench-$tool" | sort -n | awk -v w="$w" -v t="$tool" \
      '{s[NR]=$1; m[NR]=$2; c[NR]=$3+$4} END {k=int((NR+1)/2); printf "%s %s: median %.2f s (%.2f–%.2f), %d KB, CPU %.2f s\n", w, t, s[k], s[1], s[NR], m[k], c[k]}'
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
