package io.el2studio.debug.ui.editor;

import java.util.List;

import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.ICharacterScanner;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.MultiLineRule;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;

import io.el2studio.sim.sysreg.SysReg;
import io.el2studio.sim.sysreg.SysRegTable;

/**
 * Colouring of GNU assembler sources (.S, .s) for AArch64: comments ({@code //}, C comments), strings,
 * preprocessor lines of .S files, directives ({@code .global}), A64 mnemonics, general registers
 * (x0-x30, w0-w30, sp, xzr, v/q/d/s registers) and system register names from the simulator's
 * system-register table (the one table, so HCR_EL2 is spelled in one place).
 */
public class AsmReconciler extends ScannerReconciler {
    /** A64 base mnemonics (Arm ARM C3, C6.2), lower case; condition suffixes are matched separately. */
    static final List<String> MNEMONICS = List.of("adc", "adcs", "add", "adds", "adr", "adrp", "and", "ands", "asr", "at",
            "autia", "b", "bfi", "bfm", "bfxil", "bic", "bics", "bl", "blr", "br", "brk", "bti", "cas", "casa", "casal",
            "cbnz", "cbz", "ccmn", "ccmp", "cinc", "cinv", "clrex", "cls", "clz", "cmn", "cmp", "cneg", "csel", "cset",
            "csetm", "csinc", "csinv", "csneg", "dc", "dmb", "dsb", "eon", "eor", "eret", "extr", "hint", "hlt", "hvc",
            "ic", "isb", "ldar", "ldaxr", "ldp", "ldr", "ldrb", "ldrh", "ldrsb", "ldrsh", "ldrsw", "ldur", "ldxr", "ldxp",
            "lsl", "lsr", "madd", "mneg", "mov", "movk", "movn", "movz", "mrs", "msr", "msub", "mul", "mvn", "neg",
            "negs", "nop", "orn", "orr", "prfm", "rbit", "ret", "rev", "rev16", "rev32", "ror", "sbc", "sbcs", "sbfiz",
            "sbfm", "sbfx", "sdiv", "sev", "sevl", "smaddl", "smc", "smulh", "smull", "stlr", "stlxr", "stp", "str",
            "strb", "strh", "stur", "stxr", "stxp", "sub", "subs", "svc", "sxtb", "sxth", "sxtw", "sys", "sysl", "tbnz",
            "tbz", "tlbi", "tst", "ubfiz", "ubfm", "ubfx", "udiv", "umaddl", "umulh", "umull", "uxtb", "uxth", "wfe",
            "wfi", "yield", "fmov", "fadd", "fsub", "fmul", "fdiv", "ld1", "st1", "ldaxp", "stlxp", "ldadd", "swp",
            "esb", "psb", "csdb", "pacia", "retaa");
    static final List<String> CONDITIONS = List.of("eq", "ne", "cs", "hs", "cc", "lo", "mi", "pl", "vs", "vc", "hi", "ls",
            "ge", "lt", "gt", "le", "al", "nv");

    public AsmReconciler() {
        super(scanner());
    }

    static RuleBasedScanner scanner() {
        RuleBasedScanner s = new RuleBasedScanner();
        s.setRules(new IRule[] { new EndOfLineRule("//", Colours.COMMENT), new MultiLineRule("/*", "*/", Colours.COMMENT),
                new SingleLineRule("\"", "\"", Colours.STRING, '\\'), new PreprocessorRule(Colours.PREPROCESSOR),
                new WordClassRule() });
        return s;
    }

    /** The kind of an assembler word: directive, register, system register, mnemonic, or nothing. */
    static IToken classify(String word) {
        String w = word.toLowerCase();
        if (w.startsWith(".")) {
            return w.length() > 1 && Character.isLetter(w.charAt(1)) ? Colours.DIRECTIVE : Token.UNDEFINED;
        }
        if (isRegister(w)) {
            return Colours.REGISTER;
        }
        SysReg r = SysRegTable.byName(word);
        if (r != null) {
            return Colours.SYSREG;
        }
        if (MNEMONICS.contains(w)) {
            return Colours.MNEMONIC;
        }
        int dot = w.indexOf('.');
        if (dot > 0 && (w.substring(0, dot).equals("b") || w.substring(0, dot).equals("bc"))
                && CONDITIONS.contains(w.substring(dot + 1))) {
            return Colours.MNEMONIC; // b.eq
        }
        return Token.UNDEFINED;
    }

    static boolean isRegister(String w) {
        if (w.equals("sp") || w.equals("wsp") || w.equals("xzr") || w.equals("wzr") || w.equals("lr") || w.equals("fp")) {
            return true;
        }
        if (w.length() >= 2 && "xwvqdsbh".indexOf(w.charAt(0)) >= 0) {
            String n = w.substring(1);
            if (n.chars().allMatch(Character::isDigit) && n.length() <= 2) {
                int i = Integer.parseInt(n);
                return w.charAt(0) == 'x' || w.charAt(0) == 'w' ? i <= 30 : i <= 31;
            }
        }
        return false;
    }

    /** Reads a word (letters, digits, '_', '.') and colours it by {@link #classify}. */
    private static final class WordClassRule implements IRule {
        private static final IToken PLAIN = new Token(null);

        @Override
        public IToken evaluate(ICharacterScanner scanner) {
            int c = scanner.read();
            if (!(Character.isLetter(c) || c == '_' || c == '.')) {
                scanner.unread();
                return Token.UNDEFINED;
            }
            StringBuilder b = new StringBuilder();
            while (c != ICharacterScanner.EOF && (Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                b.append((char) c);
                c = scanner.read();
            }
            scanner.unread();
            IToken t = classify(b.toString());
            // an ordinary word (a label, a symbol) is consumed too, in the default colour
            return t.isUndefined() ? PLAIN : t;
        }
    }
}
