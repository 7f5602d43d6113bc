package io.el2studio.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.el2studio.engine.step.Insertions;

/**
 * The user's breakpoints as gdb numbers and lists them ({@code info breakpoints}): each with its
 * locations (addresses with the function, file and line gdb names there), temporary or not, a
 * condition and a hit count. Locations are inserted through the shared {@link Insertions}.
 */
final class UserBreakpoints {
    /** One location: {@code what} is gdb's What column ({@code in main at types.c:78}, {@code crt0.S:13}, {@code <_start+16>}). */
    record Location(long address, String what, String function) {
    }

    static final class Breakpoint {
        final int number;
        final boolean temporary;
        final List<Location> locations;
        final String condition;
        /** Made by {@code break *ADDR}. */
        final boolean byAddress;
        int hits;

        Breakpoint(int number, boolean temporary, List<Location> locations, String condition, boolean byAddress) {
            this.number = number;
            this.temporary = temporary;
            this.locations = List.copyOf(locations);
            this.condition = condition;
            this.byAddress = byAddress;
        }
    }

    private final Insertions insertions;
    private final Map<Integer, Breakpoint> byNumber = new TreeMap<>();
    private int last;

    UserBreakpoints(Insertions insertions) {
        this.insertions = insertions;
    }

    /** The number the next breakpoint gets (gdb counts every breakpoint ever made). */
    int nextNumber() {
        return last + 1;
    }

    Breakpoint add(boolean temporary, List<Location> locations, String condition, boolean byAddress) {
        Breakpoint b = new Breakpoint(++last, temporary, locations, condition, byAddress);
        byNumber.put(b.number, b);
        for (Location l : b.locations) {
            insertions.insert(l.address());
        }
        return b;
    }

    /** Deletes breakpoint {@code n}; false when there is none. */
    boolean delete(int n) {
        Breakpoint b = byNumber.remove(n);
        if (b == null) {
            return false;
        }
        for (Location l : b.locations) {
            insertions.remove(l.address());
        }
        return true;
    }

    void deleteAll() {
        for (int n : new ArrayList<>(byNumber.keySet())) {
            delete(n);
        }
    }

    Breakpoint get(int n) {
        return byNumber.get(n);
    }

    /**
     * The breakpoints at {@code pc} that stop the PE: those whose condition holds ({@code holds}
     * evaluates it; it may throw a GdbError, which then stops as gdb does), each hit counted, and a
     * temporary one deleted (gdb: disposition "del").
     */
    /** Every breakpoint with a location at {@code pc}. */
    List<Breakpoint> at(long pc) {
        return byNumber.values().stream().filter(b -> b.locations.stream().anyMatch(l -> l.address() == pc)).toList();
    }

    List<Breakpoint> hitsAt(long pc, Predicate<Breakpoint> holds) {
        List<Breakpoint> out = new ArrayList<>();
        for (Breakpoint b : new ArrayList<>(byNumber.values())) {
            boolean here = b.locations.stream().anyMatch(l -> l.address() == pc);
            if (here && (b.condition == null || holds.test(b))) {
                b.hits++;
                out.add(b);
            }
        }
        return out;
    }

    /** {@code info breakpoints} as gdb 13 prints it. */
    String info() {
        if (byNumber.isEmpty()) {
            return "No breakpoints or watchpoints.";
        }
        StringBuilder s = new StringBuilder("Num     Type           Disp Enb Address            What");
        for (Breakpoint b : byNumber.values()) {
            String head = String.format("%-7d %-14s %-4s %-3s ", b.number, "breakpoint", b.temporary ? "del" : "keep", "y");
            if (b.locations.size() == 1) {
                Location l = b.locations.get(0);
                s.append('\n').append(head).append(String.format("0x%016x %s", l.address(), l.what()));
            } else {
                s.append('\n').append(head).append(String.format("%-18s ", "<MULTIPLE>"));
            }
            if (b.condition != null) {
                s.append("\n\tstop only if ").append(b.condition);
            }
            if (b.hits > 0) {
                s.append("\n\tbreakpoint already hit ").append(b.hits).append(b.hits == 1 ? " time" : " times");
            }
            if (b.locations.size() > 1) {
                for (int i = 0; i < b.locations.size(); i++) {
                    Location l = b.locations.get(i);
                    s.append('\n').append(String.format("%-28s%-3s 0x%016x %s", b.number + "." + (i + 1), "y", l.address(), l.what()));
                }
            }
        }
        return s.toString();
    }
}
