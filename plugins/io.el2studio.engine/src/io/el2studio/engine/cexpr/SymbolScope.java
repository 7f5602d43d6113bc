package io.el2studio.engine.cexpr;

import io.el2studio.engine.target.RegisterSet;
import io.el2studio.engine.target.TargetMemory;
import io.el2studio.engine.types.Type;
import io.el2studio.engine.values.Symbolizer;
import io.el2studio.engine.values.Value;

/**
 * What a C expression can name at one stop: the variables, functions and enumerators visible at the
 * selected frame's pc (innermost scope first, then the file's globals), the types of the symbol file,
 * the frame's registers and memory. Helper C1/D bind it to the real scopes; the engine's tests bind it
 * to an ELF alone.
 */
public interface SymbolScope {
    /** The variable, function (its value: the function itself) or enumerator called {@code name}, or null. */
    Value lookup(String name);

    /** A type by name: {@code struct vcpu}, {@code union esr}, {@code enum vm_state}, a typedef name; null if none. */
    Type lookupType(String name);

    /** The memory of the selected frame's address space; null when there is no target (then reads fail). */
    TargetMemory memory();

    /** The selected frame's registers, or null when there is no running target (gdb: "No registers."). */
    default RegisterSet registers() {
        return null;
    }

    /**
     * A system register by its Arm ARM name ({@code HCR_EL2}, already checked against the simulator's
     * table), or null when it cannot be read here (gdb then prints the unset convenience variable: void).
     */
    default Value systemRegister(String name) {
        return null;
    }

    /** Names addresses for {@code <symbol+offset>}. */
    default Symbolizer symbolizer() {
        return Symbolizer.NONE;
    }

    /** How many values the value history holds ({@code $1} .. {@code $N}); 0 when the binding keeps none. */
    default int historyLength() {
        return 0;
    }

    /** History value {@code $n} (1-based), or null when there is none. */
    default Value history(int n) {
        return null;
    }

    /** Writes a register of the selected frame (assignment to a register variable or {@code $x0 = ...}); null: read-only. */
    default Value.RegisterWriter registerWriter() {
        return null;
    }
}
