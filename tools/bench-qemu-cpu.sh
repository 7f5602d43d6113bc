#!/usr/bin/env bash
# Times the loop of `el2studio bench cpu` (tests/guests/bench/cpu-loop.S: 16 integer and load/store
# instructions per iteration, exit through semihosting) under qemu-system-aarch64 TCG, so that our
# interpreter's figure can be compared with QEMU's on the same machine.
# Usage: tools/bench-qemu-cpu.sh [INSTRUCTIONS]   (default 500000000, as el2studio bench cpu)
# QEMU's start-up time is measured with a 1-iteration run and subtracted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
insns=${1:-500000000}
iterations=$(( (insns - 7) / 16 ))
for tool in aarch64-linux-gnu-gcc qemu-system-aarch64; do
  command -v "$tool" >/dev/null || { echo "bench-qemu-cpu: $tool is not installed" >&2; exit 2; }
done
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
build() { aarch64-linux-gnu-gcc -nostdlib -static -Wl,-Ttext=0x40000000 -Wl,--build-id=none \
            -DITERATIONS="$1" -o "$2" "$root/tests/guests/bench/cpu-loop.S"; }
build 1 "$dir/one.elf"
build "$iterations" "$dir/loop.elf"
run() {
  local t0 t1
  t0=$(date +%s.%N)
  qemu-system-aarch64 -M virt -cpu max -nographic -monitor none -serial none -semihosting -kernel "$1"
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
run "$dir/one.elf" >/dev/null           # warm the page cache
startup=$(run "$dir/one.elf")
total=$(run "$dir/loop.elf")
count=$(( iterations * 16 + 7 ))
awk -v n="$count" -v t="$total" -v s="$startup" 'BEGIN {
  d = t - s; if (d <= 0) d = t;
  printf "bench qemu cpu: %d instructions in %.2f s (start-up %.2f s excluded): %.1f MIPS\n", n, d, s, n / d / 1e6 }'
