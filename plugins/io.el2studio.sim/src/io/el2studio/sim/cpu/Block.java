package io.el2studio.sim.cpu;

/**
 * A translated block: a straight run of fast-kind instructions of one decoded page (at most one
 * branch, the last), compiled by {@link BlockCompiler} to a JVM method that keeps the guest registers
 * it uses in locals. It is independent of the VA it runs at (all PC-relative values are computed from
 * {@code pc0}), so it belongs to the physical page like the rest of the decoded state, and dies with it.
 *
 * <p>Contract with {@link PageLoop}, which runs a block only when the whole block fits in the
 * instruction budget and the translator is trusted (none, or one whose Translator#fastPathAllowed: the
 * Mmu, also under the debugger's watchpoint wrapper, which refuses the watched pages to the direct RAM
 * access, so that the accesses to them, and only those, come through it and are checked). A debugger's
 * breakpoint is never inside a block: the slot is marked FastOps#BREAK, which ends a block before it:
 * <ul>
 * <li>{@code run} returns the next PC and leaves in {@link Cpu#blockRan} the number of instructions it
 *     completed: all of them, or fewer when it stopped after a memory access that set halted or
 *     irqCheck or dropped the page (the same points where the interpreter leaves its page);</li>
 * <li>before each memory access the registers and NZCV written so far are back in the Cpu, and
 *     {@code pc}, {@code instructionCount} and {@code blockRan} describe the accessing instruction,
 *     so a GuestFault thrown by the access leaves exactly the state of the interpreter.</li>
 * </ul>
 */
public abstract class Block {
    /** The page the block was translated from. */
    DecodeCache.Page page;
    /** Instructions in the block. */
    int length;
    /** The fast op of the first slot, which the block replaced in {@code page.ops} (for runs that cannot use the block). */
    int firstOp;

    protected Block() {
    }

    /** Runs the block at {@code pc0}; see the class comment. */
    public abstract long run(Cpu c, long[] x, long pc0);

    /** Whether the block must stop after a memory access (the interpreter's leave conditions). */
    public final boolean stop(Cpu c) {
        return c.halted || c.irqCheck || page.dropped;
    }

    // ---- helpers called by the generated code (static, so the JIT inlines them) ----

    private static final long M32 = 0xFFFF_FFFFL;

    /** NZCV of AddWithCarry(x, y, carry) on 64 bits (Arm ARM J1, AddWithCarry). */
    public static int flags64(long x, long y, int carry) {
        long r = x + y + carry;
        long cout = (x & y) | ((x | y) & ~r);
        long ovf = (x ^ r) & (y ^ r);
        return (int) ((r >>> 32) & 0x8000_0000L) | (r == 0 ? 0x4000_0000 : 0)
                | (int) ((cout >>> 63) << 29) | (int) ((ovf >>> 63) << 28);
    }

    /** NZCV of AddWithCarry(x, y, carry) on 32 bits. */
    public static int flags32(long x, long y, int carry) {
        long wide = (x & M32) + (y & M32) + carry;
        int r = (int) wide;
        int ovf = ((int) x ^ r) & ((int) y ^ r);
        return (r & 0x8000_0000) | (r == 0 ? 0x4000_0000 : 0) | (int) ((wide >>> 32) << 29) | ((ovf >>> 31) << 28);
    }

    /** {@code taken} when ConditionHolds(cond) for {@code nzcv}, else {@code not}. */
    public static long cond(int nzcv, int cond, long taken, long not) {
        return Cpu.conditionHolds(nzcv, cond) ? taken : not;
    }

    /** {@code ifZero} when {@code v == 0}, else {@code otherwise}. */
    public static long zero(long v, long ifZero, long otherwise) {
        return v == 0 ? ifZero : otherwise;
    }
}
