package io.el2studio.engine.target;

/** Target memory that cannot be read or written; the message says where and why (gdb: "Cannot access memory at address 0x..."). */
public final class MemoryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long address;

    public MemoryException(long address, String why) {
        super(why);
        this.address = address;
    }

    public long address() {
        return address;
    }
}
