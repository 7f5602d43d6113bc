package io.el2studio.sim.cpu;

import static io.el2studio.sim.cpu.FastOps.*;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.function.Consumer;

import io.el2studio.sim.isa.Decoder;

/**
 * Translates a straight run of fast-kind instructions of a decoded page into a {@link Block}: a
 * hidden class whose {@code run} method keeps the guest registers in JVM locals, so the JIT compiles
 * the guest block like ordinary Java (no dispatch, no register array traffic between instructions).
 * The instruction semantics are the same re-statements as in {@link PageLoop} (FastKindsAgreeTest
 * checks both against the rows' handlers). The class file is written here directly (the simulator has
 * no dependencies): class version 49, so the method needs no StackMapTable, and the few operations
 * that need a comparison are static helpers of {@link Block}.
 *
 * <p>Translation is only ever an optimisation: a class that cannot be written or defined (a
 * VerifyError would be a bug here; metaspace exhausted) leaves the block to the interpreter, with a
 * log line, and never stops the simulation. The classes are defined as non-strong hidden classes,
 * referenced only by their page's {@code blocks}: when the page is dropped (code written,
 * invalidation), the JVM can unload them.
 */
public final class BlockCompiler {
    private BlockCompiler() {
    }

    /** Blocks shorter than this stay with the interpreter (the call would cost more than it saves). */
    static final int MIN_LENGTH = 3;
    /** Longest block: bounds the class size and the register locals. */
    static final int MAX_LENGTH = 128;

    /** Whether the loop can put {@code kind} inside a block. */
    static boolean body(int kind) {
        return (kind >= ADDI_X && kind <= ADR) || (kind >= LDR_X_UI && kind <= STUR_X) || kind == NOP
                || (kind >= LD_PRE && kind <= ST_REG) || kind >= S_DPIMM_ADD;
    }

    /** The static handler each S_* kind calls (the row's own handler): owner/method, by kind - S_DPIMM_ADD. */
    private static final String[] STATIC = {
        "dp/DpImm.add", "dp/DpImm.sub", "dp/DpImm.adds", "dp/DpImm.subs", "dp/DpImm.and", "dp/DpImm.orr", "dp/DpImm.eor",
        "dp/DpImm.ands", "dp/DpImm.movn", "dp/DpImm.movz", "dp/DpImm.movk", "dp/DpImm.sbfm", "dp/DpImm.ubfm", "dp/DpImm.bfm",
        "dp/DpImm.extr", "dp/DpReg.and", "dp/DpReg.bic", "dp/DpReg.orr", "dp/DpReg.orn", "dp/DpReg.eor", "dp/DpReg.eon",
        "dp/DpReg.ands", "dp/DpReg.bics", "dp/DpReg.addShifted", "dp/DpReg.addsShifted", "dp/DpReg.subShifted",
        "dp/DpReg.subsShifted", "dp/DpReg.addExtended", "dp/DpReg.addsExtended", "dp/DpReg.subExtended",
        "dp/DpReg.subsExtended", "dp/DpReg.adc", "dp/DpReg.adcs", "dp/DpReg.sbc", "dp/DpReg.sbcs", "dp/DpReg.ccmn",
        "dp/DpReg.ccmp", "dp/DpReg.csel", "dp/DpReg.csinc", "dp/DpReg.csinv", "dp/DpReg.csneg", "dp/DpReg.madd",
        "dp/DpReg.msub", "dp/DpReg.smaddl", "dp/DpReg.umaddl", "dp/DpReg.smulh", "dp/DpReg.umulh", "dp/DpSource.udiv",
        "dp/DpSource.sdiv", "dp/DpSource.shiftv", "dp/DpSource.rbit", "dp/DpSource.rev", "dp/DpSource.rev16",
        "dp/DpSource.rev32", "dp/DpSource.clz", "dp/DpSource.cls",
    };

    static {
        if (STATIC.length != KIND_COUNT - S_DPIMM_ADD) {
            throw new AssertionError("BlockCompiler.STATIC does not list every S_* kind");
        }
    }

