#!/usr/bin/env python3
"""Records dp-exec-qemu.tsv, the oracle of DpExecQemuTest: integer data-processing instructions
(op0 = 100x / x101) executed by qemu-aarch64 7.2 -cpu max from register states that both this script
and the Java test derive from the vector index (SplitMix64, see reg() below).

Words are random in those classes; GNU objdump 2.40 picks out the allocated ones, and instructions
that depend on the PC (adr/adrp) or belong to extensions the simulator only disassembles (PAuth,
MTE, CSSC) are left out. FEAT_FlagM's rmif/setf8/setf16 are in (qemu -cpu max has FlagM). SP starts as reg(i, 31) (SP-forms do no memory access, so any value
works); the harness parks X30 and SP in D0/D1 while it switches SP between the data block and that value.

Output, one vector per line:  index  word  nzcv_in  nzcv_out  sp_out  [n=value of every X register that changed]
Usage: gen-dp-exec-qemu.py > dp-exec-qemu.tsv   (needs aarch64-linux-gnu-gcc, -objdump, qemu-aarch64)
"""
import os, random, re, struct, subprocess, sys, tempfile, collections

M = (1 << 64) - 1
PER_MNEMONIC = 60
SKIP = re.compile(r'^(\.inst|adr|adrp|pac|aut|xpac|irg|gmi|subp|cmpp|addg|subg|smax|smin|umax|umin|abs|cnt|ctz)')

def mix(z):
    z = (z + 0x9E3779B97F4A7C15) & M
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)

EDGES = [0, 1, M, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000]

def reg(i, n):
    """Initial value of Xn in vector i (mirrored in DpExecQemuTest.reg)."""
    h = mix(i * 64 + n)
    r = mix(h)
    k = h & 7
    if k == 1: return r & 0xFFFFFFFF
    if k == 2: return r & 0xFF
    if k == 3: return EDGES[r & 7]
    if k == 4: v = r & 0xFFFFFFFF; return v | (0xFFFFFFFF00000000 if v & 0x80000000 else 0)
    if k == 5: return r >> (r & 63)
    return r

def nzcv_in(i):
    return (mix(i * 64 + 63) & 0xF) << 28

# (value, mask) of the small sub-classes that uniform words rarely hit: 1-source, 2-source, with carry,
# conditional select, conditional compare, 3-source, move wide, bitfield.
TEMPLATES = [(0x5AC00000, 0x5FFF0000), (0x1AC00000, 0x5FE00000), (0x1A000000, 0x1FE0FC00), (0x1A800000, 0x1FE00800),
             (0x1A400000, 0x1FE00410), (0x1B000000, 0x1F000000), (0x12800000, 0x1F800000), (0x13000000, 0x1F800000)]

def candidates(rnd, count):
    ws = []
    for k in range(count):
        w = rnd.getrandbits(32)
        if k % 4 == 3:
            value, mask = TEMPLATES[rnd.randrange(len(TEMPLATES))]
            w = (w & ~mask) | value
        elif k & 1: w = (w & ~(0xE << 25)) | (0x8 << 25)
        else: w = (w & ~(0x7 << 25)) | (0x5 << 25)
        # bias register fields towards equal registers and register 31, where aliases live
        c = rnd.randrange(8)
        if c == 0: w = (w & ~(31 << 16)) | (((w >> 5) & 31) << 16)   # Rm = Rn
        elif c == 1: w |= 31 << 5
        elif c == 2: w |= 31 << 16
        elif c == 3: w |= 31 << 10
        ws.append(w & 0xFFFFFFFF)
    return ws

