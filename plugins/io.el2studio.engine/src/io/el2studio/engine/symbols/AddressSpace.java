package io.el2studio.engine.symbols;

/**
 * An address space a symbol file is bound to (IDE.md, "One symbol file per address space"): the EL3
 * or EL2 regime of the hypervisor, or the EL1&0 regime of one VMID. {@code vmid} -1 means no stage 2
 * (not in a VM); it is always -1 for EL2 and EL3.
 */
public record AddressSpace(Kind kind, int vmid) {
    public enum Kind {
        EL3, EL2, EL1
    }

    public AddressSpace {
        if (kind == null) {
            throw new IllegalArgumentException("address space kind is null");
        }
        if (kind != Kind.EL1) {
            vmid = -1;
        }
    }

    /** The space of a PE at exception level {@code el} (0-3); EL0 shares the EL1&0 regime of its VMID. */
    public static AddressSpace of(int el, int vmid) {
        return switch (el) {
            case 3 -> new AddressSpace(Kind.EL3, -1);
            case 2 -> new AddressSpace(Kind.EL2, -1);
            case 0, 1 -> new AddressSpace(Kind.EL1, vmid);
            default -> throw new IllegalArgumentException("exception level " + el + " is not 0 to 3");
        };
    }

    @Override
    public String toString() {
        return kind == Kind.EL1 && vmid >= 0 ? "EL1 VMID " + vmid : kind.name();
    }
}
