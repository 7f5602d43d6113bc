package io.el2studio.debug.core.model;

import java.math.BigInteger;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IMemoryBlockExtension;
import org.eclipse.debug.core.model.IMemoryBlockRetrieval;
import org.eclipse.debug.core.model.MemoryByte;

import io.el2studio.engine.sim.AddressSpaces;
import io.el2studio.engine.sim.SimTarget;
import io.el2studio.engine.target.MemoryException;
import io.el2studio.engine.target.TargetMemory;

/**
 * A Memory view block of one address space (IDE.md's prefixes: {@code NP:}, {@code EL2:},
 * {@code VM<n>:}, ... through the engine's AddressSpaces and the simulator's Translation), read
 * without side effects; a byte that does not translate or is not RAM shows as unreadable. Bytes are
 * fetched when the view asks (its rendering job), never on the UI thread by the model.
 */
public final class El2MemoryBlock extends El2DebugElement implements IMemoryBlockExtension {
    private final El2DebugTarget target;
    private final String expression;
    private final AddressSpaces.Address address;
    private final int pe;
    private long length = 0x100;

    El2MemoryBlock(El2DebugTarget target, String expression, AddressSpaces.Address address, int pe) {
        super(target);
        this.target = target;
        this.expression = expression;
        this.address = address;
        this.pe = pe;
    }

    private TargetMemory memory() {
        return new SimTarget(target.simulation(), pe).memory(address.space());
    }

    @Override
    public String getExpression() {
        return expression;
    }

    @Override
    public BigInteger getBigBaseAddress() {
        return new BigInteger(Long.toUnsignedString(address.address()));
    }

    @Override
    public BigInteger getMemoryBlockStartAddress() {
        return null; // the whole address space
    }

    @Override
    public BigInteger getMemoryBlockEndAddress() {
        return null;
    }

    @Override
    public BigInteger getBigLength() {
        return BigInteger.valueOf(length);
    }

    @Override
    public int getAddressSize() {
        return 8;
    }

    @Override
    public boolean supportBaseAddressModification() {
        return false;
    }

    @Override
    public boolean supportsChangeManagement() {
        return false;
    }

    @Override
    public void setBaseAddress(BigInteger address) throws DebugException {
        throw error("the base address of an EL2 Studio memory block is its expression");
    }

    @Override
    public MemoryByte[] getBytesFromOffset(BigInteger unitOffset, long addressableUnits) {
        return getBytesFromAddress(getBigBaseAddress().add(unitOffset), addressableUnits);
    }

    /** The bytes at {@code start}; each 256-byte chunk that cannot be read is read byte by byte, so only what faults is marked. */
    @Override
    public MemoryByte[] getBytesFromAddress(BigInteger start, long units) {
        MemoryByte[] out = new MemoryByte[(int) units];
        TargetMemory m = memory();
        long a = start.longValue();
        for (int off = 0; off < units; off += 256) {
            int n = (int) Math.min(256, units - off);
            try {
                byte[] b = m.read(a + off, n);
                for (int i = 0; i < n; i++) {
                    out[off + i] = new MemoryByte(b[i], (byte) (MemoryByte.READABLE | MemoryByte.ENDIANESS_KNOWN));
                }
            } catch (MemoryException | RuntimeException e) {
                for (int i = 0; i < n; i++) {
                    try {
                        byte[] b = m.read(a + off + i, 1);
                        out[off + i] = new MemoryByte(b[0], (byte) (MemoryByte.READABLE | MemoryByte.ENDIANESS_KNOWN));
                    } catch (MemoryException | RuntimeException e2) {
                        out[off + i] = new MemoryByte((byte) 0, (byte) 0);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void setValue(BigInteger offset, byte[] bytes) throws DebugException {
        try {
            memory().write(address.address() + offset.longValue(), bytes);
        } catch (MemoryException | RuntimeException e) {
            throw error(e.getMessage());
        }
        fireChangeEvent(DebugEvent.CONTENT);
    }

    @Override
    public void connect(Object client) {
    }

    @Override
    public void disconnect(Object client) {
    }

    @Override
    public Object[] getConnections() {
        return new Object[0];
    }

    @Override
    public void dispose() {
    }

    @Override
    public IMemoryBlockRetrieval getMemoryBlockRetrieval() {
        return target;
    }

    @Override
    public int getAddressableSize() {
        return 1;
    }

    @Override
    public long getStartAddress() {
        return address.address();
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public byte[] getBytes() throws DebugException {
        MemoryByte[] m = getBytesFromAddress(getBigBaseAddress(), length);
        byte[] b = new byte[m.length];
        for (int i = 0; i < m.length; i++) {
            if (!m[i].isReadable()) {
                throw error(String.format("Cannot access memory at address 0x%x", address.address() + i));
            }
            b[i] = m[i].getValue();
        }
        return b;
    }

    @Override
    public boolean supportsValueModification() {
        return true;
    }

    @Override
    public void setValue(long offset, byte[] bytes) throws DebugException {
        setValue(BigInteger.valueOf(offset), bytes);
    }
}
