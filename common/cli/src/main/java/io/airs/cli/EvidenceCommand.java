package io.airs.cli;

import io.airs.core.evidence.ChainHead;
import io.airs.core.evidence.EvidenceVerifier;
import io.airs.core.evidence.VerificationOptions;
import io.airs.core.evidence.VerificationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code airs evidence verify}: checks a hash-chained evidence file. */
@Command(
        name = "evidence",
        mixinStandardHelpOptions = true,
        description = "Works with evidence files.",
        subcommands = {EvidenceCommand.Verify.class})
final class EvidenceCommand {

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Verifies every record's hash, seq and link in an evidence file and reports the first changed,",
                "removed or reordered record. Exit status 0 when the chain verifies, 1 when it does not."
            })
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "Evidence file (JSON Lines), e.g. .airs/evidence.jsonl")
        Path file;

        @Option(
                names = "--head",
                paramLabel = "SEQ:HASH",
                description = "The head recorded elsewhere (next seq and hash, as printed by an earlier verify):"
                        + " detects a cut tail")
        String head;

        @Override
        public Integer call() throws IOException {
            if (!Files.isReadable(file)) {
                throw new UsageException("cannot read " + file);
            }
            VerificationOptions options = VerificationOptions.defaults();
            if (head != null) {
                int colon = head.indexOf(':');
                try {
                    options = options.withExpectedHead(
                            new ChainHead(Long.parseLong(head.substring(0, colon)), head.substring(colon + 1)));
                } catch (RuntimeException e) {
                    throw new UsageException("--head must be SEQ:HASH, e.g. 42:9f86d0…");
                }
            }
            VerificationResult r = new EvidenceVerifier().verify(file, options);
            if (r.valid()) {
                System.out.printf(
                        "%s: ok, %d records, head %d:%s%n",
                        file, r.recordsVerified(), r.head().nextSeq(), r.headHash());
                return 0;
            }
            VerificationResult.Failure f = r.failure();
            System.out.printf(
                    "%s: BROKEN at line %d (seq %d): %s: %s (%d records verified before it)%n",
                    file, f.line(), f.seq(), f.problem().wireName(), f.detail(), r.recordsVerified());
            return 1;
        }
    }
}
