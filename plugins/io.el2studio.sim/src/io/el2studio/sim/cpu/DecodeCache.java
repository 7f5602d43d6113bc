package io.el2studio.sim.cpu;

import io.el2studio.sim.isa.Decoder;
import io.el2studio.sim.isa.Exec;
import io.el2studio.sim.isa.Row;
import io.el2studio.sim.mem.PhysBus;

/**
 * Predecoded instructions by physical address: each 4 KiB RAM page that has been executed holds the
 * handler of each of its 1024 words, decoded on first execution. A write to such a page drops the
 * page (self-modifying code, loaders); {@code IC IALLU} and friends call {@link #invalidateAll}.
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
        final long pa;
        /**
         * Set when the page is dropped (code written, invalidation): a run loop that holds the page
         * across instructions checks it after each one and looks the page up again.
         */
        boolean dropped;

        Page(long pa) {
            this.pa = pa;
        }
    }

    private final PhysBus bus;
    private final Decoder decoder;
    private final Page[] pages;

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
            pages[i] = p;
            bus.markCodePage(pa);
        }
        return p;
    }

    /** The handler for the word at index {@code i} of page {@code p}; decodes it on first use. */
    Exec exec(Page p, int i) {
        Exec e = p.execs[i];
        if (e == UNDECODED) {
            int w = bus.ram.read32((int) (p.pa + (i << 2) - bus.ram.base));
            p.words[i] = w;
            e = handlerOf(w);
            p.execs[i] = e;
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

    public void invalidateAll() {
        for (int i = 0; i < pages.length; i++) {
            if (pages[i] != null) {
                pages[i].dropped = true;
                pages[i] = null;
                bus.clearCodePage(bus.ram.base + ((long) i << 12));
            }
        }
    }
}
