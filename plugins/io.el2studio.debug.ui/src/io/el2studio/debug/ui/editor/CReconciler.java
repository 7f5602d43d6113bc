package io.el2studio.debug.ui.editor;

import java.util.List;

import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IWordDetector;
import org.eclipse.jface.text.rules.MultiLineRule;
import org.eclipse.jface.text.rules.NumberRule;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.rules.WordRule;

/** Colouring of C sources and headers (Generic Editor): keywords, comments, strings and characters, preprocessor lines. */
public class CReconciler extends ScannerReconciler {
    /** C17 keywords (ISO/IEC 9899:2018 6.4.1) and the GNU ones hypervisor code uses. */
    static final List<String> KEYWORDS = List.of("auto", "break", "case", "char", "const", "continue", "default", "do",
            "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
            "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
            "unsigned", "void", "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic",
            "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local", "asm", "__asm__", "__attribute__",
            "__volatile__", "__inline__", "typeof", "__typeof__", "bool", "true", "false");

    public CReconciler() {
        super(scanner());
    }

    static RuleBasedScanner scanner() {
        RuleBasedScanner s = new RuleBasedScanner();
        WordRule words = new WordRule(new IWordDetector() {
            @Override
            public boolean isWordStart(char c) {
                return Character.isLetter(c) || c == '_';
            }

            @Override
            public boolean isWordPart(char c) {
                return Character.isLetterOrDigit(c) || c == '_';
            }
        }, new Token(null)); // other identifiers: consumed whole, default colour (no digits coloured inside them)
        for (String k : KEYWORDS) {
            words.addWord(k, Colours.KEYWORD);
        }
        s.setRules(new IRule[] { new EndOfLineRule("//", Colours.COMMENT), new MultiLineRule("/*", "*/", Colours.COMMENT),
                new SingleLineRule("\"", "\"", Colours.STRING, '\\'), new SingleLineRule("'", "'", Colours.STRING, '\\'),
                new PreprocessorRule(Colours.PREPROCESSOR), words, new NumberRule(Colours.NUMBER) });
        return s;
    }
}
