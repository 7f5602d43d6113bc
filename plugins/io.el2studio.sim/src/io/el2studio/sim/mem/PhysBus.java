package io.el2studio.sim.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * The physical address space: one RAM region plus memory-mapped devices. Writes to RAM pages that
 * hold decoded code notify the {@link CodeWatcher} so that stale predecoded instructions are dropped.
 */
public final class PhysBus {
    /** Told when a RAM page that holds decoded instructions is written. */
    public interface CodeWatcher {
        void codeWritten(long pa, int size);
    }

    /** Told of every store, so that exclusive monitors of other PEs can be cleared. */
    public interface StoreObserver {
        void stored(long pa, int size, Object writer);
    }

    private record Mapping(long base, long size, Device device) {
    }

    public final Ram ram;
    private final List<Mapping> devices = new ArrayList<>();
    private Mapping[] deviceArray = new Mapping[0];
    /** One flag per 4 KiB RAM page: true when the page holds decoded code. */
    private final boolean[] codePage;
    private CodeWatcher codeWatcher;
    private final List<StoreObserver> storeObservers = new ArrayList<>();
    private StoreObserver[] observerArray = new StoreObserver[0];
    /** True once a store observer is registered: a store that bypasses {@link #write} must call {@link #observeStore}. */
    private boolean storesObserved;

    public PhysBus(Ram ram) {
        this.ram = ram;
        this.codePage = new boolean[(int) ((ram.size() + 4095) >>> 12)];
    }

    public void map(long base, long size, Device device) {
        for (Mapping m : devices) {
            if (base < m.base + m.size && m.base < base + size) {
                throw new IllegalArgumentException(String.format("%s at 0x%x overlaps %s", device.name(), base, m.device.name()));
            }
        }
        devices.add(new Mapping(base, size, device));
        deviceArray = devices.toArray(new Mapping[0]);
    }

    public void setCodeWatcher(CodeWatcher w) {
        this.codeWatcher = w;
    }

    public void addStoreObserver(StoreObserver o) {
        storeObservers.add(o);
        observerArray = storeObservers.toArray(new StoreObserver[0]);
        storesObserved = true;
    }

    /** Whether stores must be shown to observers (see {@link #observeStore}). */
    public boolean storesObserved() {
        return storesObserved;
    }

    /** Tells the store observers of a RAM store done directly (the PE's fast path, Cpu#write64 and friends). */
    public void observeStore(long pa, int size, Object writer) {
        for (StoreObserver so : observerArray) {
            so.stored(pa, size, writer);
        }
    }

    /**
     * Tells the code watcher of a RAM store done directly into a page that holds decoded code (the PE's
     * fast path); the watcher drops what the bytes changed.
     */
    public void codeStored(long pa, int size) {
        if (codeWatcher != null) {
            codeWatcher.codeWritten(pa, size);
        }
    }

    /** Whether the RAM page of {@code pa} holds decoded code (a store there must go through {@link #write}). */
    public boolean holdsCode(long pa) {
        long off = pa - ram.base;
        return off >= 0 && off < ram.size() && codePage[(int) (off >>> 12)];
    }

    public void markCodePage(long pa) {
        long off = pa - ram.base;
        if (off >= 0 && off < ram.size()) {
            codePage[(int) (off >>> 12)] = true;
        }
    }

    public void clearCodePage(long pa) {
        long off = pa - ram.base;
        if (off >= 0 && off < ram.size()) {
            codePage[(int) (off >>> 12)] = false;
        }
    }

    public boolean isRam(long pa, int size) {
        return ram.contains(pa, size);
    }

    public Device deviceAt(long pa) {
        for (Mapping m : deviceArray) {
            if (pa >= m.base && pa < m.base + m.size) {
                return m.device;
            }
        }
        return null;
    }

    /** Reads 1, 2, 4 or 8 bytes; the value is zero-extended. */
    public long read(long pa, int size) {
        long off = pa - ram.base;
        if (off >= 0 && off <= ram.size() - size) {
            int o = (int) off;
            return switch (size) {
                case 1 -> ram.read8(o);
                case 2 -> ram.read16(o);
                case 4 -> ram.read32(o) & 0xFFFFFFFFL;
                default -> ram.read64(o);
            };
        }
        for (Mapping m : deviceArray) {
            if (pa >= m.base && pa + size <= m.base + m.size) {
                return m.device.read(pa - m.base, size);
            }
        }
        throw new BusFault(pa);
    }

    public void write(long pa, int size, long value) {
        write(pa, size, value, null);
    }

    /** Writes 1, 2, 4 or 8 bytes; {@code writer} identifies the PE (for exclusive monitors). */
    public void write(long pa, int size, long value, Object writer) {
        long off = pa - ram.base;
        if (off >= 0 && off <= ram.size() - size) {
            int o = (int) off;
            switch (size) {
                case 1 -> ram.write8(o, (int) value);
                case 2 -> ram.write16(o, (int) value);
                case 4 -> ram.write32(o, (int) value);
                default -> ram.write64(o, value);
            }
            if (codePage[o >>> 12] || codePage[(o + size - 1) >>> 12]) {
                if (codeWatcher != null) {
                    codeWatcher.codeWritten(pa, size);
                }
            }
            for (StoreObserver so : observerArray) {
                so.stored(pa, size, writer);
            }
            return;
        }
        for (Mapping m : deviceArray) {
            if (pa >= m.base && pa + size <= m.base + m.size) {
                m.device.write(pa - m.base, size, value);
                return;
            }
        }
        throw new BusFault(pa);
    }

    /** Copies bytes into RAM (image loading); no side effects on monitors, but invalidates code. */
    public void load(long pa, byte[] data, int from, int len) {
        if (!ram.contains(pa, len)) {
            throw new IllegalArgumentException(String.format("0x%x..0x%x is outside RAM 0x%x..0x%x",
                    pa, pa + len, ram.base, ram.base + ram.size()));
        }
        System.arraycopy(data, from, ram.bytes, (int) (pa - ram.base), len);
        if (codeWatcher != null) {
            codeWatcher.codeWritten(pa, len);
        }
    }
}
