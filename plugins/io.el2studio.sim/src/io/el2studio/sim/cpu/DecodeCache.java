package io.el2studio.sim.cpu;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Exec;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.mem.PhysBus;

/**
 * Predecoded instructions by physical address: each 4 KiB RAM page that has been executed holds the
 * handler of each of its 1024 words, decoded on first execution, with the fast kind and operands the
 * run loop executes it by ({@link FastOps}, derived from the decoded row) and the blocks translated
 * from it ({@link Block}). A store into such a page (through the bus, or the PE's direct RAM access,
 * which tells the bus) drops only the decoded instructions whose words it changes, and the blocks that
 * contain them ({@link #codeWritten}): data beside code costs nothing, self-modifying code and loaders
 * see their new instructions at once (as QEMU does; the architecture allows the old or the new one
 * until the cache maintenance of Arm ARM B2.4.4 / D7.5.2 "Instruction cache maintenance", and this
 * always gives the new). {@code IC IALLU} and friends call {@link #invalidateAll}, which re-checks pages
 * against RAM. Shared by every PE of a machine: they implement the same features.
 */
public final class DecodeCache implements PhysBus.CodeWatcher {
    /** The handler used for words that have not been decoded yet. */
    private static final Exec UNDECODED = null;
    static final Exec UNDEFINED = (cpu, w) -> {
        throw GuestFault.undefined();
    };

    /** Decoded handlers and words of one page. */
    public static final class Page {
        final Exec[] execs = new Exec[1024];
        final int[] words = new int[1024];
        /** The fast kind and operands of each word (FastOps); FastOps.UNDECODED until decoded. */
        final int[] ops = new int[1024];
        final long[] imms = new long[1024];
        /** Translated blocks by first slot (FastOps.BLOCK in ops), created with the first one. */
        Block[] blocks;
        /** Arrivals at each slot by a branch or a page entry, until it is translated (PageLoop). */
        final int[] heat = new int[1024];
        final long pa;
        /**
         * Set when the page is dropped (code written, invalidation): a run loop that holds the page
         * across instructions checks it after each one and looks the page up again.
         */
        boolean dropped;
        /** The {@link #invalidateAll} epoch the page was last checked against RAM in. */
        long epoch;
        /** Slots marked {@link FastOps#BREAK} for the current page visit ({@link #markBreakpoints}); null = none. */
        int[] bpSlots;
        /** The ops those slots had before they were marked. */
        int[] bpSaved;

        Page(long pa) {
            this.pa = pa;
        }

        /**
         * Whether a naturally aligned store of {@code size} (at most 8) bytes at RAM offset {@code o} in
         * this page may change a decoded word (always, once the page is dropped: its successor may have more).
         */
        boolean overlapsDecoded(int o, int size) {
            return dropped || execs[(o >>> 2) & 1023] != UNDECODED || execs[((o + size - 1) >>> 2) & 1023] != UNDECODED;
        }
    }

    /**
     * Arrivals at an instruction (by a branch or an entry into its page) after which the run loop
     * translates the block starting there (BlockCompiler); 0 = never translate. System property
     * {@code io.el2studio.sim.blockThreshold}.
     */
    public int blockThreshold = Integer.getInteger("io.el2studio.sim.blockThreshold", 10_000);
    /** Blocks translated so far (statistics, tests). */
    public long blocksTranslated;

    private final PhysBus bus;
    private final Decoder decoder;
    private final Page[] pages;
    /** Bumped by {@link #invalidateAll}. */
    private long epoch;

    public DecodeCache(PhysBus bus, Decoder decoder) {
        this.bus = bus;
        this.decoder = decoder;
        this.pages = new Page[(int) ((bus.ram.size() + 4095) >>> 12)];
        bus.setCodeWatcher(this);
    }

    public Decoder decoder() {
        return decoder;
    }

    /** The page of RAM holding {@code pa}, creating it on first use; null when {@code pa} is not RAM. */
    public Page page(long pa) {
        long off = pa - bus.ram.base;
        if (off < 0 || off >= bus.ram.size()) {
            return null;
        }
        int i = (int) (off >>> 12);
        Page p = pages[i];
        if (p == null) {
            p = new Page(pa & ~0xFFFL);
            p.epoch = epoch;
            pages[i] = p;
            bus.markCodePage(pa);
        } else if (p.epoch != epoch) {
            p = revalidate(i, p);
        }
        return p;
    }