def objdump(words, tmp):
    path = os.path.join(tmp, 'w.bin')
    with open(path, 'wb') as f:
        f.write(b''.join(struct.pack('<I', w) for w in words))
    out = subprocess.run(['aarch64-linux-gnu-objdump', '-D', '-b', 'binary', '-m', 'aarch64', path],
                         capture_output=True, text=True, check=True).stdout
    texts = {}
    for line in out.splitlines():
        m = re.match(r'^\s*([0-9a-f]+):\t[0-9a-f]{8} \t(.*)$', line)
        if m: texts[int(m.group(1), 16) // 4] = m.group(2).replace('\t', ' ')
    return [texts.get(i, '') for i in range(len(words))]

def main():
    rnd = random.Random(0xD9E)
    tmp = tempfile.mkdtemp()
    words = candidates(rnd, 400000)
    texts = objdump(words, tmp)
    chosen, per = [], collections.Counter()
    for w, t in zip(words, texts):
        # one quota per mnemonic, and another for its SP forms
        mn = t.split(' ')[0] + (' sp' if re.search(r'\b(w?sp)\b', t) else '')
        if not t or SKIP.match(t) or per[mn] >= PER_MNEMONIC:
            continue
        per[mn] += 1
        chosen.append(w)
    n = len(chosen)
    asm = ['.text', '.global _start', '_start:']
    for i, w in enumerate(chosen):
        blk = 'blk+%d' % (i * 512)
        spb = 'spblk+%d' % (i * 16)
        asm += ['adrp x30, %s' % spb, 'add x30, x30, :lo12:%s' % spb, 'ldr x30, [x30]', 'fmov d1, x30',
                'adrp x30, %s' % blk, 'add x30, x30, :lo12:%s' % blk, 'mov sp, x30',
                'ldr x30, [sp, #248]', 'msr nzcv, x30']
        asm += ['ldp x%d, x%d, [sp, #%d]' % (r, r + 1, r * 8) for r in range(0, 30, 2)]
        asm += ['ldr x30, [sp, #240]', 'fmov d0, x30', 'fmov x30, d1', 'mov sp, x30', 'fmov x30, d0']
        asm += ['.inst 0x%08x' % w]
        asm += ['fmov d0, x30', 'mov x30, sp', 'fmov d1, x30',
                'adrp x30, %s' % blk, 'add x30, x30, :lo12:%s' % blk, 'mov sp, x30']
        asm += ['stp x%d, x%d, [sp, #%d]' % (r, r + 1, 256 + r * 8) for r in range(0, 30, 2)]
        asm += ['fmov x30, d0', 'str x30, [sp, #496]', 'mrs x30, nzcv', 'str x30, [sp, #504]',
                'adrp x0, %s' % spb, 'add x0, x0, :lo12:%s' % spb, 'fmov x1, d1', 'str x1, [x0, #8]']
    asm += ['mov x0, #1', 'adrp x1, blk', 'add x1, x1, :lo12:blk', 'ldr x2, =%d' % (n * 512), 'mov x8, #64', 'svc #0',
            'mov x0, #1', 'adrp x1, spblk', 'add x1, x1, :lo12:spblk', 'ldr x2, =%d' % (n * 16), 'mov x8, #64', 'svc #0',
            'mov x0, #0', 'mov x8, #93', 'svc #0', '.ltorg', '.data', '.balign 4096', 'spblk:']
    for i in range(n):
        asm.append('.quad 0x%x, 0' % reg(i, 31))
    asm += ['.balign 4096', 'blk:']
    for i in range(n):
        vals = [reg(i, r) for r in range(31)] + [nzcv_in(i)] + [0] * 32
        asm.append('.quad ' + ','.join('0x%x' % v for v in vals))
    src, exe = os.path.join(tmp, 'v.s'), os.path.join(tmp, 'v')
    with open(src, 'w') as f: f.write('\n'.join(asm) + '\n')
    subprocess.run(['aarch64-linux-gnu-gcc', '-nostdlib', '-static', '-o', exe, src], check=True)
    raw = subprocess.run(['qemu-aarch64', '-cpu', 'max', exe], capture_output=True, check=True).stdout
    assert len(raw) == n * 528, len(raw)
    print('# index\tword\tnzcv_in\tnzcv_out\tsp_out\tchanged X registers (n=value); recorded by '
          'gen-dp-exec-qemu.py with qemu-aarch64 -cpu max')
    for i, w in enumerate(chosen):
        out = struct.unpack_from('<32Q', raw, i * 512 + 256)
        sp_out = struct.unpack_from('<Q', raw, n * 512 + i * 16 + 8)[0]
        changed = ['%d=%x' % (r, out[r]) for r in range(31) if out[r] != reg(i, r)]
        print('%d\t%08x\t%x\t%x\t%x\t%s' % (i, w, nzcv_in(i) >> 28, out[31] >> 28, sp_out, ' '.join(changed)))

main()
