package io.el2studio.sim.cpu;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import io.el2studio.sim.mem.PhysBus;
import io.el2studio.sim.sysreg.El2Regs;

/**
 * Asynchronous exceptions (Arm ARM D1.3, "Asynchronous exception types, routing, masking and
 * priorities"): the PE's interrupt input lines, their routing to an EL by SCR_EL3.{EA,FIQ,IRQ} and
 * HCR_EL2.{AMO,FMO,IMO,TGE,E2H}, masking by PSTATE.{A,I,F}, the virtual interrupts of HCR_EL2.{VSE,VI,VF},
 * and the WFI/WFE low-power states with the event register.
 *
 * <p>Cost: the run loop does not evaluate anything per instruction. Whatever can make a pending
 * interrupt takeable (a line change, a write to DAIF, HCR_EL2 or SCR_EL3, MSR DAIFClr, ERET,
 * exception entry) sets {@link Cpu#irqCheck}; the run loop then calls {@link #takePending} once at
 * the next instruction boundary, which clears the flag. An interrupt that stays pending but masked
 * is evaluated again only when one of those changes happens.
 *
 * <p>Threads: the line setters are meant to be called on the thread that runs the PE (the board's
 * scheduler, devices, the GIC); a caller on another thread must also set {@link Cpu#stopRequested}
 * (or wait for the run to return) for the change to be seen promptly.
 */
public final class Interrupts {
    private Interrupts() {
    }

    /** Bits of {@link Cpu#irqLines}. IRQ..VFIQ are the GIC's output bits (Gicv3.pendingLines). */
    public static final int IRQ = 1, FIQ = 2, VIRQ = 4, VFIQ = 8, SERROR = 16;
    /** The virtual SError (HCR_EL2.VSE) in {@link #virtualPending}'s result; not a line. */
    private static final int VSERROR = 32;
    /** {@link Cpu#sleeping}: not asleep, in WFI, in WFE. */
    public static final int AWAKE = 0, IN_WFI = 1, IN_WFE = 2;

    static final long HCR_FMO = 1L << 3, HCR_IMO = 1L << 4, HCR_AMO = 1L << 5, HCR_VF = 1L << 6,
            HCR_VI = 1L << 7, HCR_VSE = 1L << 8;
    static final long SCR_IRQ = 1L << 1, SCR_FIQ = 1L << 2, SCR_EA = 1L << 3;
    static final int PSTATE_A = 1 << 8, PSTATE_I = 1 << 7, PSTATE_F = 1 << 6;
    /** ESR_ELx of an SError interrupt: EC 0x2F, IL = 1 (RES1 for SError), ISS below. */
    static final int ESR_SERROR = GuestFault.EC_SERROR << 26 | 1 << 25;

    /**
     * To be called after PSTATE, HCR_EL2 or SCR_EL3 are changed other than by an instruction (a
     * debugger writing registers, a test setting up state): pending interrupts are re-evaluated at
     * the next instruction boundary.
     */
    public static void stateChanged(Cpu cpu) {
        cpu.irqCheck = true;
    }

    // ---- input lines ----

    /** Drives line {@code line} (IRQ, FIQ, VIRQ, VFIQ) high or low. */
    public static void setLine(Cpu cpu, int line, boolean level) {
        int v = level ? cpu.irqLines | line : cpu.irqLines & ~line;
        if (v != cpu.irqLines) {
            cpu.irqLines = v;
            cpu.irqCheck = true;
        }
    }

    /** The four GIC outputs at once, as Gicv3.pendingLines(pe) gives them (IRQ | FIQ | VIRQ | VFIQ). */
    public static void setGicLines(Cpu cpu, int lines) {
        setLines(cpu, IRQ | FIQ | VIRQ | VFIQ, lines);
    }

    private static void setLines(Cpu cpu, int mask, int lines) {
        int v = (cpu.irqLines & ~mask) | (lines & mask);
        if (v != cpu.irqLines) {
            cpu.irqLines = v;
            cpu.irqCheck = true;
        }
    }

    /**
     * Makes a physical SError interrupt pending (an asynchronous External abort, e.g. from a device).
     * {@code iss} is the ESR_ELx.ISS reported: without FEAT_RAS bit 24 (IDS) = 0 and bits [23:0] = 0
     * is the architected "no syndrome"; it stays pending until taken.
     */
    public static void raiseSError(Cpu cpu, int iss) {
        cpu.serrorIss = iss & 0x1FF_FFFF;
        setLine(cpu, SERROR, true);
    }

    // ---- routing and masking ----