    /** Whether {@code kind} ends a block (included as its last instruction). */
    static boolean terminator(int kind) {
        return kind >= B && kind <= BLR;
    }

    /**
     * Translates the block starting at slot {@code i} of {@code page}, decoding slots ahead as needed;
     * null when it would be too short or the class cannot be defined.
     */
    static Block compile(DecodeCache dc, DecodeCache.Page page, int i) {
        int len = blockLength(dc, page, i);
        if (len < MIN_LENGTH) {
            return null;
        }
        if (liveBlocks() >= MAX_LIVE) {
            if (!capLogged) {
                capLogged = true;
                System.getLogger(BlockCompiler.class.getName()).log(System.Logger.Level.WARNING, MAX_LIVE
                        + " translated blocks are live: further hot code runs on the interpreter until pages are dropped");
            }
            return null;
        }
        int[] ops = new int[len];
        long[] imms = new long[len];
        for (int j = 0; j < len; j++) {
            int op = page.ops[i + j];
            ops[j] = (op & 0xFF) == BLOCK ? page.blocks[i + j].firstOp : op;
            imms[j] = page.imms[i + j];
        }
        try {
            Emitter e = new Emitter(ops, imms);
            byte[] bytes = e.classFile();
            Consumer<byte[]> l = classListener;
            if (l != null) {
                l.accept(bytes);
            }
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            Block b = (Block) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
            b.page = page;
            b.length = e.length;
            b.firstOp = ops[0];
            LIVE.incrementAndGet();
            TRACKED.add(new PhantomReference<>(b, COLLECTED));
            return b;
        } catch (Throwable t) {
            // VerifyError/LinkageError (a bug of ours: that block only), OutOfMemoryError (metaspace or
            // heap: no more translation on this machine, the interpreter needs no new classes), anything
            // else: the interpreter runs the block, the simulation goes on.
            boolean exhausted = t instanceof VirtualMachineError;
            if (exhausted) {
                dc.blockThreshold = 0;
            }
            failed(page.pa + 4L * i, t, exhausted);
            return null;
        }
    }

    /**
     * Bound on the classes alive at once (about 3 KiB of metaspace each, outside the heap): the blocks
     * die with their page, but a guest that keeps a lot of code hot without ever dropping it must not
     * grow metaspace without limit. System property {@code io.el2studio.sim.maxBlocks}.
     */
    private static final int MAX_LIVE = Integer.getInteger("io.el2studio.sim.maxBlocks", 100_000);
    /**
     * Blocks defined and not yet collected. Collected ones are counted out by polling a reference queue
     * (no cleaner thread: the simulator starts no thread of its own behind a client's back).
     */
    private static final java.util.concurrent.atomic.AtomicInteger LIVE = new java.util.concurrent.atomic.AtomicInteger();
    private static final ReferenceQueue<Block> COLLECTED = new ReferenceQueue<>();
    private static final java.util.Set<Reference<Block>> TRACKED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile boolean capLogged;

    /** Translated blocks currently reachable (collected ones are counted out as the JVM reports them). */
    public static int liveBlocks() {
        for (Reference<? extends Block> r; (r = COLLECTED.poll()) != null;) {
            if (TRACKED.remove(r)) {
                LIVE.decrementAndGet();
            }
        }
        return LIVE.get();
    }

    /** Failed translations so far (tests, statistics). */
    private static final java.util.concurrent.atomic.AtomicLong FAILURES = new java.util.concurrent.atomic.AtomicLong();
    /** Failures logged in full; later ones are only counted (a systematic bug must not flood the log). */
    private static final int LOGGED = 10;

    private static void failed(long pa, Throwable t, boolean exhausted) {
        long n = FAILURES.incrementAndGet();
        if (n <= LOGGED || exhausted) {
            System.Logger log = System.getLogger(BlockCompiler.class.getName());
            log.log(System.Logger.Level.WARNING, "translating the block at PA 0x" + Long.toHexString(pa)
                    + " failed, the interpreter runs it" + (exhausted ? "; translation is off for this machine" : "")
                    + (n == LOGGED ? " (further failures are not logged)" : "") + ": " + t);
        }
    }

