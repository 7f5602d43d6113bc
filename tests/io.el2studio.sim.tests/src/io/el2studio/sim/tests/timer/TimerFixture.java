package io.el2studio.sim.tests.timer;

import io.el2studio.sim.cpu.Cpu;
import io.el2studio.sim.cpu.CpuProfile;
import io.el2studio.sim.cpu.GuestFault;
import io.el2studio.sim.gic.Gicv3;
import io.el2studio.sim.gic.SysRegBinding;
import io.el2studio.sim.machine.MiniMachine;
import io.el2studio.sim.timer.GenericTimer;
import io.el2studio.sim.timer.ManualClock;
import io.el2studio.sim.timer.TimerSysRegs;

/**
 * One PE (Non-secure EL1) whose generic timers run on a manual clock at 1000 and drive a GICv3's PPIs as
 * on QEMU's virt (30, 27, 26, 28); MRS and MSR of the timer registers go through their bindings as the
 * system register table does (the check, then the reader or writer), so a denied access throws its fault.
 */
public abstract class TimerFixture {
    protected static final long HCR_TGE = 1L << 27, HCR_E2H = 1L << 34;

    protected final MiniMachine m = new MiniMachine(CpuProfile.max(), 0x4000_0000L, 1 << 20, 1);
    protected final Cpu c = m.cpu(0);
    protected final ManualClock clock = new ManualClock(1000);
    protected final Gicv3 gic = Gicv3.forVirt(1);
    protected final GenericTimer timer;

    protected TimerFixture() {
        gic.attach(m.cpus);
        timer = GenericTimer.attach(m.cpus, clock, gic::setPpiLevel)[0];
        c.scrEl3 |= 1;
        c.el = 1;
    }

    protected static SysRegBinding reg(String name) {
        for (SysRegBinding b : TimerSysRegs.all()) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** MRS ({@code read}) or MSR of {@code v} to register {@code name}, with Rt = 0; an MSR returns 0. */
    protected long access(String name, boolean read, long v) {
        SysRegBinding b = reg(name);
        int w = 0xD500_0000 | (read ? 1 << 21 : 0) | b.op0() << 19 | b.op1() << 16 | b.crn() << 12 | b.crm() << 8
                | b.op2() << 5;
        GuestFault f = b.check().check(c, read, w);
        if (f != null) {
            throw f;
        }
        if (read) {
            return b.reader().applyAsLong(c);
        }
        b.writer().accept(c, v);
        return 0;
    }

    protected long mrs(String name) {
        return access(name, true, 0);
    }

    protected void msr(String name, long v) {
        access(name, false, v);
    }

    /** The level of PPI {@code intid} at the redistributor (GICR_ISPENDR0 shows a level-sensitive line). */
    protected boolean ppiPending(int intid) {
        return (gic.redistributors().read(0x10000 + 0x200, 4) & (1L << intid)) != 0;
    }
}
