package io.el2studio.debug.ui.editor;

import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/** The colours of the source editors (CDT's defaults, roughly): keywords, comments, strings, preprocessor, registers. */
final class Colours {
    static final IToken KEYWORD = token(new Color(127, 0, 85), SWT.BOLD);
    static final IToken COMMENT = token(new Color(63, 127, 95), SWT.NORMAL);
    static final IToken STRING = token(new Color(42, 0, 255), SWT.NORMAL);
    static final IToken PREPROCESSOR = token(new Color(100, 70, 50), SWT.BOLD);
    static final IToken NUMBER = token(new Color(125, 125, 125), SWT.NORMAL);
    /** Assembler: mnemonics, general registers, directives, system registers. */
    static final IToken MNEMONIC = token(new Color(127, 0, 85), SWT.BOLD);
    static final IToken REGISTER = token(new Color(0, 0, 192), SWT.NORMAL);
    static final IToken DIRECTIVE = token(new Color(100, 70, 50), SWT.BOLD);
    static final IToken SYSREG = token(new Color(160, 80, 0), SWT.BOLD);

    private Colours() {
    }

    private static IToken token(Color c, int style) {
        return new Token(new TextAttribute(c, null, style));
    }
}
