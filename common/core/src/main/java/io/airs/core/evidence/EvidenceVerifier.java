package io.airs.core.evidence;

import io.airs.core.evidence.VerificationResult.Failure;
import io.airs.core.evidence.VerificationResult.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Checks an evidence chain: every record's hash against its content, every {@code prevHash} link,
 * and that {@code seq} rises by exactly one, and reports the first broken record. It reads records
 * only, one line at a time, and its messages never repeat record content. Immutable and thread-safe.
 *
 * <pre>{@code
 * VerificationResult r = new EvidenceVerifier().verify(Path.of("evidence.jsonl"));
 * if (!r.valid()) {
 *     System.err.println(r.failure().problem().wireName() + " at line " + r.failure().line());
 * }
 * }</pre>
 *
 * <p>A removed final record cannot be told from a shorter chain by the chain alone: pass the head
 * kept elsewhere with {@link VerificationOptions#withExpectedHead(ChainHead)} to detect it.
 */
public final class EvidenceVerifier {

    private final EvidenceCodec codec;

    public EvidenceVerifier() {
        this(new EvidenceCodec());
    }

    public EvidenceVerifier(EvidenceCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** Verifies a JSON Lines file holding a whole chain from genesis. */
    public VerificationResult verify(Path jsonl) throws IOException {
        return verify(jsonl, VerificationOptions.defaults());
    }

    /** Verifies a JSON Lines file against {@code options}. */
    public VerificationResult verify(Path jsonl, VerificationOptions options) throws IOException {
        Walk walk = new Walk(options);
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long lineNo = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(jsonl), decoder))) {
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (CharacterCodingException e) {
                    walk.fail(lineNo + 1, walk.expectedSeqOr(-1), Problem.PARSE_ERROR, "line is not valid UTF-8");
                    break;
                }
                if (line == null) {
                    break;
                }
                lineNo++;
                EvidenceRecord record;
                try {
                    record = codec.read(line);
                } catch (EvidenceFormatException e) {
                    walk.fail(lineNo, walk.expectedSeqOr(-1), Problem.PARSE_ERROR, e.getMessage());
                    break;
                }
                if (!walk.accept(lineNo, record)) {
                    break;
                }
            }
        }
        return walk.finish(lineNo + 1);
    }

    /** Verifies records in chain order, as a whole chain from genesis. */
    public VerificationResult verify(List<EvidenceRecord> records) {
        return verify(records, VerificationOptions.defaults());
    }

    /** Verifies records in chain order against {@code options}; positions are reported 1-based. */
    public VerificationResult verify(List<EvidenceRecord> records, VerificationOptions options) {
        Walk walk = new Walk(options);
        long position = 0;
        for (EvidenceRecord record : records) {
            position++;
            if (!walk.accept(position, record)) {
                break;
            }
        }
        return walk.finish(position + 1);
    }

    /** The running state of one verification. */
    private final class Walk {
        private final ChainHead expectedHead;
        private String prevHash;
        private Long expectedSeq;
        private long verified;
        private Failure failure;

        Walk(VerificationOptions options) {
            this.expectedHead = options.expectedHead();
            this.prevHash = options.anchorHash();
            this.expectedSeq = options.firstSeq();
        }

        long expectedSeqOr(long fallback) {
            return expectedSeq == null ? fallback : expectedSeq;
        }

        boolean accept(long line, EvidenceRecord r) {
            // Content first: a changed field (seq and prev_hash included) is reported as changed.
            if (!codec.computeHash(r).equals(r.hash())) {
                return fail(line, r.seq(), Problem.HASH_MISMATCH, "stored hash does not match the record's content");
            }
            if (expectedSeq != null && r.seq() != expectedSeq) {
                return fail(line, r.seq(), Problem.SEQ_GAP, "expected seq " + expectedSeq + ", found " + r.seq());
            }
            if (!r.prevHash().equals(prevHash)) {
                return fail(
                        line,
                        r.seq(),
                        Problem.PREV_HASH_MISMATCH,
                        verified == 0
                                ? "prev_hash does not link to the chain's anchor"
                                : "prev_hash does not link to the previous record");
            }
            if (expectedHead != null
                    && r.seq() == expectedHead.nextSeq() - 1
                    && !r.hash().equals(expectedHead.hash())) {
                return fail(line, r.seq(), Problem.HEAD_MISMATCH, "hash differs from the expected head at this seq");
            }
            prevHash = r.hash();
            expectedSeq = r.seq() + 1;
            verified++;
            return true;
        }

        boolean fail(long line, long seq, Problem problem, String detail) {
            failure = new Failure(line, seq, problem, detail);
            return false;
        }

        VerificationResult finish(long nextLine) {
            long nextSeq = expectedSeq != null ? expectedSeq : (expectedHead != null ? expectedHead.nextSeq() : 0);
            if (failure == null && expectedHead != null) {
                if (nextSeq < expectedHead.nextSeq()) {
                    fail(
                            nextLine,
                            nextSeq,
                            Problem.TRUNCATED,
                            "chain ends before seq " + nextSeq + ", expected head at seq "
                                    + (expectedHead.nextSeq() - 1));
                } else if (nextSeq == expectedHead.nextSeq() && !prevHash.equals(expectedHead.hash())) {
                    fail(nextLine, nextSeq, Problem.HEAD_MISMATCH, "chain head differs from the expected head");
                }
            }
            return new VerificationResult(verified, new ChainHead(nextSeq, prevHash), failure);
        }
    }
}
