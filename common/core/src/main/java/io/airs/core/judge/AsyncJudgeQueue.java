package io.airs.core.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bounded in-process queue and worker pool for judging in {@link Mode#ASYNC}: the content has
 * gone on, and the verdict arrives later through a callback, which the pipeline uses to open an
 * escalation post hoc.
 *
 * <p>{@link #submit} never blocks: when the queue is full it drops the oldest waiting request or
 * refuses the new one, per {@link AsyncJudgeQueueConfig#overflow()}, and counts it in {@link
 * #stats()} (a dropped or refused request gets no callback; a rising count is the signal to add
 * workers or lower sampling). Workers start only with {@link #start()}; requests submitted before
 * wait. {@link #close()} stops accepting, interrupts the workers (a judge call in flight then ends
 * as {@code FAILED}), and delivers every request still waiting as {@code CANCELLED}.
 *
 * <p>The callback runs on a worker thread; an exception from it is counted and does not stop the
 * worker.
 *
 * <pre>{@code
 * try (AsyncJudgeQueue queue = new AsyncJudgeQueue(llmJudge, AsyncJudgeQueueConfig.defaults(), escalations::onVerdict)) {
 *     queue.start();
 *     queue.submit(decision.decisionId(), request);
 * }
 * }</pre>
 */
public final class AsyncJudgeQueue implements AsyncJudgeSubmitter, AutoCloseable {

    /** What became of one submit. */
    public enum Submission {
        /** Queued. */
        ACCEPTED,
        /** Queued after the oldest waiting request was dropped to make room. */
        ACCEPTED_DROPPED_OLDEST,
        /** Refused: the queue is full (with {@code REJECT}) or closed. */
        REJECTED
    }

    /**
     * Counters since construction.
     *
     * @param submitted submit calls
     * @param dropped waiting requests dropped to make room
     * @param rejected submits refused
     * @param judged requests judged with a verdict
     * @param failed requests whose judge threw
     * @param cancelled requests still waiting at close
     * @param callbackErrors callbacks that threw
     * @param waiting requests waiting now
     */
    public record Stats(
            long submitted,
            long dropped,
            long rejected,
            long judged,
            long failed,
            long cancelled,
            long callbackErrors,
            int waiting) {}

    private record Task(String decisionId, JudgeRequest request) {}

    private final Judge judge;
    private final AsyncJudgeQueueConfig config;
    private final Consumer<AsyncJudgeResult> callback;
    private final ThreadFactory threads;
    private final ArrayBlockingQueue<Task> queue;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong judged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong callbackErrors = new AtomicLong();
    private volatile boolean closed;

    /** A queue whose workers are virtual threads (the work is waiting on HTTP). */
    public AsyncJudgeQueue(Judge judge, AsyncJudgeQueueConfig config, Consumer<AsyncJudgeResult> callback) {
        this(judge, config, callback, Thread.ofVirtual().name("airs-judge-", 0).factory());
    }

    /**
     * @param judge the judge the workers call, normally the LLM judge
     * @param config capacity, workers and overflow
     * @param callback receives every result, on a worker thread
     * @param threads makes the worker threads when {@link #start()} is called
     */
    public AsyncJudgeQueue(
            Judge judge, AsyncJudgeQueueConfig config, Consumer<AsyncJudgeResult> callback, ThreadFactory threads) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.config = Objects.requireNonNull(config, "config");
        this.callback = Objects.requireNonNull(callback, "callback");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.queue = new ArrayBlockingQueue<>(config.capacity());
    }

    /**
     * Starts the workers.
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("judge queue is closed");
        }
        if (!workers.isEmpty()) {
            throw new IllegalStateException("judge queue already started");
        }
        for (int i = 0; i < config.workers(); i++) {
            Thread t = threads.newThread(this::work);
            workers.add(t);
            t.start();
        }
    }

    /** Queues {@code request} for judging; never blocks. */
    @Override
    public Submission submit(String decisionId, JudgeRequest request) {
        Task task = new Task(decisionId, Objects.requireNonNull(request, "request"));
        submitted.incrementAndGet();
        if (closed) {
            rejected.incrementAndGet();
            return Submission.REJECTED;
        }
        if (queue.offer(task)) {
            return Submission.ACCEPTED;
        }
        if (config.overflow() == AsyncJudgeQueueConfig.Overflow.REJECT) {
            rejected.incrementAndGet();
            return Submission.REJECTED;
        }
        boolean droppedAny = false;
        // Workers and other submitters race for the room; each round frees one slot at most.
        while (!queue.offer(task)) {
            if (queue.poll() != null) {
                dropped.incrementAndGet();
                droppedAny = true;
            }
        }
        return droppedAny ? Submission.ACCEPTED_DROPPED_OLDEST : Submission.ACCEPTED;
    }

    /** The counters now. */
    public Stats stats() {
        return new Stats(
                submitted.get(),
                dropped.get(),
                rejected.get(),
                judged.get(),
                failed.get(),
                cancelled.get(),
                callbackErrors.get(),
                queue.size());
    }

    /** Stops accepting, stops the workers and cancels what is still waiting. Idempotent. */
    @Override
    public void close() {
        List<Thread> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = List.copyOf(workers);
        }
        for (Thread t : stopping) {
            t.interrupt();
        }
        long waitMillis = config.closeTimeout().toMillis();
        for (Thread t : stopping) {
            try {
                t.join(Math.max(1, waitMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Task t;
        while ((t = queue.poll()) != null) {
            cancelled.incrementAndGet();
            deliver(new AsyncJudgeResult(t.decisionId(), t.request(), AsyncJudgeResult.Status.CANCELLED, null, null));
        }
    }

    private void work() {
        while (!closed) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            AsyncJudgeResult result;
            try {
                JudgeVerdict v = judge.judge(task.request());
                judged.incrementAndGet();
                result = new AsyncJudgeResult(
                        task.decisionId(), task.request(), AsyncJudgeResult.Status.JUDGED, v, null);
            } catch (JudgeException e) {
                failed.incrementAndGet();
                result = new AsyncJudgeResult(
                        task.decisionId(), task.request(), AsyncJudgeResult.Status.FAILED, null, e.kind());
            } catch (RuntimeException e) {
                // A judge must throw JudgeException; anything else is a bug, treated as unavailable.
                failed.incrementAndGet();
                result = new AsyncJudgeResult(
                        task.decisionId(),
                        task.request(),
                        AsyncJudgeResult.Status.FAILED,
                        null,
                        JudgeException.Kind.UNAVAILABLE);
            }
            deliver(result);
        }
    }

    private void deliver(AsyncJudgeResult result) {
        try {
            callback.accept(result);
        } catch (RuntimeException e) {
            callbackErrors.incrementAndGet();
        }
    }
}