    /**
     * The EL a physical IRQ, FIQ or SError is routed to (Arm ARM D1.3, routing tables; the
     * Target EL of AArch64.TakePhysicalIRQException and its FIQ/SError siblings): EL3 when
     * SCR_EL3.{IRQ,FIQ,EA} routes it there, else EL2 from EL0/EL1/EL2 when EL2 is enabled and
     * HCR_EL2.{IMO,FMO,AMO} or HCR_EL2.TGE is 1, else EL1. The interrupt is taken only when this is
     * not lower than the current EL: at EL2 with IMO = TGE = 0 an IRQ targets EL1 and stays pending,
     * as does any interrupt not routed to EL3 while at EL3 ("not taken" entries of the tables).
     */
    public static int physicalTarget(Cpu cpu, long scrBit, long hcrBit) {
        if ((cpu.scrEl3 & scrBit) != 0) {
            return 3;
        }
        if (El2Regs.el2Enabled(cpu) && (cpu.hcrEl2 & (hcrBit | El2Regs.HCR_TGE)) != 0) {
            return 2;
        }
        return 1;
    }

    /**
     * Whether a physical interrupt with target {@code target} is taken now (Arm ARM D1.3, "Asynchronous
     * exception masking"): never to a lower EL; to the current EL when the PSTATE bit is 0; to a
     * higher EL regardless of PSTATE, except that EL1 as the target from EL0 is masked by PSTATE,
     * and so is EL2 from EL0 when HCR_EL2.{E2H,TGE} = {1,1} (the EL2&0 host regime, where EL0 is the
     * host's user space).
     */
    static boolean physicalTaken(Cpu cpu, int target, int pstateBit) {
        int el = cpu.el;
        if (target < el) {
            return false;
        }
        if (target > el && target != 1) {
            if (target == 3) {
                return true;
            }
            long vhe = El2Regs.HCR_E2H | El2Regs.HCR_TGE;
            if ((cpu.hcrEl2 & vhe) != vhe) {
                return true;
            }
        }
        return (cpu.daif & pstateBit) == 0;
    }

    /**
     * Whether virtual interrupts of the kind that HCR_EL2 bit {@code xmo} (IMO, FMO, AMO) enables can be
     * delivered at the current EL, PSTATE aside: only at EL0/EL1, with EL2 enabled, HCR_EL2.xMO = 1 and
     * HCR_EL2.TGE = 0 (AArch64.TakeVirtualIRQException and siblings assert exactly this).
     */
    static boolean virtualEnabled(Cpu cpu, long xmo) {
        return cpu.el <= 1 && (cpu.hcrEl2 & (xmo | El2Regs.HCR_TGE)) == xmo && El2Regs.el2Enabled(cpu);
    }

    /** The virtual lines as pending: HCR_EL2.VI OR the GIC's vIRQ, HCR_EL2.VF OR vFIQ, HCR_EL2.VSE. */
    static int virtualPending(Cpu cpu) {
        long hcr = cpu.hcrEl2;
        int v = cpu.irqLines & (VIRQ | VFIQ);
        if ((hcr & HCR_VI) != 0) v |= VIRQ;
        if ((hcr & HCR_VF) != 0) v |= VFIQ;
        if ((hcr & HCR_VSE) != 0) v |= VSERROR;
        return v;
    }

    /**
     * ISR_EL1 (Arm ARM D19.2): bits A (8), I (7), F (6), each set while that kind is pending, masks
     * aside. At EL1 where the virtual interrupts of the kind are enabled ({@link #virtualEnabled}:
     * EL2 enabled, HCR_EL2.xMO = 1, TGE = 0) a bit shows the virtual interrupt; otherwise the physical
     * line. KVM reads it at EL2 before entering a guest, to leave early when an SError is pending.
     */
    public static long isrEl1(Cpu cpu) {
        int lines = cpu.irqLines;
        int virt = virtualPending(cpu);
        boolean el1 = cpu.el == 1;
        long v = 0;
        if (el1 && virtualEnabled(cpu, HCR_AMO) ? (virt & VSERROR) != 0 : (lines & SERROR) != 0) {
            v |= 1 << 8;
        }
        if (el1 && virtualEnabled(cpu, HCR_IMO) ? (virt & VIRQ) != 0 : (lines & IRQ) != 0) {
            v |= 1 << 7;
        }
        if (el1 && virtualEnabled(cpu, HCR_FMO) ? (virt & VFIQ) != 0 : (lines & FIQ) != 0) {
            v |= 1 << 6;
        }
        return v;
    }

