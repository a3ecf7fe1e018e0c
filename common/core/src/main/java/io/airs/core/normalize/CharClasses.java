package io.airs.core.normalize;

/**
 * Character classes the normaliser needs: invisible characters, Unicode tag characters, NFKC
 * segment boundaries and the homoglyph fold table. Pure functions over code points, written as
 * range tests and switches so there is no mutable table to share.
 */
final class CharClasses {

    static final int TAG_FIRST = 0xE0000;
    static final int TAG_LAST = 0xE007F;

    private CharClasses() {}

    /** Printable ASCII or ordinary whitespace: the characters the fast path passes untouched. */
    static boolean plainAscii(char c) {
        return (c >= 0x20 && c < 0x7F) || (c >= 0x09 && c <= 0x0D);
    }

    static boolean isTag(int cp) {
        return cp >= TAG_FIRST && cp <= TAG_LAST;
    }

    /**
     * Characters that render as nothing (or only steer rendering) and so can split a keyword without
     * a reader noticing: zero-width characters, bidi controls, variation selectors, fillers, the soft
     * hyphen, tag characters, and control characters other than ordinary whitespace.
     */
    static boolean isInvisible(int cp) {
        if (cp < 0x80) {
            return (cp < 0x20 && (cp < 0x09 || cp > 0x0D)) || cp == 0x7F;
        }
        if (cp < 0x2000) {
            return (cp >= 0x80 && cp <= 0x9F && cp != 0x85)
                    || cp == 0xAD // soft hyphen
                    || cp == 0x34F // combining grapheme joiner
                    || cp == 0x61C // Arabic letter mark
                    || cp == 0x115F
                    || cp == 0x1160 // Hangul fillers
                    || cp == 0x17B4
                    || cp == 0x17B5 // Khmer inherent vowels
                    || (cp >= 0x180B && cp <= 0x180F); // Mongolian selectors and vowel separator
        }
        if (cp < 0x3000) {
            return (cp >= 0x200B && cp <= 0x200F) // zero-width space, joiners, LRM, RLM
                    || (cp >= 0x202A && cp <= 0x202E) // bidi embeddings and overrides
                    || (cp >= 0x2060 && cp <= 0x206F); // word joiner, invisible operators, isolates
        }
        if (cp < 0x10000) {
            return cp == 0x3164 // Hangul filler
                    || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
                    || cp == 0xFEFF // byte-order mark, zero-width no-break space
                    || cp == 0xFFA0 // halfwidth Hangul filler
                    || (cp >= 0xFFF0 && cp <= 0xFFFB); // interlinear annotation and unassigned specials
        }
        return (cp >= 0x1BCA0 && cp <= 0x1BCA3) // shorthand format controls
                || (cp >= 0x1D173 && cp <= 0x1D17A) // musical formatting
                || isTag(cp)
                || (cp >= 0xE0100 && cp <= 0xE01EF); // variation selectors supplement
    }

