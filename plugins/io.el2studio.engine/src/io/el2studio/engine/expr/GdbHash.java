package io.el2studio.engine.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which gdb 13 iterates the symbols of a lexical block: such blocks get a hashed
 * dictionary (gdb/dictionary.c, dict_create_hashed) of {@code n / 5 + 1} buckets, symbols hashed
 * by {@code default_search_name_hash} (gdb/minsyms.c and symtab.c: {@code SYMBOL_HASH_NEXT} = hash * 67
 * + tolower(c) - 113 over the name, 32-bit unsigned), iterated bucket by bucket; within a bucket the
 * first declared comes first. {@code info locals} and {@code info scope} list a block's symbols in this
 * order, so we must too.
 */
final class GdbHash {
    private GdbHash() {
    }

    static int next(int hash, char c) {
        return hash * 67 + Character.toLowerCase(c) - 113;
    }

    /** gdb's msymbol_hash_iw: ignores white space, stops at '('. */
    static int hashIw(String s) {
        int h = 0;
        for (int i = 0; i < s.length() && s.charAt(i) != '('; i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                h = next(h, c);
            }
        }
        return h;
    }

    /** gdb's default_search_name_hash (C names take its plain path; Ada's encodings are honoured as gdb does). */
    static int searchNameHash(String s0) {
        int i = 0;
        if (s0.startsWith("_")) {
            if (s0.startsWith("_ada_")) {
                i = 5;
            } else {
                return hashIw(s0);
            }
        }
        int h = 0;
        while (i < s0.length()) {
            char c = s0.charAt(i);
            switch (c) {
                case '$', '.', 'X' -> {
                    return i == 0 ? hashIw(s0) : h;
                }
                case ' ', '(' -> {
                    return hashIw(s0);
                }
                case '_' -> {
                    if (i + 1 < s0.length() && s0.charAt(i + 1) == '_' && i != 0) {
                        char c2 = i + 2 < s0.length() ? s0.charAt(i + 2) : 0;
                        if (c2 == 'B' && i + 3 < s0.length() && s0.charAt(i + 3) == '_') {
                            for (i += 4; i < s0.length() && Character.isDigit(s0.charAt(i)); i++) {
                            }
                            continue;
                        }
                        if ((c2 < 'a' || c2 > 'z') && c2 != 'O') {
                            return h;
                        }
                        h = 0;
                        i += 2;
                        continue;
                    }
                }
                case 'T' -> {
                    if (s0.substring(i).equals("TKB")) {
                        return h;
                    }
                }
                default -> {
                }
            }
            h = next(h, c);
            i++;
        }
        return h;
    }

    /**
     * {@code names} (declaration order, {@code null} for symbols of no interest that still occupy the
     * table) reordered as gdb iterates them; returns indices into {@code names}.
     */
    static List<Integer> order(List<String> names) {
        int n = names.size();
        int buckets = n / 5 + 1; // DICT_HASHTABLE_SIZE
        List<List<Integer>> table = new ArrayList<>(buckets);
        for (int b = 0; b < buckets; b++) {
            table.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            int h = searchNameHash(name == null ? "" : name);
            table.get(Integer.remainderUnsigned(h, buckets)).add(i);
        }
        List<Integer> out = new ArrayList<>(n);
        for (List<Integer> b : table) {
            out.addAll(b);
        }
        return out;
    }
}
