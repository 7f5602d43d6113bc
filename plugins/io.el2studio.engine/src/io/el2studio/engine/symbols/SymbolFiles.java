package io.el2studio.engine.symbols;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The symbol files of one debug session, each bound to its address space. The file for a PE is
 * chosen by its exception level and VMID, never by address alone: a guest and the hypervisor may
 * both link at 0x40000000 (IDE.md, "One symbol file per address space").
 */
public final class SymbolFiles {
    private final List<SymbolFile> files = new CopyOnWriteArrayList<>();

    public SymbolFiles() {
    }

    public SymbolFiles(List<SymbolFile> files) {
        files.forEach(this::add);
    }

    /** Adds {@code f}; a second file for the same address space replaces the first. */
    public void add(SymbolFile f) {
        files.removeIf(o -> o.space().equals(f.space()));
        files.add(f);
    }

    public List<SymbolFile> all() {
        return List.copyOf(files);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The file bound to exactly {@code space}, or null. */
    public SymbolFile forSpace(AddressSpace space) {
        for (SymbolFile f : files) {
            if (f.space().equals(space)) {
                return f;
            }
        }
        return null;
    }

    /**
     * The file for a PE at {@code el} (0-3) in VMID {@code vmid} (-1: none): EL2 and EL3 use the
     * hypervisor's file (that EL's, else the other's); EL1 and EL0 the file of that VMID, else the one
     * bound to {@code EL1} without a VMID. When neither applies and the session has a single file,
     * that file; otherwise null.
     */
    public SymbolFile forContext(int el, int vmid) {
        SymbolFile f;
        if (el >= 2) {
            AddressSpace.Kind k = el == 3 ? AddressSpace.Kind.EL3 : AddressSpace.Kind.EL2;
            AddressSpace.Kind other = el == 3 ? AddressSpace.Kind.EL2 : AddressSpace.Kind.EL3;
            f = forSpace(new AddressSpace(k, -1));
            if (f == null) {
                f = forSpace(new AddressSpace(other, -1));
            }
        } else {
            f = vmid >= 0 ? forSpace(new AddressSpace(AddressSpace.Kind.EL1, vmid)) : null;
            if (f == null) {
                f = forSpace(new AddressSpace(AddressSpace.Kind.EL1, -1));
            }
        }
        if (f == null && files.size() == 1) {
            f = files.get(0);
        }
        return f;
    }

    /** Problems of every file, each prefixed by the file's space and path. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (SymbolFile f : files) {
            for (String p : f.problems()) {
                out.add(f.space() + " " + f.path() + ": " + p);
            }
        }
        return out;
    }
}
