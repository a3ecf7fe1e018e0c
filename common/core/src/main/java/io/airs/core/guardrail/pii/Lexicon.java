package io.airs.core.guardrail.pii;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word lists the {@link PiiTagger} asks about a token: is it a given name, a surname, a place-name
 * word, an ordinary English word. Kept as one blocked Bloom filter (2<sup>22</sup> bits in 512-bit
 * blocks, seven bits per word and list; about 1% false hits at the 325,000 entries shipped), so the
 * lists cost 512 KB and no strings at run time. A lookup hashes the token's characters in place,
 * lower-cased, reads one block for all four lists, and allocates nothing.
 *
 * <p>The shipped {@code lexicon.bin} is built by {@code tools/pii-lexicon/build.sh} from openly
 * licensed lists (see NOTICE.md beside it): {@code java -cp common/core/target/classes
 * io.airs.core.guardrail.pii.Lexicon <out> <surnames> <places> <words>}, with the given names
 * taken from the detector's own gazetteers. Immutable and thread-safe.
 */
final class Lexicon {

    static final int FIRST_NAME = 0;
    static final int SURNAME = 1;
    static final int PLACE = 2;
    static final int WORD = 3;

    private static final int MAGIC = 0x41495232; // "AIR2": blocked filter
    private static final int LOG2_BITS = 22;
    private static final int PROBES = 7;

    private final long[] bits;

    private Lexicon(long[] bits) {
        this.bits = bits;
    }

    /**
     * The lists {@code s[from, to)}, lower-cased, is in, as bits ({@code 1 << kind}). One hash of the
     * word picks one 512-bit block; each kind tests seven bits of it, so a word costs one cache line.
     */
    int kinds(String s, int from, int to) {
        return kinds(s.toCharArray(), from, to);
    }

    /** {@link #kinds(String, int, int)} over characters. */
    int kinds(char[] s, int from, int to) {
        long m = wordHash(s, from, to);
        int block = block(m);
        int out = 0;
        for (int kind = FIRST_NAME; kind <= WORD; kind++) {
            long g = probes(m, kind);
            boolean all = true;
            for (int i = 0; i < PROBES && all; i++) {
                int bit = (int) (g >>> (9 * i)) & 511;
                all = (bits[block + (bit >>> 6)] & (1L << bit)) != 0;
            }
            if (all) {
                out |= 1 << kind;
            }
        }
        return out;
    }

    /** Whether {@code s[from, to)}, lower-cased, is in the list {@code kind}. */
    boolean has(int kind, String s, int from, int to) {
        return (kinds(s, from, to) & (1 << kind)) != 0;
    }

    /** The mixed FNV-1a hash of the lower-cased word: its block and, per list, its seven bits. */
    private static long wordHash(char[] s, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            char c = s[i];
            h ^= c < 128 ? (c >= 'A' && c <= 'Z' ? c | 0x20 : c) : Character.toLowerCase(c);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** The index of the first long of the word's 512-bit block. */
    private static int block(long m) {
        return (int) (m >>> (64 - LOG2_BITS + 9)) << 3;
    }

    /** Seven 9-bit positions inside the block, for the word in list {@code kind}. */
    private static long probes(long m, int kind) {
        return mix(m + (kind + 1) * 0x9E3779B97F4A7C15L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private void add(int kind, String word) {
        long m = wordHash(word.toCharArray(), 0, word.length());
        int block = block(m);
        long g = probes(m, kind);
        for (int i = 0; i < PROBES; i++) {
            int bit = (int) (g >>> (9 * i)) & 511;
            bits[block + (bit >>> 6)] |= 1L << bit;
        }
    }

    /** A lexicon of the given lists, indexed by kind ({@link #FIRST_NAME} ... {@link #WORD}). */
    static Lexicon of(List<? extends Iterable<String>> lists) {
        Lexicon lex = new Lexicon(new long[1 << (LOG2_BITS - 6)]);
        for (int kind = 0; kind < lists.size(); kind++) {
            for (String w : lists.get(kind)) {
                String s = w.strip();
                if (!s.isEmpty()) {
                    lex.add(kind, s);
                }
            }
        }
        return lex;
    }

    byte[] toBytes() {
        var buf = new java.io.ByteArrayOutputStream(bits.length * 8 + 8);
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeInt(MAGIC);
            out.writeInt(LOG2_BITS);
            for (long b : bits) {
                out.writeLong(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    static Lexicon read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC || data.readInt() != LOG2_BITS) {
            throw new IOException("not a PII lexicon of this version");
        }
        byte[] raw = data.readNBytes(8 << (LOG2_BITS - 6));
        if (raw.length != 8 << (LOG2_BITS - 6)) {
            throw new IOException("PII lexicon truncated");
        }
        long[] bits = new long[1 << (LOG2_BITS - 6)];
        java.nio.ByteBuffer.wrap(raw).asLongBuffer().get(bits);
        return new Lexicon(bits);
    }

    /** The shipped lexicon. */
    static Lexicon shipped() {
        try (InputStream in = Lexicon.class.getResourceAsStream("/io/airs/core/guardrail/pii/lexicon.bin")) {
            if (in == null) {
                throw new IllegalStateException("lexicon.bin is missing from the core");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds {@code lexicon.bin}: {@code Lexicon <out> <surnames> <places> <words>}, one entry per
     * line in each list; the given names come from the detector's gazetteers, and ordinary words
     * that are also given names are left out of the word list.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: Lexicon <out> <surnames.txt> <places.txt> <words.txt>");
            System.exit(2);
        }
        List<String> first = new ArrayList<>();
        for (String f : List.of("first_names.txt", "first_names_more.txt")) {
            try (InputStream in = Lexicon.class.getResourceAsStream("/io/airs/core/guardrail/pii/" + f)) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .forEach(first::add);
            }
        }
        var firstLower = new java.util.HashSet<String>();
        first.forEach(n -> firstLower.add(n.toLowerCase(Locale.ROOT)));
        List<String> words = Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8).stream()
                .filter(w -> !firstLower.contains(w.strip().toLowerCase(Locale.ROOT)))
                .toList();
        Lexicon lex = of(List.of(
                first,
                Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8),
                Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8),
                words));
        Files.write(Path.of(args[0]), lex.toBytes());
        System.err.printf("lexicon: %d given names, %d ordinary words -> %s%n", first.size(), words.size(), args[0]);
    }
}
