package io.el2studio.sim.mem;

/** A physical access that no RAM or device decodes: becomes a synchronous external abort. */
public final class BusFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final long pa;

    public BusFault(long pa) {
        super(null, null, false, false);
        this.pa = pa;
    }

    @Override
    public String getMessage() {
        return String.format("no RAM or device at PA 0x%x", pa);
    }
}
