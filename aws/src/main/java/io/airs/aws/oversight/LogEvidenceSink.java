package io.airs.aws.oversight;

import io.airs.core.evidence.ChainHead;
import io.airs.core.evidence.EvidenceCodec;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.InMemoryEvidenceSink;
import java.io.PrintStream;

/**
 * Evidence as one JSON line per record on the function's standard output, which Lambda ships to
 * CloudWatch Logs. The chain runs per function instance. Records hold hashes and redacted excerpts
 * only, never raw content. Used by the oversight functions until a durable AWS evidence sink is
 * wired in their composition root.
 */
final class LogEvidenceSink implements EvidenceSink {

    private final InMemoryEvidenceSink chain = new InMemoryEvidenceSink(1);
    private final EvidenceCodec codec = new EvidenceCodec();
    private final PrintStream out;

    LogEvidenceSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public EvidenceRecord append(EvidenceDraft draft) {
        EvidenceRecord r = chain.append(draft);
        out.println(codec.write(r));
        return r;
    }

    @Override
    public ChainHead head() {
        return chain.head();
    }
}
