package io.el2studio.sim.cpu;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Exec;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.mem.PhysBus;

/**
 * Predecoded instructions by physical address: each 4 KiB RAM page that has been executed holds the
 * handler of each of its 1024 words, decoded on first execution, with the fast kind and operands the
 * run loop executes it by ({@link FastOps}, derived from the decoded row) and the blocks translated
 * from it ({@link Block}). A write to such a page through the bus drops the page (self-modifying code,
 * loaders); {@code IC IALLU} and friends call {@link #invalidateAll}, which re-checks pages against RAM.
 * Shared by every PE of a machine: they implement the same features.
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

        Page(long pa) {
            this.pa = pa;
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

    @Override
    public void codeWritten(long pa, int size) {
        long first = (pa - bus.ram.base) >>> 12;
        long last = (pa + size - 1 - bus.ram.base) >>> 12;
        for (long i = Math.max(0, first); i <= last && i < pages.length; i++) {
            if (pages[(int) i] != null) {
                pages[(int) i].dropped = true;
                pages[(int) i] = null;
                bus.clearCodePage(bus.ram.base + (i << 12));
            }
        }
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
