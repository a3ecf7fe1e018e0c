package io.airs.core.judge;

import static io.airs.core.judge.JudgeFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.core.Stage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncJudgeQueueTest {

    private final List<AsyncJudgeResult> results = new CopyOnWriteArrayList<>();
    private final JudgeFixtures.FakeJudge passing =
            new JudgeFixtures.FakeJudge("llm/fake", verdict(JudgeVerdict.Verdict.PASS, 0.9, "llm/fake"));

    private static AsyncJudgeQueueConfig config(int capacity, AsyncJudgeQueueConfig.Overflow overflow) {
        return new AsyncJudgeQueueConfig(capacity, 2, overflow, Duration.ofSeconds(5));
    }

    private static JudgeRequest request(int i) {
        return JudgeRequest.of(Stage.OUTPUT, "answer " + i);
    }

    @Test
    void deliversVerdictsToTheCallback() throws Exception {
        CountDownLatch done = new CountDownLatch(5);
        try (AsyncJudgeQueue queue =
                new AsyncJudgeQueue(passing, config(10, AsyncJudgeQueueConfig.Overflow.DROP_OLDEST), r -> {
                    results.add(r);
                    done.countDown();
                })) {
            queue.start();
            for (int i = 0; i < 5; i++) {
                assertThat(queue.submit("d-" + i, request(i))).isEqualTo(AsyncJudgeQueue.Submission.ACCEPTED);
            }

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(results)
                    .extracting(AsyncJudgeResult::decisionId)
                    .containsExactlyInAnyOrder("d-0", "d-1", "d-2", "d-3", "d-4");
            assertThat(results).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(AsyncJudgeResult.Status.JUDGED);
                assertThat(r.verdict().verdict()).isEqualTo(JudgeVerdict.Verdict.PASS);
            });
            assertThat(queue.stats().judged()).isEqualTo(5);
        }
    }

    @Test
    void deliversJudgeFailuresWithTheirKind() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Judge timingOut = new JudgeFixtures.FakeJudge("llm/fake", JudgeException.Kind.TIMEOUT);
        try (AsyncJudgeQueue queue =
                new AsyncJudgeQueue(timingOut, config(4, AsyncJudgeQueueConfig.Overflow.REJECT), r -> {
                    results.add(r);
                    done.countDown();
                })) {
            queue.start();
            queue.submit("d-1", request(1));

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(results.getFirst().status()).isEqualTo(AsyncJudgeResult.Status.FAILED);
            assertThat(results.getFirst().failure()).isEqualTo(JudgeException.Kind.TIMEOUT);
            assertThat(queue.stats().failed()).isEqualTo(1);
        }
    }

    @Test
    void dropsTheOldestWhenFullAndNeverBlocks() throws Exception {
        CountDownLatch done = new CountDownLatch(3);
        try (AsyncJudgeQueue queue =
                new AsyncJudgeQueue(passing, config(3, AsyncJudgeQueueConfig.Overflow.DROP_OLDEST), r -> {
                    results.add(r);
                    done.countDown();
                })) {
            for (int i = 0; i < 3; i++) {
                assertThat(queue.submit("d-" + i, request(i))).isEqualTo(AsyncJudgeQueue.Submission.ACCEPTED);
            }
            assertThat(queue.submit("d-3", request(3))).isEqualTo(AsyncJudgeQueue.Submission.ACCEPTED_DROPPED_OLDEST);
            assertThat(queue.submit("d-4", request(4))).isEqualTo(AsyncJudgeQueue.Submission.ACCEPTED_DROPPED_OLDEST);
            assertThat(queue.stats().waiting()).isEqualTo(3);
            assertThat(queue.stats().dropped()).isEqualTo(2);

            queue.start();

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(results).extracting(AsyncJudgeResult::decisionId).containsExactlyInAnyOrder("d-2", "d-3", "d-4");
        }
    }

    @Test
    void rejectsWhenFullWithTheRejectPolicy() {
        try (AsyncJudgeQueue queue =
                new AsyncJudgeQueue(passing, config(2, AsyncJudgeQueueConfig.Overflow.REJECT), results::add)) {
            queue.submit("d-0", request(0));
            queue.submit("d-1", request(1));

            assertThat(queue.submit("d-2", request(2))).isEqualTo(AsyncJudgeQueue.Submission.REJECTED);
            assertThat(queue.stats().rejected()).isEqualTo(1);
            assertThat(queue.stats().waiting()).isEqualTo(2);
        }
    }

    @Test
    void closeCancelsWhatIsStillWaitingAndRefusesMore() {
        AsyncJudgeQueue queue =
                new AsyncJudgeQueue(passing, config(4, AsyncJudgeQueueConfig.Overflow.REJECT), results::add);
        queue.submit("d-0", request(0));
        queue.submit("d-1", request(1));

        queue.close();

        assertThat(results).extracting(AsyncJudgeResult::status).containsOnly(AsyncJudgeResult.Status.CANCELLED);
        assertThat(results).hasSize(2);
        assertThat(queue.submit("d-2", request(2))).isEqualTo(AsyncJudgeQueue.Submission.REJECTED);
        assertThatThrownBy(queue::start).isInstanceOf(IllegalStateException.class);
        assertThat(passing.calls).isZero();
    }

    @Test
    void aThrowingCallbackDoesNotStopTheWorkers() throws Exception {
        CountDownLatch done = new CountDownLatch(3);
        try (AsyncJudgeQueue queue = new AsyncJudgeQueue(
                passing,
                new AsyncJudgeQueueConfig(8, 1, AsyncJudgeQueueConfig.Overflow.REJECT, Duration.ofSeconds(5)),
                r -> {
                    done.countDown();
                    throw new IllegalStateException("escalation store down");
                })) {
            queue.start();
            for (int i = 0; i < 3; i++) {
                queue.submit("d-" + i, request(i));
            }

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(queue.stats().judged()).isEqualTo(3);
        }
    }

    @Test
    void startsOnlyOnce() {
        try (AsyncJudgeQueue queue = new AsyncJudgeQueue(passing, AsyncJudgeQueueConfig.defaults(), results::add)) {
            queue.start();
            assertThatThrownBy(queue::start).isInstanceOf(IllegalStateException.class);
        }
    }
}
