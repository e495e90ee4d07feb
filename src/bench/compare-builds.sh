#!/usr/bin/env bash
# Start-up and replay of two amsh checkouts, alternating in one run, for "no worse than the main before":
#   src/bench/compare-builds.sh PREVIOUS_CHECKOUT NEW_CHECKOUT [NEW_WORK_DIR]
# Each checkout is built by its own ./amsh; the catalogs are made by the previous one.
set -euo pipefail
PREV=$1 NEW=$2 W=${3:-}
RUNS=${RUNS:-10} REPLAYS=${REPLAYS:-3}
# A directory of its own, owner-only: a new one under $TMPDIR (removed at the end), or the one named,
# which must not exist yet (kept, to look into).
if [ -z "$W" ]; then W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; else mkdir -m 700 "$W"; fi
echo "working in $W"
head -c 4096 /dev/urandom > "$W/image.bin"
for i in $(seq -w 0 9999); do echo "image add img-$i $W/image.bin"; done > "$W/add10k.txt"
head -1000 "$W/add10k.txt" > "$W/add1k.txt"
# 1,000 whole-image deletes, none of them the type's default (img-0000)
for i in $(seq 1 1000); do printf 'image delete img-%04d --yes\n' $((i * 9)); done > "$W/delete.txt"

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "building the catalogs with the previous build"
AMSH_SERVICE=off "$PREV/amsh" --catalog "$W/c1k" script "$W/add1k.txt" --atomic --yes | tail -1
AMSH_SERVICE=off "$PREV/amsh" --catalog "$W/c10k" script "$W/add10k.txt" --atomic --yes | tail -1
for build in prev new; do
  dir=$PREV; [ $build = new ] && dir=$NEW
  for c in c1k c10k; do cp -a "$W/$c" "$W/$c-$build"; done
  cp -a "$W/c1k" "$W/c1k-$build-served"
  # the first open upgrades a catalog to the build's schema: untimed
  AMSH_SERVICE=off "$dir/amsh" --catalog "$W/c1k-$build" image list > /dev/null
  AMSH_SERVICE=off "$dir/amsh" --catalog "$W/c10k-$build" image list > /dev/null
  "$dir/amsh" --catalog "$W/c1k-$build-served" image list > /dev/null
done

: > "$W/inproc-prev"; : > "$W/inproc-new"; : > "$W/served-prev"; : > "$W/served-new"
for r in $(seq "$RUNS"); do
  for build in prev new; do
    dir=$PREV; [ $build = new ] && dir=$NEW
    t=$(now); AMSH_SERVICE=off "$dir/amsh" --catalog "$W/c1k-$build" image list > /dev/null; echo $(( ($(now) - t) / 1000000 )) >> "$W/inproc-$build"
    t=$(now); "$dir/amsh" --catalog "$W/c1k-$build-served" image list > /dev/null; echo $(( ($(now) - t) / 1000000 )) >> "$W/served-$build"
  done
done
for mode in atomic perline; do
  : > "$W/$mode-prev"; : > "$W/$mode-new"
  for r in $(seq "$REPLAYS"); do
    for build in prev new; do
      dir=$PREV; [ $build = new ] && dir=$NEW
      rm -rf "$W/run" && cp -a "$W/c10k-$build" "$W/run"
      flag=(); [ $mode = atomic ] && flag=(--atomic)
      AMSH_SERVICE=off "$dir/amsh" --catalog "$W/run" script "$W/delete.txt" --yes "${flag[@]}" | tail -1 \
        | sed -E 's/.*, ([0-9]+) lines\/s.*/\1/' >> "$W/$mode-$build"
    done
  done
done
"$PREV/amsh" --catalog "$W/c1k-prev-served" serve --stop > /dev/null
"$NEW/amsh" --catalog "$W/c1k-new-served" serve --stop > /dev/null

echo "| figure | previous | new | new / previous |"
echo "|---|---|---|---|"
row() { p=$(median < "$W/$2-prev"); n=$(median < "$W/$2-new"); echo "| $1 | $p $3 | $n $3 | $(awk -v p="$p" -v n="$n" 'BEGIN {printf "%.2fx", n / p}') |"; }
row "one-shot image list, 1,000 images, no service (median of $RUNS)" inproc ms
row "one-shot image list, 1,000 images, service warm (median of $RUNS)" served ms
row "replay --atomic, 1,000 deletes on 10,000 images (median of $REPLAYS)" atomic lines/s
row "replay per line, 1,000 deletes on 10,000 images (median of $REPLAYS)" perline lines/s
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