    /** Translations that failed since the JVM started (each fell back to the interpreter). */
    public static long failures() {
        return FAILURES.get();
    }

    /**
     * For tests: sees, and may alter (to inject a failure), the class file of each block just before it
     * is defined. TranslatedClassesVerifyTest runs ASM's CheckClassAdapter on them.
     */
    public static volatile Consumer<byte[]> classListener;

    /** For tests: the class file of a block and the number of instructions it covers. */
    public record Translation(byte[] classFile, int length) {
    }

    /**
     * For tests: translates {@code words} as {@link #compile} translates a page's slots, the block
     * ending at the first word that cannot be in one (a branch included), but without the
     * {@link #MAX_LENGTH} cap so that a test reaches the class-file limits; null when no word can start
     * a block. The class is not defined.
     */
    public static Translation translate(Decoder decoder, int[] words) {
        int[] ops = new int[words.length];
        long[] imms = new long[words.length];
        int len = 0;
        while (len < words.length) {
            FastOps.classify(decoder.decode(words[len]), words[len], ops, imms, len);
            int kind = ops[len] & 0xFF;
            if (body(kind)) {
                len++;
            } else {
                if (terminator(kind)) {
                    len++;
                }
                break;
            }
        }
        if (len == 0) {
            return null;
        }
        Emitter e = new Emitter(java.util.Arrays.copyOf(ops, len), java.util.Arrays.copyOf(imms, len));
        byte[] bytes = e.classFile();
        return new Translation(bytes, e.length);
    }

    /** The length of the block that can start at slot {@code i} (body kinds, then a branch), capped at MAX_LENGTH. */
    private static int blockLength(DecodeCache dc, DecodeCache.Page page, int i) {
        int len = 0;
        while (i + len < 1024 && len < MAX_LENGTH) {
            int s = i + len;
            if ((page.ops[s] & 0xFF) == UNDECODED) {
                dc.exec(page, s);
            }
            int kind = page.ops[s] & 0xFF;
            if (s != i && kind == BLOCK) {
                kind = page.blocks[s].firstOp & 0xFF;
            }
            if (body(kind)) {
                len++;
            } else {
                if (terminator(kind)) {
                    len++;
                }
                break;
            }
        }
        return len;
    }

    // ---- the class file ----

    private static final String CPU = "io/el2studio/sim/cpu/Cpu", BLOCK_CLASS = "io/el2studio/sim/cpu/Block";
    private static final long M32 = 0xFFFF_FFFFL;
    /** Locals of run(Cpu c, long[] x, long pc0): c = 1, x = 2, pc0 = 3; then ours. */
    private static final int L_IC = 5, L_NZ = 7, L_A = 8, L_V = 10, L_REG0 = 12;

    /**
     * A block stops before an instruction once its code or constant pool is past these: the JVM limits
     * a method's code to 65535 bytes and the pool to 65535 entries (JVMS 4.7.3, 4.1), and one
     * instruction plus the exit emits less than 2 KiB of code and a few dozen entries.
     */
    private static final int CODE_LIMIT = 60_000, POOL_LIMIT = 60_000;

    private static final int SYN_X = syndrome(3, true, 0), SYN_W = syndrome(2, false, 0);
    private static final int SYN_B = syndrome(0, false, 0), SYN_H = syndrome(1, false, 0);

    /** Writes the class of one block. */
    private static final class Emitter {
        private final int[] ops;
        private final long[] imms;
        private final ConstantPool pool = new ConstantPool();
        private final CodeBuffer code = new CodeBuffer();
        /** Local slot of each guest register, 0 = unused. */
        private final int[] slot = new int[32];
        private final boolean[] dirty = new boolean[32];
        private boolean nzDirty;
        private int maxLocals = L_REG0;
        /** Instructions the class covers: all of them unless the method would reach the class-file limits. */
        int length;

        Emitter(int[] ops, long[] imms) {
            this.ops = ops;
            this.imms = imms;
        }

        // ---- code helpers ----