    /**
     * Called by the run loop at an instruction boundary when {@link Cpu#irqCheck} is set: clears the
     * flag and takes the highest-priority pending asynchronous exception that is not masked, if any.
     * {@code cpu.pc} is the next instruction to execute, which is the preferred return address.
     * Returns true if an exception was taken.
     *
     * <p>Priority: the relative priority of asynchronous exceptions is IMPLEMENTATION DEFINED (Arm ARM
     * D1.3, "Prioritization of exceptions"). This model takes a physical SError first (it reports an
     * error that may affect the others' handling), then the order of QEMU 7.2 (arm_cpu_exec_interrupt),
     * the oracle of the differential tests: FIQ, IRQ, vIRQ, vFIQ, vSError.
     */
    public static boolean takePending(Cpu cpu) {
        cpu.irqCheck = false;
        int phys = cpu.irqLines & (IRQ | FIQ | SERROR);
        int virt = virtualPending(cpu);
        if ((phys | virt) == 0) {
            return false;
        }
        if ((phys & SERROR) != 0) {
            int t = physicalTarget(cpu, SCR_EA, HCR_AMO);
            if (physicalTaken(cpu, t, PSTATE_A)) {
                cpu.irqLines &= ~SERROR; // an SError is pending until taken
                cpu.esr[t] = (ESR_SERROR | cpu.serrorIss) & 0xFFFF_FFFFL;
                Exceptions.enter(cpu, t, Exceptions.SERROR, cpu.pc);
                return true;
            }
        }
        if ((phys & FIQ) != 0) {
            int t = physicalTarget(cpu, SCR_FIQ, HCR_FMO);
            if (physicalTaken(cpu, t, PSTATE_F)) {
                Exceptions.enter(cpu, t, Exceptions.FIQ, cpu.pc);
                return true;
            }
        }
        if ((phys & IRQ) != 0) {
            int t = physicalTarget(cpu, SCR_IRQ, HCR_IMO);
            if (physicalTaken(cpu, t, PSTATE_I)) {
                Exceptions.enter(cpu, t, Exceptions.IRQ, cpu.pc);
                return true;
            }
        }
        if (virt == 0) {
            return false;
        }
        if ((virt & VIRQ) != 0 && virtualEnabled(cpu, HCR_IMO) && (cpu.daif & PSTATE_I) == 0) {
            Exceptions.enter(cpu, 1, Exceptions.IRQ, cpu.pc);
            return true;
        }
        if ((virt & VFIQ) != 0 && virtualEnabled(cpu, HCR_FMO) && (cpu.daif & PSTATE_F) == 0) {
            Exceptions.enter(cpu, 1, Exceptions.FIQ, cpu.pc);
            return true;
        }
        if ((virt & VSERROR) != 0 && virtualEnabled(cpu, HCR_AMO) && (cpu.daif & PSTATE_A) == 0) {
            // AArch64.TakeVirtualSErrorException: without FEAT_RAS (not in any profile) the syndrome
            // is IDS = 0, ISS = 0; with it, VSESR_EL2.{IDS,ISS}. Taking it clears HCR_EL2.VSE.
            cpu.hcrEl2 &= ~HCR_VSE;
            cpu.esr[1] = ESR_SERROR & 0xFFFF_FFFFL;
            Exceptions.enter(cpu, 1, Exceptions.SERROR, cpu.pc);
            return true;
        }
        return false;
    }

    /** Whether {@link #takePending} would take something now (WFE wake-up, tests). */
    public static boolean takeable(Cpu cpu) {
        int phys = cpu.irqLines & (IRQ | FIQ | SERROR);
        int virt = virtualPending(cpu);
        if ((phys & SERROR) != 0 && physicalTaken(cpu, physicalTarget(cpu, SCR_EA, HCR_AMO), PSTATE_A)) return true;
        if ((phys & FIQ) != 0 && physicalTaken(cpu, physicalTarget(cpu, SCR_FIQ, HCR_FMO), PSTATE_F)) return true;
        if ((phys & IRQ) != 0 && physicalTaken(cpu, physicalTarget(cpu, SCR_IRQ, HCR_IMO), PSTATE_I)) return true;
        if ((virt & VIRQ) != 0 && virtualEnabled(cpu, HCR_IMO) && (cpu.daif & PSTATE_I) == 0) return true;
        if ((virt & VFIQ) != 0 && virtualEnabled(cpu, HCR_FMO) && (cpu.daif & PSTATE_F) == 0) return true;
        return (virt & VSERROR) != 0 && virtualEnabled(cpu, HCR_AMO) && (cpu.daif & PSTATE_A) == 0;
    }

    // ---- WFI, WFE, SEV, SEVL ----

    /**
     * WFI wake-up events (Arm ARM D1.6.2): any physical IRQ, FIQ or SError pending for the PE,
     * regardless of PSTATE.{A,I,F}; a virtual one while at EL0/EL1 with its HCR_EL2.xMO routing set,
     * also regardless of PSTATE.
     */
    public static boolean wfiWakeUp(Cpu cpu) {
        if ((cpu.irqLines & (IRQ | FIQ | SERROR)) != 0) {
            return true;
        }
        int virt = virtualPending(cpu);
        return (virt & VIRQ) != 0 && virtualEnabled(cpu, HCR_IMO)
                || (virt & VFIQ) != 0 && virtualEnabled(cpu, HCR_FMO)
                || (virt & VSERROR) != 0 && virtualEnabled(cpu, HCR_AMO);
    }