    /**
     * Whether {@code cp} belongs to the NFKC segment of the character before it: combining marks,
     * Hangul vowel and trailing jamo, and the halfwidth kana voicing marks, which NFKC composes with
     * what precedes them.
     */
    static boolean continuesSegment(int cp) {
        if (cp < 0x300) {
            return false;
        }
        if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF) || cp == 0xFF9E || cp == 0xFF9F) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * The ASCII letter that {@code c} is commonly mistaken for, or {@code 0}. Modelled on the Unicode
     * confusables data for letters NFKC leaves alone: Cyrillic, Greek, Armenian and Cherokee
     * look-alikes and a few Latin variants. Fullwidth and mathematical forms are handled by NFKC.
     */
    static char foldHomoglyph(char c) {
        if (c < 0x0131) {
            return 0;
        }
        return switch (c) {
            // Latin variants outside ASCII that NFKC keeps
            case 'ı', 'ɩ' -> 'i';
            case 'ȷ' -> 'j';
            case 'ɑ' -> 'a';
            case 'ɡ' -> 'g';
            // Greek capitals
            case 'Α' -> 'A';
            case 'Β' -> 'B';
            case 'Ε' -> 'E';
            case 'Ζ' -> 'Z';
            case 'Η' -> 'H';
            case 'Ι' -> 'I';
            case 'Κ' -> 'K';
            case 'Μ' -> 'M';
            case 'Ν' -> 'N';
            case 'Ο' -> 'O';
            case 'Ρ' -> 'P';
            case 'Τ' -> 'T';
            case 'Υ' -> 'Y';
            case 'Χ' -> 'X';
            case 'Ϲ' -> 'C';
            case 'Ϳ' -> 'J';
            // Greek small letters
            case 'α' -> 'a';
            case 'γ' -> 'y';
            case 'ι' -> 'i';
            case 'κ' -> 'k';
            case 'ν' -> 'v';
            case 'ο' -> 'o';
            case 'ρ' -> 'p';
            case 'υ' -> 'u';
            case 'χ' -> 'x';
            case 'ϲ' -> 'c';
            case 'ϳ' -> 'j';
            // Cyrillic capitals
            case 'А' -> 'A';
            case 'В' -> 'B';
            case 'Е' -> 'E';
            case 'К' -> 'K';
            case 'М' -> 'M';
            case 'Н' -> 'H';
            case 'О' -> 'O';
            case 'Р' -> 'P';
            case 'С' -> 'C';
            case 'Т' -> 'T';
            case 'У', 'Ү' -> 'Y';
            case 'Х' -> 'X';
            case 'Ѕ' -> 'S';
            case 'І', 'Ӏ' -> 'I';
            case 'Ј' -> 'J';
            case 'Һ' -> 'H';
            case 'Ԛ' -> 'Q';
            case 'Ԝ' -> 'W';
            // Cyrillic small letters
            case 'а' -> 'a';
            case 'е' -> 'e';
            case 'о' -> 'o';
            case 'р' -> 'p';
            case 'с' -> 'c';
            case 'у', 'ү' -> 'y';
            case 'х' -> 'x';
            case 'ѕ' -> 's';
            case 'і' -> 'i';
            case 'ј' -> 'j';
            case 'һ' -> 'h';
            case 'ӏ' -> 'l';
            case 'ԁ' -> 'd';
            case 'ԛ' -> 'q';
            case 'ԝ' -> 'w';
            case 'ѵ' -> 'v';
            // Armenian
            case 'Օ', 'օ' -> 'o';
            case 'Ս' -> 'U';
            case 'ս' -> 'u';
            case 'հ' -> 'h';
            case 'ո' -> 'n';
            case 'ց' -> 'g';
            case 'զ' -> 'q';
            // Cherokee capitals
            case 'Ꭺ' -> 'A';
            case 'Ᏼ' -> 'B';
            case 'Ꮯ' -> 'C';
            case 'Ꭼ' -> 'E';
            case 'Ꮋ' -> 'H';
            case 'Ꭻ' -> 'J';
            case 'Ꮶ' -> 'K';
            case 'Ꮮ' -> 'L';
            case 'Ꮇ' -> 'M';
            case 'Ꮲ' -> 'P';
            case 'Ꮪ' -> 'S';
            case 'Ꭲ' -> 'T';
            case 'Ꮩ' -> 'V';
            case 'Ꮃ' -> 'W';
            case 'Ꮓ' -> 'Z';
            default -> 0;
        };
    }

    /** A Latin-script letter that is not itself a fold source. */
    static boolean isLatinLetter(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return Character.isLetter(c)
                && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN
                && foldHomoglyph(c) == 0;
    }

    /**
     * Whether {@code c} belongs to a script that separates words with spaces, where an invisible
     * character inside a word has no business; Thai, Khmer, Myanmar, CJK and others use zero-width
     * spaces as word breaks.
     */
    static boolean spaceSeparatedScript(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return switch (script) {
            case LATIN, CYRILLIC, GREEK, ARMENIAN, GEORGIAN, HEBREW, ARABIC, COMMON, INHERITED -> true;
            default -> false;
        };
    }

    /** Letters, digits and combining marks: what a word is made of. */
    static boolean isWordChar(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