        void ldc(long v) {
            if (v == 0) {
                code.op(0x09); // lconst_0
            } else if (v == 1) {
                code.op(0x0A); // lconst_1
            } else {
                code.op(0x14).u2(pool.lng(v)); // ldc2_w
            }
        }

        void iconst(int v) {
            if (v >= -1 && v <= 5) {
                code.op(0x03 + v);
            } else if (v >= -128 && v <= 127) {
                code.op(0x10).u1(v);
            } else if (v >= -32768 && v <= 32767) {
                code.op(0x11).u2(v);
            } else {
                code.op(0x13).u2(pool.integer(v)); // ldc_w
            }
        }

        void lload(int s) { code.op(0x16).u1(s); }
        void lstore(int s) { code.op(0x37).u1(s); }
        void iload(int s) { code.op(0x15).u1(s); }
        void istore(int s) { code.op(0x36).u1(s); }
        void aload(int s) { code.op(0x19).u1(s); }
        void getfield(String owner, String name, String desc) { code.op(0xB4).u2(pool.field(owner, name, desc)); }
        void putfield(String owner, String name, String desc) { code.op(0xB5).u2(pool.field(owner, name, desc)); }
        void invokevirtual(String owner, String name, String desc) { code.op(0xB6).u2(pool.method(owner, name, desc)); }
        void invokestatic(String owner, String name, String desc) { code.op(0xB8).u2(pool.method(owner, name, desc)); }

        int reg(int r) {
            return slot[r];
        }

        /** Xr on the stack, 31 reading as XZR (store sources). */
        void loadReg(int r) {
            if (r == 31) {
                ldc(0);
            } else {
                lload(slot[r]);
            }
        }

        void use(int r) {
            if (r != 31 && slot[r] == 0) {
                slot[r] = maxLocals;
                maxLocals += 2;
            }
        }

        void setReg(int r) {
            lstore(slot[r]);
            dirty[r] = true;
        }

        /** Emits the write-back of the registers and NZCV changed since the last flush; {@code clear} forgets them. */
        void flush(boolean clear) {
            for (int r = 0; r < 31; r++) {
                if (dirty[r]) {
                    aload(2);
                    iconst(r);
                    lload(slot[r]);
                    code.op(0x50); // lastore
                    if (clear) {
                        dirty[r] = false;
                    }
                }
            }
            if (nzDirty) {
                aload(1);
                iload(L_NZ);
                putfield(CPU, "nzcv", "I");
                if (clear) {
                    nzDirty = false;
                }
            }
        }

        /** pc0 + delta on the stack. */
        void pcPlus(long delta) {
            lload(3);
            ldc(delta);
            code.op(0x61);
        }

        void setBlockRan(int n) {
            aload(1);
            iconst(n);
            putfield(CPU, "blockRan", "I");
        }

        /** The base register of a load/store (31 = the current SP) on the stack. */
        void base(int n) {
            if (n == 31) {
                aload(1);
                invokevirtual(CPU, "sp", "()J");
            } else {
                lload(reg(n));
            }
        }

        /** Base writeback of a pre/post-indexed access: the value is on the stack. */
        void writeback(int n) {
            if (n == 31) {
                lstore(L_V);
                aload(1);
                lload(L_V);
                invokevirtual(CPU, "setSp", "(J)V");
            } else {
                setReg(n);
            }
        }