    /**
     * How many words of the RAM page holding {@code pa} have been decoded (executed, or looked at by the
     * translator), without creating the page; 0 for a page never executed or not RAM (bench debug).
     */
    public int decodedWords(long pa) {
        long off = pa - bus.ram.base;
        Page p = off < 0 || off >= bus.ram.size() ? null : pages[(int) (off >>> 12)];
        int n = 0;
        if (p != null) {
            for (Exec e : p.execs) {
                n += e != UNDECODED ? 1 : 0;
            }
        }
        return n;
    }

    /** Whether the word at {@code pa} has been decoded (see {@link #decodedWords}). */
    public boolean decoded(long pa) {
        long off = pa - bus.ram.base;
        Page p = off < 0 || off >= bus.ram.size() ? null : pages[(int) (off >>> 12)];
        return p != null && p.execs[(int) (off >>> 2) & 1023] != UNDECODED;
    }

    /** The decoded page holding {@code pa}, without creating one; null when there is none. */
    Page existing(long pa) {
        long off = pa - bus.ram.base;
        return off < 0 || off >= bus.ram.size() ? null : pages[(int) (off >>> 12)];
    }

    /** The handler for the word at index {@code i} of page {@code p}; decodes it on first use. */
    Exec exec(Page p, int i) {
        Exec e = p.execs[i];
        if (e == UNDECODED) {
            int w = bus.ram.read32((int) (p.pa + (i << 2) - bus.ram.base));
            p.words[i] = w;
            Row r = decoder.decode(w);
            e = r == null ? UNDEFINED : r.exec();
            p.execs[i] = e;
            FastOps.classify(r, w, p.ops, p.imms, i); // after execs[i]: a kind other than UNDECODED implies it
        }
        return e;
    }

    int word(Page p, int i) {
        return p.words[i];
    }

    Exec handlerOf(int w) {
        Row r = decoder.decode(w);
        return r == null ? UNDEFINED : r.exec();
    }

    /**
     * Bytes {@code [pa, pa + size)} of RAM were written: every decoded page they touch keeps what they
     * did not change. A page with a changed decoded word is replaced by a copy without those slots and
     * without the blocks containing them; the old page is marked dropped, so a run loop or a block that
     * holds it stops after the store and looks the page up again (an instruction written ahead of the
     * running code, in the same block even, is the new one when reached).
     */
    @Override
    public void codeWritten(long pa, int size) {
        long start = pa - bus.ram.base, end = start + size; // RAM offsets, end exclusive
        for (long po = Math.max(0, start) & ~0xFFFL; po < end && (po >>> 12) < pages.length; po += 0x1000) {
            Page p = pages[(int) (po >>> 12)];
            if (p == null) {
                continue;
            }
            int from = (int) (Math.max(start, po) - po) >>> 2, to = (int) (Math.min(end, po + 0x1000) - 1 - po) >>> 2;
            for (int j = from; j <= to; j++) {
                if (p.execs[j] != UNDECODED && bus.ram.read32((int) po + (j << 2)) != p.words[j]) {
                    pages[(int) (po >>> 12)] = without(p, j, to);
                    break;
                }
            }
        }
    }

