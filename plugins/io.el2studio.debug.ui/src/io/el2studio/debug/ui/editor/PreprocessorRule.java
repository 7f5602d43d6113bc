package io.el2studio.debug.ui.editor;

import org.eclipse.jface.text.rules.ICharacterScanner;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.Token;

/**
 * A preprocessor directive: {@code #} in the first column and the directive word after it
 * ({@code #include}, {@code # define}); the rest of the line keeps its own colours. Only the first
 * column, so that an assembler immediate ({@code mov x0, #1}) is not taken for one.
 */
final class PreprocessorRule implements IRule {
    private final IToken token;

    PreprocessorRule(IToken token) {
        this.token = token;
    }

    @Override
    public IToken evaluate(ICharacterScanner scanner) {
        if (scanner.getColumn() != 0) {
            return Token.UNDEFINED;
        }
        int c = scanner.read();
        if (c != '#') {
            scanner.unread();
            return Token.UNDEFINED;
        }
        int n;
        do {
            n = scanner.read();
        } while (n == ' ' || n == '\t');
        while (n != ICharacterScanner.EOF && (Character.isLetter(n) || n == '_')) {
            n = scanner.read();
        }
        scanner.unread();
        return token;
    }
}