        byte[] classFile() {
            int len = ops.length;
            boolean flags = false;
            for (int j = 0; j < len; j++) {
                int op = ops[j], kind = op & 0xFF;
                int d = (op >>> 8) & 31, n = (op >>> 13) & 31, m = (op >>> 18) & 31;
                if (kind >= S_DPIMM_ADD) {
                    d = (int) imms[j] & 31; // the handler writes Rd (or nothing, or SP) and may write NZCV
                    flags = true;
                }
                use(d);
                use(n);
                if ((kind >= ADD_R_X && kind <= SUBS_R_W) || (kind >= LDP_X_OFF && kind <= STP_X_POST) || kind == LD_REG
                        || kind == ST_REG) {
                    use(m);
                }
                if (kind == BL || kind == BLR) {
                    use(30);
                }
                flags |= (kind >= ADDS_I_X && kind <= SUBS_R_W) || kind == B_COND;
            }
            // entry: the registers and NZCV into locals, the instruction count
            aload(1);
            getfield(CPU, "instructionCount", "J");
            lstore(L_IC);
            for (int r = 0; r < 31; r++) {
                if (slot[r] != 0) {
                    aload(2);
                    iconst(r);
                    code.op(0x2F); // laload
                    lstore(slot[r]);
                }
            }
            if (flags) {
                aload(1);
                getfield(CPU, "nzcv", "I");
                istore(L_NZ);
            }
            boolean ended = false;
            int j = 0;
            for (; j < len && !ended; j++) {
                if (code.size() > CODE_LIMIT || pool.count() > POOL_LIMIT) {
                    break; // the rest of the run is left to a block of its own (JVMS 4.7.3: code < 64 KiB)
                }
                ended = instruction(j, ops[j], imms[j]);
            }
            length = j;
            if (!ended) {
                pcPlus(4L * length);
                lstore(L_V);
            }
            flush(true);
            setBlockRan(length);
            lload(L_V);
            code.op(0xAD); // lreturn
            return assemble();
        }