    /**
     * A copy of {@code p} without the decoded slots {@code from..to} and the blocks that contain any of
     * them (the others move to the copy, so they keep running); {@code p} is dropped. Breakpoint marks
     * are not copied: the next visit of the page marks them again.
     */
    private Page without(Page p, int from, int to) {
        Page q = new Page(p.pa);
        q.epoch = p.epoch;
        System.arraycopy(p.execs, 0, q.execs, 0, 1024);
        System.arraycopy(p.words, 0, q.words, 0, 1024);
        System.arraycopy(p.ops, 0, q.ops, 0, 1024);
        System.arraycopy(p.imms, 0, q.imms, 0, 1024);
        System.arraycopy(p.heat, 0, q.heat, 0, 1024);
        if (p.bpSlots != null) {
            for (int k = 0; k < p.bpSlots.length; k++) {
                q.ops[p.bpSlots[k]] = p.bpSaved[k];
            }
        }
        if (p.blocks != null) {
            q.blocks = new Block[1024];
            for (int s = 0; s < 1024; s++) {
                Block b = p.blocks[s];
                if (b == null || (q.ops[s] & 0xFF) != FastOps.BLOCK) {
                    continue;
                }
                if (s + b.length <= from || s > to) {
                    q.blocks[s] = b;
                    b.page = q;
                } else {
                    q.ops[s] = b.firstOp;
                    q.heat[s] = 0;
                }
            }
        }
        for (int j = from; j <= to; j++) {
            q.execs[j] = UNDECODED;
            q.ops[j] = FastOps.UNDECODED;
            q.imms[j] = 0;
            q.heat[j] = 0;
            if (q.blocks != null) {
                q.blocks[j] = null;
            }
        }
        p.dropped = true;
        return q;
    }

    /**
     * Marks the slots {@code want} of {@code p} (null = none) {@link FastOps#BREAK} for a visit of the
     * page by a PE with breakpoints (PageLoop), restoring the ones marked before. A marked slot is
     * decoded first (a later decode must not overwrite the mark), and the blocks that contain it are
     * given back to the interpreter: a breakpoint ends a translated block before its address.
     */
    void markBreakpoints(Page p, int[] want) {
        int[] old = p.bpSlots;
        if (old != null) {
            for (int k = 0; k < old.length; k++) {
                p.ops[old[k]] = p.bpSaved[k];
                p.heat[old[k]] = 0;
            }
        }
        p.bpSlots = null;
        p.bpSaved = null;
        if (want == null) {
            return;
        }
        int[] saved = new int[want.length];
        for (int k = 0; k < want.length; k++) {
            int j = want[k];
            exec(p, j);
            if (p.blocks != null) {
                for (int s = Math.max(0, j - BlockCompiler.MAX_LENGTH + 1); s <= j; s++) {
                    Block b = p.blocks[s];
                    if (b != null && (p.ops[s] & 0xFF) == FastOps.BLOCK && s + b.length > j) {
                        p.ops[s] = b.firstOp;
                        p.blocks[s] = null;
                        p.heat[s] = 0;
                    }
                }
            }
            saved[k] = p.ops[j];
            p.ops[j] = FastOps.BREAK;
        }
        p.bpSlots = want;
        p.bpSaved = saved;
    }

    /**
     * Instruction-cache invalidation (IC IALLU, IC IVAU ...): every decoded page must be checked
     * against RAM before it is used again. Stores through the bus already drop the pages they write
     * (codeWritten), so this matters only for RAM changed behind the bus (test harnesses); rather than
     * drop and decode everything again (Linux invalidates by VA line after line), it starts a new epoch,
     * and {@link #page} compares a page of an older epoch with RAM on its next use.
     */
    public void invalidateAll() {
        epoch++;
    }

    /**
     * Instruction-cache invalidation of one line (IC IVAU): the decoded page holding {@code pa}, if
     * any, is checked against RAM before its next use, as {@link #invalidateAll} does for every page.
     */
    public void invalidatePage(long pa) {
        long off = pa - bus.ram.base;
        if (off < 0 || off >= bus.ram.size()) {
            return;
        }
        Page p = pages[(int) (off >>> 12)];
        if (p != null) {
            p.epoch = -1; // no epoch: page() revalidates it
        }
    }

    /** Page {@code p} (index {@code i}) of an older epoch: kept if its decoded words still match RAM, else dropped. */
    private Page revalidate(int i, Page p) {
        int base = (int) (p.pa - bus.ram.base);
        for (int k = 0; k < 1024; k++) {
            if (p.execs[k] != null && bus.ram.read32(base + (k << 2)) != p.words[k]) {
                p.dropped = true;
                Page fresh = new Page(p.pa);
                fresh.epoch = epoch;
                pages[i] = fresh;
                return fresh;
            }
        }
        p.epoch = epoch;
        return p;
    }
}
