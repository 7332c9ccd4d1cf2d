#!/usr/bin/env bash
# Times training steps on the bench shapes with 1 and 2 workers of this checkout and with an older
# checkout's default (and that build on one thread), alternated: every round runs each variant once
# per shape, the order rotating from round to round. Prints a Markdown table, a row per shape: the
# median step time of each variant and, for each ratio, the median of the rounds' ratios and their
# range.
#
#   experiments/measure-workers.sh OLD_CHECKOUT [ROUNDS] [REPETITIONS] [SHAPES]
#
# OLD_CHECKOUT: a checkout of the build to compare with (its ./suite must know the shapes);
# SHAPES: shape:attention pairs (default music-small:relative image-tiny:local2d image-fashion:local2d).
# Raw figures go to target/measure-workers.tsv. Run it on an otherwise idle machine.
set -euo pipefail
NEW="$(cd "$(dirname "$0")/.." && pwd)"
OLD="$(cd "${1:?usage: $0 OLD_CHECKOUT [ROUNDS] [REPETITIONS] [SHAPES]}" && pwd)"
ROUNDS="${2:-3}"
REPS="${3:-10}"
SHAPES="${4:-music-small:relative image-tiny:local2d image-fashion:local2d}"
export OMP_WAIT_POLICY=PASSIVE
OUT="$NEW/target/measure-workers.tsv"
mkdir -p "$NEW/target"
printf 'round\tshape\tvariant\tmedian_s\n' > "$OUT"

VARIANTS=(old-default old-1-thread new-1-worker new-2-workers)
run() {                                                     # variant shape attention -> median seconds
  local args=(bench train --shape "$2" --attention "$3" --repetitions "$REPS")
  case "$1" in
    old-default) "$OLD/suite" "${args[@]}" ;;
    old-1-thread) OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$OLD/suite" "${args[@]}" ;;
    new-1-worker) "$NEW/suite" "${args[@]}" --workers 1 ;;
    new-2-workers) "$NEW/suite" "${args[@]}" --workers 2 ;;
  esac 2>/dev/null | sed -n 's/.*"median_s":\([0-9.eE-]*\).*/\1/p'
}

"$OLD/suite" --version >/dev/null 2>&1                      # builds both first, untimed
"$NEW/suite" --version >/dev/null 2>&1
for ((r = 0; r < ROUNDS; r++)); do
  for pair in $SHAPES; do
    shape="${pair%%:*}"; attention="${pair##*:}"
    for ((k = 0; k < ${#VARIANTS[@]}; k++)); do
      v="${VARIANTS[$(((k + r) % ${#VARIANTS[@]}))]}"
      s="$(run "$v" "$shape" "$attention")"
      printf '%d\t%s\t%s\t%s\n' "$r" "$pair" "$v" "$s" | tee -a "$OUT" >&2
    done
  done
done

awk -F'\t' -v rounds="$ROUNDS" '
  function median(a, n,   i, j, t) {                         # sorts a[1..n]
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
  }
  function ratio(s, a, b,   r, m) {                          # median of the rounds ratios a/b (their range)
    for (r = 0; r < rounds; r++) x[r+1] = t[s, a, r] / t[s, b, r]
    m = median(x, rounds)
    return sprintf(" | %.2f (%.2f-%.2f)", m, x[1], x[rounds])
  }
  NR > 1 { t[$2, $3, $1] = $4; shapes[$2] = 1 }
  END {
    split("old-default old-1-thread new-1-worker new-2-workers", v, " ")
    print "| shape | old default | old, 1 thread | new, 1 worker | new, 2 workers | 2 vs 1 worker | old default / new 2 workers | old 1 thread / new 1 worker |"
    print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for (s in shapes) {
      line = "| " s
      for (i = 1; i <= 4; i++) { for (r = 0; r < rounds; r++) x[r+1] = t[s, v[i], r]; line = line sprintf(" | %.3f s", median(x, rounds)) }
      print line ratio(s, "new-1-worker", "new-2-workers") ratio(s, "old-default", "new-2-workers") \
        ratio(s, "old-1-thread", "new-1-worker") " |"
    }
  }' "$OUT"