    /**
     * WFE wake-up events (Arm ARM D1.6.1): the event register set (by SEV on any PE, SEVL, an exception
     * return, the clearing of the PE's global exclusive monitor, the timer event stream), or an
     * interrupt that would be taken (for WFE, unlike WFI, a masked interrupt is not a wake-up event).
     */
    public static boolean wfeWakeUp(Cpu cpu) {
        return cpu.eventRegister || takeable(cpu);
    }

    /** WFI after its traps: completes at once on a wake-up event, else the PE sleeps. */
    static void wfi(Cpu cpu) {
        if (!wfiWakeUp(cpu)) {
            sleep(cpu, IN_WFI);
        }
    }

    /** WFE after its traps: an event register already set is consumed and WFE completes. */
    static void wfe(Cpu cpu) {
        if (cpu.eventRegister) {
            cpu.eventRegister = false;
        } else if (!takeable(cpu)) {
            sleep(cpu, IN_WFE);
        }
    }

    /**
     * The PE enters the low-power state: the instruction completes (a wake-up continues after it, and
     * an interrupt taken then returns after it), and the run loop returns to its caller with
     * {@link Cpu#halted} set. While {@link Cpu#sleeping} is non-zero, {@link Cpu#run} returns at once
     * unless {@link #wake} finds a wake-up event; the scheduler may advance time meanwhile.
     */
    static void sleep(Cpu cpu, int kind) {
        cpu.sleeping = kind;
        cpu.halted = true;
    }

    /**
     * Whether a PE asleep in WFI or WFE has a wake-up event (without waking it): a scheduler that finds
     * none on every PE may advance virtual time to the next timer deadline, or report that nothing can
     * ever wake the machine. True for a PE that is not asleep.
     */
    public static boolean hasWakeUpEvent(Cpu cpu) {
        return switch (cpu.sleeping) {
            case AWAKE -> true;
            case IN_WFI -> wfiWakeUp(cpu);
            default -> wfeWakeUp(cpu);
        };
    }

    /**
     * Leaves the low-power state if a wake-up event has happened: returns true if the PE is (now)
     * awake. A WFE woken by the event register consumes it.
     */
    public static boolean wake(Cpu cpu) {
        switch (cpu.sleeping) {
            case AWAKE:
                return true;
            case IN_WFI:
                if (!wfiWakeUp(cpu)) {
                    return false;
                }
                break;
            default:
                if (cpu.eventRegister) {
                    cpu.eventRegister = false;
                } else if (!takeable(cpu)) {
                    return false;
                }
                break;
        }
        cpu.sleeping = AWAKE;
        cpu.irqCheck = true;
        return true;
    }

    /**
     * Sets the event register of {@code cpu} (an event: SEVL, a global monitor clear, an event-stream
     * tick of the generic timer, or an IMPLEMENTATION DEFINED source). A PE asleep in WFE wakes at its
     * next run.
     */
    public static void sendEvent(Cpu cpu) {
        cpu.eventRegister = true;
    }

    /** SEV: sends an event to every PE of the machine, this one included (Arm ARM D1.6.1). */
    static void sev(Cpu cpu) {
        for (Cpu c : peers(cpu)) {
            c.eventRegister = true;
        }
    }

    // ---- the PEs of one machine, for SEV: all PEs built on the same PhysBus ----

    private static final Map<PhysBus, List<WeakReference<Cpu>>> MACHINES = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Records {@code cpu} as a PE of the machine of its bus (called by the Cpu constructor). Weak
     * references only: the map keeps no machine alive.
     */
    static void join(Cpu cpu) {
        if (cpu.bus == null) {
            return;
        }
        synchronized (MACHINES) {
            MACHINES.computeIfAbsent(cpu.bus, b -> new ArrayList<>()).add(new WeakReference<>(cpu));
        }
    }

    /** The PEs sharing {@code cpu}'s bus, {@code cpu} included. */
    public static List<Cpu> peers(Cpu cpu) {
        List<Cpu> out = new ArrayList<>();
        synchronized (MACHINES) {
            List<WeakReference<Cpu>> l = MACHINES.get(cpu.bus);
            if (l != null) {
                for (WeakReference<Cpu> r : l) {
                    Cpu c = r.get();
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
        }
        if (!out.contains(cpu)) {
            out.add(cpu);
        }
        return out;
    }
}
