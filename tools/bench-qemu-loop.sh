#!/usr/bin/env bash
# Times the loop of `el2studio bench loop` (tests/guests/bench/loop.S: 10 integer and load/store
# instructions per iteration, exit through semihosting) under qemu-system-aarch64 TCG, with its data on
# its own page and on the code page, so that our figures can be compared with QEMU's on the same machine.
# Usage: tools/bench-qemu-loop.sh [ITERATIONS] [separate|code-page|both]   (default 100000000 both, as el2studio bench loop)
# QEMU's start-up time is measured with a 1-iteration run and subtracted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
iterations=${1:-100000000}
layout=${2:-both}
for tool in aarch64-linux-gnu-gcc qemu-system-aarch64; do
  command -v "$tool" >/dev/null || { echo "bench-qemu-loop: $tool is not installed" >&2; exit 2; }
done
case "$layout" in separate|code-page|both) ;; *) echo "bench-qemu-loop: layout is separate, code-page or both, not '$layout'" >&2; exit 2;; esac
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
build() { aarch64-linux-gnu-gcc -nostdlib -static -Wl,-Ttext=0x40000000 -Wl,--build-id=none \
            -DITERATIONS="$1" $3 -o "$2" "$root/tests/guests/bench/loop.S"; }
# prints "wall-seconds cpu-seconds" (user + system: on a busy host, closer to what QEMU itself needs)
run() {
  local TIMEFORMAT='%R %U %S'
  { time qemu-system-aarch64 -M virt -cpu max -nographic -monitor none -serial none -semihosting -kernel "$1" 2>/dev/null; } 2>&1 |
    awk '{ printf "%s %.3f\n", $1, $2 + $3 }'
}
for l in separate code-page; do
  [ "$layout" = both ] || [ "$layout" = "$l" ] || continue
  flag=""; name="on its own page"
  if [ "$l" = code-page ]; then flag=-DDATA_ON_CODE_PAGE; name="on the code page"; fi
  build 1 "$dir/one.elf" "$flag"
  build "$iterations" "$dir/loop.elf" "$flag"
  run "$dir/one.elf" >/dev/null           # warm the page cache
  startup=$(run "$dir/one.elf")
  total=$(run "$dir/loop.elf")
  count=$(( iterations * 10 + 6 ))
  awk -v n="$count" -v t="${total% *}" -v s="${startup% *}" -v tc="${total#* }" -v sc="${startup#* }" -v it="$iterations" \
      -v name="$name" 'BEGIN {
    d = t - s; if (d <= 0) d = t; dc = tc - sc; if (dc <= 0) dc = tc;
    printf "bench qemu loop (data %s): %.0f iterations, %.0f instructions in %.2f s (start-up %.2f s excluded; CPU time %.2f s: %.1f MIPS): %.1f MIPS\n",
      name, it, n, d, s, dc, n / dc / 1e6, n / d / 1e6 }'
done
