package io.el2studio.engine.sim;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address-space prefixes every view and command accepts (IDE.md, "Address spaces, written the
 * same way everywhere", after Arm Development Studio's): none (the selected PE's current regime),
 * {@code EL3:} and {@code EL2:} (that EL's regime, EL2&amp;0 when HCR_EL2.E2H is 1), {@code EL1N:}
 * (the current guest's EL1&amp;0 regime through stage 1 and stage 2), {@code VM<n>:} (VMID n's
 * EL1&amp;0 regime with the stage-1 registers it last ran with), {@code IPA<n>:} (VMID n's
 * intermediate physical addresses through its stage 2) and {@code NP:} (non-secure physical).
 */
public final class AddressSpaces {
    private AddressSpaces() {
    }

    /** One address space, as a prefix names it. */
    public sealed interface Space permits Current, OfEl, GuestEl1, Vm, Ipa, Physical {
        /** The prefix that names it ("" for the current regime), e.g. {@code VM2:}. */
        String prefix();
    }

    /** No prefix: the selected PE's current translation regime. */
    public record Current() implements Space {
        @Override
        public String prefix() {
            return "";
        }
    }

    /** {@code EL3:} or {@code EL2:}: that EL's translation regime on the selected PE. */
    public record OfEl(int el) implements Space {
        public OfEl {
            if (el != 2 && el != 3) {
                throw new IllegalArgumentException("only EL2 and EL3 have a regime of their own (EL1 is EL1N: or VM<n>:)");
            }
        }

        @Override
        public String prefix() {
            return "EL" + el + ":";
        }
    }

    /** {@code EL1N:}: the EL1&amp;0 regime the selected PE's EL1 registers and loaded stage 2 define. */
    public record GuestEl1() implements Space {
        @Override
        public String prefix() {
            return "EL1N:";
        }
    }

    /** {@code VM<n>:}: VMID n's EL1&amp;0 regime, with the stage-1 registers it last ran with. */
    public record Vm(int vmid) implements Space {
        @Override
        public String prefix() {
            return "VM" + vmid + ":";
        }
    }

    /** {@code IPA<n>:}: VMID n's intermediate physical addresses, through its stage 2. */
    public record Ipa(int vmid) implements Space {
        @Override
        public String prefix() {
            return "IPA" + vmid + ":";
        }
    }

    /** {@code NP:}: non-secure physical addresses. */
    public record Physical() implements Space {
        @Override
        public String prefix() {
            return "NP:";
        }
    }

    /** An address in a space. */
    public record Address(Space space, long address) {
        @Override
        public String toString() {
            return space.prefix() + "0x" + Long.toHexString(address);
        }
    }

    /** A prefix taken off the text in front of an expression: the space and what follows it. */
    public record Split(Space space, String rest) {
    }

    /** The highest VMID: 16 bits when VTCR_EL2.VS is 1 (Arm ARM D8.2, VMID size). */
    public static final int MAX_VMID = 0xFFFF;
    static final String KNOWN = "EL3:, EL2:, EL1N:, VM<n>:, IPA<n>:, NP:";

    /** A leading word then a single colon (a C expression's "::" or "?:" never looks like this). */
    private static final Pattern PREFIX = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9]*):(?!:)");

    /**
     * Takes the address-space prefix off {@code text}: {@code "EL2:&vm"} gives EL2 and
     * {@code "&vm"}; no prefix gives {@link Current} and the text. A word before a colon that is no
     * known space is an error saying which prefixes there are.
     */
    public static Split split(String text) {
        Matcher m = PREFIX.matcher(text);
        if (!m.find()) {
            return new Split(new Current(), text.strip());
        }
        return new Split(space(m.group(1)), text.substring(m.end()).strip());
    }

    /** {@code "VM2:0x40001000"}: the space and a numeric address (hex with 0x, else decimal). */
    public static Address parse(String text) {
        Split s = split(text);
        if (s.rest().isEmpty()) {
            throw new IllegalArgumentException("no address after '" + s.space().prefix() + "'");
        }
        return new Address(s.space(), number(s.rest()));
    }

    /** The space a prefix word (without the colon) names, in any letter case. */
    public static Space space(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        switch (w) {
            case "EL3":
                return new OfEl(3);
            case "EL2":
                return new OfEl(2);
            case "EL1N":
                return new GuestEl1();
            case "NP":
                return new Physical();
            case "EL1", "EL0":
                throw new IllegalArgumentException("address space '" + word + ":' is ambiguous: EL1N: is the current guest's "
                        + "EL1&0 regime, VM<n>: a given VMID's (known: " + KNOWN + ")");
            default:
                break;
        }
        for (String kind : new String[] {"VM", "IPA"}) {
            if (w.startsWith(kind)) {
                String digits = w.substring(kind.length());
                if (digits.isEmpty()) {
                    throw new IllegalArgumentException("address space '" + word + ":' needs a VMID: " + kind + "<n>:, e.g. "
                            + kind + "1:");
                }
                if (!digits.chars().allMatch(Character::isDigit)) {
                    break;
                }
                int vmid;
                try {
                    vmid = Integer.parseInt(digits);
                } catch (NumberFormatException e) {
                    vmid = -1;
                }
                if (vmid < 0 || vmid > MAX_VMID) {
                    throw new IllegalArgumentException("address space '" + word + ":': VMID " + digits + " is out of range (0.."
                            + MAX_VMID + ")");
                }
                return kind.equals("VM") ? new Vm(vmid) : new Ipa(vmid);
            }
        }
        throw new IllegalArgumentException("unknown address space '" + word + ":' (known: " + KNOWN + ")");
    }

    private static long number(String s) {
        String t = s.strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not an address (hex with 0x, or decimal)");
        }
    }
}