        /** Emits instruction {@code j}; true when it was the block's branch (its target is then in L_V). */
        private boolean instruction(int j, int op, long imm) {
            int kind = op & 0xFF;
            int d = (op >>> 8) & 31, n = (op >>> 13) & 31, m = (op >>> 18) & 31;
            long here = 4L * j;
            switch (kind) {
                case ADDI_X, ADDI_W -> {
                    lload(reg(n));
                    ldc(imm);
                    code.op(0x61);
                    mask32(kind == ADDI_W);
                    setReg(d);
                }
                case MOVI -> {
                    ldc(imm);
                    setReg(d);
                }
                case NOP -> {
                }
                case ADDS_I_X, ADDS_I_W, SUBS_I_X, SUBS_I_W, SUBS_R_X, SUBS_R_W -> {
                    boolean sub = kind != ADDS_I_X && kind != ADDS_I_W;
                    boolean w64 = kind == ADDS_I_X || kind == SUBS_I_X || kind == SUBS_R_X;
                    boolean regOp = kind == SUBS_R_X || kind == SUBS_R_W;
                    // flags first (they read the old Rn and Rm), then the result
                    lload(reg(n));
                    if (regOp) {
                        lload(reg(m));
                        ldc(-1);
                        code.op(0x83); // lxor: ~Rm
                    } else {
                        ldc(sub ? ~imm : imm);
                    }
                    iconst(sub ? 1 : 0);
                    invokestatic(BLOCK_CLASS, w64 ? "flags64" : "flags32", "(JJI)I");
                    istore(L_NZ);
                    nzDirty = true;
                    if (d != 31) {
                        lload(reg(n));
                        if (regOp) {
                            lload(reg(m));
                        } else {
                            ldc(imm);
                        }
                        code.op(sub ? 0x65 : 0x61);
                        mask32(!w64);
                        setReg(d);
                    }
                }
                case AND_I, ORR_I_X, EOR_I_X -> {
                    lload(reg(n));
                    ldc(imm);
                    code.op(kind == AND_I ? 0x7F : kind == ORR_I_X ? 0x81 : 0x83);
                    setReg(d);
                }
                case ADD_R_X, SUB_R_X, AND_R_X, ORR_R_X, EOR_R_X -> {
                    lload(reg(n));
                    lload(reg(m));
                    if (imm != 0) {
                        iconst((int) imm);
                        code.op(0x79); // lshl
                    }
                    code.op(switch (kind) {
                        case ADD_R_X -> 0x61;
                        case SUB_R_X -> 0x65;
                        case AND_R_X -> 0x7F;
                        case ORR_R_X -> 0x81;
                        default -> 0x83;
                    });
                    setReg(d);
                }
                case MOV_R_X, MOV_R_W -> {
                    lload(reg(m));
                    mask32(kind == MOV_R_W);
                    setReg(d);
                }
                case LSL_I_X, LSR_I_X, ASR_I_X -> {
                    lload(reg(n));
                    iconst((int) imm);
                    code.op(kind == LSL_I_X ? 0x79 : kind == LSR_I_X ? 0x7D : 0x7B);
                    setReg(d);
                }
                case ADR -> {
                    if ((op & (1 << 23)) != 0) { // ADRP
                        pcPlus(here);
                        ldc(~0xFFFL);
                        code.op(0x7F);
                        ldc(imm);
                        code.op(0x61);
                    } else {
                        pcPlus(here + imm);
                    }
                    setReg(d);
                }
                case B -> {
                    pcPlus(here + imm);
                    lstore(L_V);
                    return true;
                }
                case BL -> {
                    pcPlus(here + 4);
                    setReg(30);
                    pcPlus(here + imm);
                    lstore(L_V);
                    return true;
                }
                case B_COND -> {
                    iload(L_NZ);
                    iconst(m);
                    pcPlus(here + imm);
                    pcPlus(here + 4);
                    invokestatic(BLOCK_CLASS, "cond", "(IIJJ)J");
                    lstore(L_V);
                    return true;
                }
                case CBZ_X, CBNZ_X, CBZ_W, CBNZ_W, TBZ, TBNZ -> {
                    lload(reg(d));
                    if (kind == CBZ_W || kind == CBNZ_W) {
                        mask32(true);
                    } else if (kind == TBZ || kind == TBNZ) {
                        ldc(1L << (op >>> 23));
                        code.op(0x7F);
                    }
                    boolean onZero = kind == CBZ_X || kind == CBZ_W || kind == TBZ;
                    pcPlus(onZero ? here + imm : here + 4);
                    pcPlus(onZero ? here + 4 : here + imm);
                    invokestatic(BLOCK_CLASS, "zero", "(JJJ)J");
                    lstore(L_V);
                    return true;
                }
                case BR, BLR -> {
                    lload(reg(n));
                    lstore(L_V); // BLR: the target is read before X30 is written
                    if (kind == BLR) {
                        pcPlus(here + 4);
                        setReg(30);
                    }
                    return true;
                }
                default -> {
                    if (kind >= S_DPIMM_ADD) {
                        // The row's handler on the Cpu: everything written so far back first, then Rd and
                        // NZCV (which it may have written) into the locals again.
                        flush(true);
                        String target = STATIC[kind - S_DPIMM_ADD];
                        int dot = target.indexOf('.');
                        aload(1);
                        iconst((int) imm);
                        invokestatic("io/el2studio/sim/cpu/" + target.substring(0, dot), target.substring(dot + 1), "(L" + CPU + ";I)V");
                        int rd = (int) imm & 31;
                        if (rd != 31) {
                            aload(2);
                            iconst(rd);
                            code.op(0x2F); // laload
                            lstore(slot[rd]);
                        }
                        aload(1);
                        getfield(CPU, "nzcv", "I");
                        istore(L_NZ);
                    } else {
                        memory(j, op, kind, d, n, m, imm);
                    }
                }
            }
            return false;
        }

        private void mask32(boolean w) {
            if (w) {
                ldc(M32);
                code.op(0x7F);
            }
        }

        /**
         * A pre- or post-indexed immediate load or store of Xt: the access at Xn + imm (pre-indexed) or Xn
         * (post-indexed), then Xn = Xn + imm. {@code bytes} is the access size for Cpu.load/store, or 0 for
         * the 64-bit path through Cpu.load64/store64 (which take no size).
         */
        private void indexed(int t, int n, long imm, boolean load, boolean post, int bytes) {
            base(n);
            if (!post) {
                ldc(imm);
                code.op(0x61);
            }
            lstore(L_A); // the access address
            aload(1);
            lload(L_A);
            if (bytes != 0) {
                iconst(bytes);
            }
            if (load) {
                iconst(0);
                invokevirtual(CPU, bytes == 0 ? "load64" : "load", bytes == 0 ? "(JI)J" : "(JII)J");
                setReg(t);
            } else {
                loadReg(t);
                iconst(0);
                invokevirtual(CPU, bytes == 0 ? "store64" : "store", bytes == 0 ? "(JJI)V" : "(JIJI)V");
            }
            lload(L_A);
            if (post) {
                ldc(imm);
                code.op(0x61);
            }
            writeback(n);
        }

