package io.el2studio.engine.unwind;

import java.util.List;
import java.util.Optional;

/**
 * What the unwinder needs of the symbol file of one address space: its call frame information, the
 * function (ELF symbol) around a runtime address, the entry point, and the chain of inlined calls at a
 * pc. {@link #of} adapts an ELF file with a load bias; the engine's symbol files adapt themselves.
 */
public interface FrameSymbols {
    /** A function of the file at runtime addresses {@code [start, start + size)}. */
    record Function(String name, long start, long size) {
    }

    /**
     * One level of an inlined-call chain at a pc, innermost first: the inlined function's name, as gdb
     * shows an inlined function as a frame of its own with the same pc; its entry pc (gdb 13's
     * BLOCK_ENTRY_PC: the start of the block's first range) and whether the pc is where execution
     * enters the block (gdb's block_starting_point_at: the address before is outside it). At a stop
     * gdb hides the inline frames the pc enters (inline-frame.c, skip_inline_frames) unless a
     * breakpoint on that function caused the stop.
     */
    record InlineLevel(String function, long entryPc, boolean startsAtPc) {
        public InlineLevel(String function) {
            this(function, -1, false);
        }
    }

    /** The file (for messages and for clients that look up lines). */
    String path();

    CallFrameInfo cfi();

    Optional<Function> functionAt(long runtimePc);

    /** The runtime entry point (ELF e_entry + bias); gdb stops a backtrace at the entry function. */
    long entry();

    /**
     * The inlined subroutines around {@code runtimePc}, innermost first, not counting the concrete
     * function itself; empty where nothing is inlined (and by default).
     */
    default List<InlineLevel> inlineChain(long runtimePc) {
        return List.of();
    }

    /**
     * A symbol file of the engine: its CFI and ELF functions (named as gdb names them, by the DWARF
     * subprogram where there is one: a clone {@code fib.part.0} is {@code fib}) and the inlined calls
     * at a pc from its DWARF scopes.
     */
    static FrameSymbols of(io.el2studio.engine.symbols.SymbolFile file) {
        return new DwarfFrameSymbols(file);
    }

    /** An ELF file loaded with {@code bias}: ELF symbols, its .debug_frame/.eh_frame, no inline information. */
    static FrameSymbols of(io.el2studio.sim.loader.ElfImage elf, long bias) {
        CallFrameInfo cfi = CallFrameInfo.of(elf, bias);
        // gdb's minimal symbols: functions, and the untyped global or local labels of assembler code in
        // executable sections (not the $x/$d mapping symbols); a size-0 label extends to the next symbol
        List<Function> functions = new java.util.ArrayList<>();
        for (io.el2studio.sim.loader.ElfImage.Symbol s : elf.symbols()) {
            boolean code = s.type() == io.el2studio.sim.loader.ElfImage.STT_FUNC || s.type() == 0;
            if (code && !s.name().isEmpty() && !s.name().startsWith("$") && s.shndx() > 0 && s.shndx() < elf.sections().size()
                    && elf.sections().get(s.shndx()).executable()) {
                functions.add(new Function(s.name(), s.value(), elf.extent(s)));
            }
        }
        return new FrameSymbols() {
            @Override
            public String path() {
                return elf.file();
            }

            @Override
            public CallFrameInfo cfi() {
                return cfi;
            }

            @Override
            public Optional<Function> functionAt(long runtimePc) {
                long a = runtimePc - bias;
                Function best = null;
                for (Function f : functions) {
                    if (Long.compareUnsigned(a - f.start(), f.size()) < 0 && (best == null || f.start() > best.start()
                            || (f.start() == best.start() && f.size() != 0 && best.size() == 0))) {
                        best = f;
                    }
                }
                return best == null ? Optional.empty() : Optional.of(new Function(best.name(), best.start() + bias, best.size()));
            }

            @Override
            public long entry() {
                return elf.entry() + bias;
            }

            @Override
            public String toString() {
                return elf.file();
            }
        };
    }
}
