package io.el2studio.engine.tests.cexpr;

import io.el2studio.engine.cexpr.SymbolScope;
import io.el2studio.engine.dwarf.Die;
import io.el2studio.engine.dwarf.Dw;
import io.el2studio.engine.dwarf.DwarfInfo;
import io.el2studio.engine.dwarf.DwarfSections;
import io.el2studio.engine.dwarf.Unit;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.types.Types;
import io.el2studio.engine.values.ElfSymbolizer;
import io.el2studio.engine.values.Symbolizer;
import io.el2studio.engine.values.Value;
import io.el2studio.sim.loader.ElfImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test binding of {@link SymbolScope} to an ELF alone, as gdb sees a program it has not started:
 * the file-scope variables, functions and enumerators of the DWARF, memory = the loaded segments'
 * file contents (.data as initialised, .bss zero), no registers. Variables are found by their
 * DW_OP_addr location (what gcc writes for a global at every optimisation level).
 */
public final class ElfScope implements SymbolScope {
    private final ElfImage elf;
    private final DwarfInfo dwarf;
    private final Types types;
    private final Map<String, Die> variables = new LinkedHashMap<>();
    private final Map<String, Die> functions = new LinkedHashMap<>();
    private final Map<String, Value> enumerators = new LinkedHashMap<>();
    private final List<String> typeNames = new ArrayList<>();
    private final ElfSymbolizer symbolizer;
    private final TargetMemory memory;
    private RegisterSet registers;

    public ElfScope(Path path) throws Exception {
        this(ElfImage.read(path));
    }

    public ElfScope(ElfImage image) {
        elf = image;
        dwarf = new DwarfInfo(new DwarfSections(elf));
        types = Types.of(dwarf);
        symbolizer = new ElfSymbolizer(elf, 0);
        memory = new TargetMemory() {
            @Override
            public byte[] read(long address, int length) throws MemoryException {
                // gdb reads an unstarted program from the sections of the file (its exec target's section
                // table), so a gap between sections is unreadable even where a segment covers it
                byte[] out = new byte[length];
                ElfImage.Section whole = sectionAt(address);
                if (whole != null && length > 0 && Long.compareUnsigned(address + length - 1 - whole.addr(), whole.size()) < 0
                        && Long.compareUnsigned(address + length - 1, address) >= 0) {
                    if (whole.type() != ElfImage.SHT_NOBITS) {
                        System.arraycopy(elf.bytes(), (int) (whole.offset() + (address - whole.addr())), out, 0, length);
                    }
                    return out;
                }
                for (int i = 0; i < length; i++) {
                    long a = address + i;
                    ElfImage.Section sec = sectionAt(a);
                    if (sec == null || Long.compareUnsigned(a, address) < 0) {
                        throw new MemoryException(a, "Cannot access memory at address 0x" + Long.toHexString(a));
                    }
                    if (sec.type() != ElfImage.SHT_NOBITS) {
                        out[i] = elf.bytes()[(int) (sec.offset() + (a - sec.addr()))];
                    }
                }
                return out;
            }

            @Override
            public void write(long address, byte[] data) throws MemoryException {
                throw new MemoryException(address, "Cannot access memory at address 0x" + Long.toHexString(address));
            }
        };
        for (Unit u : dwarf.units()) {
            try {
                u.entries(); // the whole tree, so the root has its children
                for (Die d : u.root().children()) {
                    try {
                        index(d);
                    } catch (RuntimeException damaged) {
                        // a damaged entry (fuzzed DWARF) is left out, as gdb skips what it cannot read
                    }
                }
            } catch (RuntimeException damaged) {
                // a unit without a readable root
            }
        }
    }

    private void index(Die d) {
        String name = d.nameInherited();
        switch (d.tag()) {
            case Dw.TAG_variable -> {
                byte[] loc = d.block(Dw.AT_location);
                if (name != null && loc != null && loc.length == 9 && loc[0] == 0x03) {
                    variables.putIfAbsent(name, d);
                }
            }
            case Dw.TAG_subprogram -> {
                if (name != null && d.lowPc() >= 0) {
                    functions.putIfAbsent(name, d);
                }
            }
            case Dw.TAG_enumeration_type -> {
                Type t = types.type(d);
                for (Type.Enumerator e : t.enumerators()) {
                    enumerators.putIfAbsent(e.name(), Value.ofLong(t, e.value()));
                }
                if (name != null) {
                    typeNames.add("enum " + name);
                }
            }
            case Dw.TAG_structure_type -> {
                if (name != null && !d.flag(Dw.AT_declaration)) {
                    typeNames.add("struct " + name);
                }
            }
            case Dw.TAG_union_type -> {
                if (name != null) {
                    typeNames.add("union " + name);
                }
            }
            case Dw.TAG_typedef -> {
                if (name != null) {
                    typeNames.add(name);
                }
            }
            default -> {
            }
        }
    }

    private ElfImage.Section sectionAt(long a) {
        for (ElfImage.Section sec : elf.sections()) {
            if ((sec.flags() & ElfImage.SHF_ALLOC) != 0 && Long.compareUnsigned(a, sec.addr()) >= 0
                    && Long.compareUnsigned(a - sec.addr(), sec.size()) < 0) {
                return sec;
            }
        }
        return null;
    }

    /** The names of the file-scope variables, in DWARF order. */
    public List<String> globals() {
        return new ArrayList<>(variables.keySet());
    }

    public List<String> functionNames() {
        return new ArrayList<>(functions.keySet());
    }

    /** Named types: {@code struct vcpu}, {@code union esr}, {@code enum vm_state}, typedef names (no duplicates). */
    public List<String> typeNames() {
        return typeNames.stream().distinct().toList();
    }

    public Types types() {
        return types;
    }

    public ElfImage elf() {
        return elf;
    }

    private long address(Die d) {
        byte[] loc = d.block(Dw.AT_location);
        long a = 0;
        for (int i = 8; i >= 1; i--) {
            a = a << 8 | (loc[i] & 0xff);
        }
        return a;
    }

    @Override
    public Value lookup(String name) {
        Die v = variables.get(name);
        if (v != null) {
            Die typed = v.withInherited(Dw.AT_type);
            return Value.at(types.typeOfAttribute(typed == null ? v : typed), address(v), memory);
        }
        Die f = functions.get(name);
        if (f != null) {
            return Value.at(types.functionType(f), f.lowPc(), memory);
        }
        return enumerators.get(name);
    }

    @Override
    public Type lookupType(String name) {
        return types.lookup(name);
    }

    @Override
    public TargetMemory memory() {
        return memory;
    }

    /** Gives the scope a stopped frame's registers (null: no registers, as an unstarted program). */
    public ElfScope withRegisters(RegisterSet regs) {
        this.registers = regs;
        return this;
    }

    @Override
    public RegisterSet registers() {
        return registers;
    }

    @Override
    public Symbolizer symbolizer() {
        return symbolizer;
    }
}