        /** A load or store: the precise state first, then the access, then the interpreter's leave check. */
        private void memory(int j, int op, int kind, int t, int n, int t2, long imm) {
            flush(true);
            aload(1);
            pcPlus(4L * j);
            putfield(CPU, "pc", "J");
            aload(1);
            lload(L_IC);
            ldc(j);
            code.op(0x61);
            putfield(CPU, "instructionCount", "J");
            setBlockRan(j);
            switch (kind) {
                case LDR_X_UI, LDR_W_UI, LDRB_UI, LDRH_UI, LDUR_X -> {
                    aload(1);
                    base(n);
                    ldc(imm);
                    code.op(0x61);
                    switch (kind) {
                        case LDR_X_UI -> {
                            iconst(SYN_X | t << 16);
                            invokevirtual(CPU, "load64", "(JI)J");
                        }
                        case LDR_W_UI -> {
                            iconst(SYN_W | t << 16);
                            invokevirtual(CPU, "load32", "(JI)J");
                        }
                        default -> {
                            iconst(kind == LDRB_UI ? 1 : kind == LDRH_UI ? 2 : 8);
                            iconst((kind == LDRB_UI ? SYN_B : kind == LDRH_UI ? SYN_H : SYN_X) | t << 16);
                            invokevirtual(CPU, "load", "(JII)J");
                        }
                    }
                    setReg(t);
                }
                case STR_X_UI, STR_W_UI, STRB_UI, STRH_UI, STUR_X -> {
                    aload(1);
                    base(n);
                    ldc(imm);
                    code.op(0x61);
                    switch (kind) {
                        case STR_X_UI -> {
                            loadReg(t);
                            iconst(SYN_X | t << 16);
                            invokevirtual(CPU, "store64", "(JJI)V");
                        }
                        case STR_W_UI -> {
                            loadReg(t);
                            code.op(0x88); // l2i
                            iconst(SYN_W | t << 16);
                            invokevirtual(CPU, "store32", "(JII)V");
                        }
                        default -> {
                            iconst(kind == STRB_UI ? 1 : kind == STRH_UI ? 2 : 8);
                            loadReg(t);
                            iconst((kind == STRB_UI ? SYN_B : kind == STRH_UI ? SYN_H : SYN_X) | t << 16);
                            invokevirtual(CPU, "store", "(JIJI)V");
                        }
                    }
                }
                case LDR_X_PRE, LDR_X_POST, STR_X_PRE, STR_X_POST ->
                    indexed(t, n, imm, kind == LDR_X_PRE || kind == LDR_X_POST, kind == LDR_X_POST || kind == STR_X_POST, 0);
                case LD_PRE, LD_POST, ST_PRE, ST_POST ->
                    indexed(t, n, imm, kind == LD_PRE || kind == LD_POST, kind == LD_POST || kind == ST_POST,
                            1 << ((op >>> 23) & 3));
                case LD_REG, ST_REG -> {
                    int e = op >>> 23, size = e & 3;
                    aload(1);
                    base(n);
                    lload(reg(t2));
                    switch ((e >>> 2) & 7) {
                        case 2 -> mask32(true); // UXTW
                        case 6 -> code.op(0x88).op(0x85); // SXTW: l2i, i2l
                        default -> { }
                    }
                    if ((e & 32) != 0 && size != 0) {
                        iconst(size);
                        code.op(0x79); // lshl
                    }
                    code.op(0x61);
                    iconst(1 << size);
                    int info = syndrome(size, size == 3, t);
                    if (kind == LD_REG) {
                        iconst(info);
                        invokevirtual(CPU, "load", "(JII)J");
                        setReg(t);
                    } else {
                        loadReg(t);
                        iconst(info);
                        invokevirtual(CPU, "store", "(JIJI)V");
                    }
                }
                default -> { // LDP/STP X: offset, pre, post
                    boolean load = kind == LDP_X_OFF || kind == LDP_X_PRE || kind == LDP_X_POST;
                    boolean post = kind == LDP_X_POST || kind == STP_X_POST;
                    boolean wb = kind != LDP_X_OFF && kind != STP_X_OFF;
                    base(n);
                    if (!post) {
                        ldc(imm);
                        code.op(0x61);
                    }
                    lstore(L_A);
                    if (load) {
                        aload(1);
                        lload(L_A);
                        iconst(0);
                        invokevirtual(CPU, "load64", "(JI)J");
                        lstore(L_V); // both loads before any register is written
                        aload(1);
                        lload(L_A);
                        ldc(8);
                        code.op(0x61);
                        iconst(0);
                        invokevirtual(CPU, "load64", "(JI)J");
                        setReg(t2);
                        lload(L_V);
                        setReg(t);
                    } else {
                        aload(1);
                        lload(L_A);
                        loadReg(t);
                        iconst(0);
                        invokevirtual(CPU, "store64", "(JJI)V");
                        aload(1);
                        lload(L_A);
                        ldc(8);
                        code.op(0x61);
                        loadReg(t2);
                        iconst(0);
                        invokevirtual(CPU, "store64", "(JJI)V");
                    }
                    if (wb) {
                        lload(L_A);
                        if (post) {
                            ldc(imm);
                            code.op(0x61);
                        }
                        writeback(n);
                    }
                }
            }
            // leave after the access as the interpreter would (halted, interrupt check, page dropped)
            aload(0);
            aload(1);
            invokevirtual(BLOCK_CLASS, "stop", "(L" + CPU + ";)Z");
            int branch = code.size();
            code.op(0x99).u2(0); // ifeq over the exit
            flush(false);
            setBlockRan(j + 1);
            pcPlus(4L * (j + 1));
            code.op(0xAD); // lreturn
            code.patch(branch + 1, code.size() - branch);
        }

        private byte[] assemble() {
            int thisClass = pool.cls("io/el2studio/sim/cpu/GenBlock");
            int superClass = pool.cls(BLOCK_CLASS);
            int init = pool.utf8("<init>"), voidDesc = pool.utf8("()V"), codeName = pool.utf8("Code");
            int superInit = pool.method(BLOCK_CLASS, "<init>", "()V");
            int run = pool.utf8("run"), runDesc = pool.utf8("(L" + CPU + ";[JJ)J");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodeBuffer f = new CodeBuffer();
            f.u2(0xCAFE).u2(0xBABE).u2(0).u2(49);
            if (code.size() > 65535 || pool.count() > 65535) { // never with the limits above; a class the JVM would refuse
                throw new IllegalStateException("block class over the class-file limits: code " + code.size() + ", pool " + pool.count());
            }
            f.u2(pool.count());
            out.writeBytes(f.bytes());
            out.writeBytes(pool.bytes());
            CodeBuffer g = new CodeBuffer();
            g.u2(0x0030).u2(thisClass).u2(superClass).u2(0).u2(0); // ACC_FINAL | ACC_SUPER, no interfaces, no fields
            g.u2(2);
            // <init>: aload_0, invokespecial Block.<init>, return
            byte[] initCode = {0x2A, (byte) 0xB7, (byte) (superInit >> 8), (byte) superInit, (byte) 0xB1};
            method(g, 0x0001, init, voidDesc, codeName, 1, 1, initCode);
            method(g, 0x0001, run, runDesc, codeName, 16, maxLocals, code.bytes());
            g.u2(0); // no class attributes
            out.writeBytes(g.bytes());
            return out.toByteArray();
        }

        private static void method(CodeBuffer g, int access, int name, int desc, int codeName, int maxStack, int maxLocals, byte[] body) {
            g.u2(access).u2(name).u2(desc).u2(1);
            g.u2(codeName).u4(12 + body.length).u2(maxStack).u2(maxLocals).u4(body.length);
            g.raw(body);
            g.u2(0).u2(0); // no exception table, no attributes
        }
    }
}
