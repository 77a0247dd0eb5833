package dev.gradsum.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The batch path of one model: the sibling of the online call path that the validation, test and eval
 * ratings use ({@link CallPath#batchLlm}) when the call path has a batch API ({@link CallPath.Builder#batchApi}).
 * Requests missing from the cache are gathered (until none came for {@link BatchOptions#gatherWindow},
 * or {@link BatchOptions#maxRequests} are waiting), submitted as one batch whose id and custom ids go
 * into the {@link BatchLedger} at once, and polled every {@link BatchOptions#pollInterval} on a daemon
 * thread of its own. When the batch ends, each answer is kept in the ledger and handed to the call that
 * waits for it ({@link Llm}, which stores it in the call cache as any answer).
 *
 * <p>Nothing is submitted twice: a request whose key is in a batch submitted earlier (by this process, or
 * by one that was killed: the ledger's {@link BatchLedger#open open} batches are adopted when the queue
 * starts) waits for that batch; a request a batch already answered is answered from the ledger. Before a
 * batch is created, its token and request keys are written as an {@link BatchLedger.Intent intent}; an intent
 * a dead process left (it died after the provider accepted the batch, before the batch id was stored) is
 * looked up at the provider by that token ({@link BatchApi#find}) before its requests are submitted anew,
 * and a create request that failed on the way back (a timeout, a 5xx) is looked up the same way before its
 * requests count as failed. A provider that cannot carry a token ({@link BatchApi#findsByToken}) leaves that
 * window open. Thread-safe.
 */
final class BatchQueue implements AutoCloseable {
    /** The name prefix of the queue's polling thread. */
    static final String THREAD = "gradsum-batch-";
    /**
     * Polls in a row that failed for good (not a 429, 5xx or timeout: the batch is unknown, the key refused)
     * after which a batch is given up: its requests count as failed and are retried, online or in a new batch.
     */
    static final int POLL_FAILURES_TO_GIVE_UP = 3;

    private final BatchApi api;
    private final String provider;
    private final String model;
    private final BatchLedger ledger;
    private final BatchOptions options;
    private final CallListener listener;
    private final Object lock = new Object();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, CompletableFuture<BatchApi.Result>> waiting = new HashMap<>();
    private final Map<String, Open> open = new LinkedHashMap<>();
    private final List<Duration> took = new ArrayList<>();
    private final Map<BatchApi.State, Integer> ended = new EnumMap<>(BatchApi.State.class);
    private int answered;
    private int failed;
    private int resubmitted;
    private int sentOnline;
    private long lastAdded;
    /** Intents an earlier process left, by token, with the lookups that failed so far. */
    private final Map<String, Integer> unresolved = new LinkedHashMap<>();
    private final Map<String, BatchLedger.Intent> intents = new HashMap<>();
    private final Set<String> unresolvedKeys = new HashSet<>();
    /** Requests asked for while their key was in an unresolved intent: submitted if no batch turns up. */
    private final Map<String, ChatRequest> heldBack = new HashMap<>();
    private volatile boolean closed;
    private final Thread worker;

    private record Pending(String key, ChatRequest request) {
    }

    /** A batch that has not ended, with when to poll it next. */
    private static final class Open {
        final BatchLedger.Batch batch;
        /** The custom ids of the batch's requests, in order, as every poll names them. */
        final List<String> customIds;
        BatchApi.State state;
        long nextPoll;
        int pollFailures;

        Open(BatchLedger.Batch batch) {
            this.batch = batch;
            this.customIds = batch.requests().stream().map(BatchLedger.Request::customId).toList();
            this.state = batch.state();
        }
    }

    BatchQueue(BatchApi api, String provider, String model, BatchLedger ledger, BatchOptions options,
               CallListener listener) {
        this.api = api;
        this.provider = provider;
        this.model = model;
        this.ledger = ledger;
        this.options = options;
        this.listener = listener;
        for (BatchLedger.Batch b : ledger.open(provider, model)) {
            adopt(b);
        }
        for (BatchLedger.Intent i : ledger.intents(provider, model)) {
            synchronized (lock) {
                unresolved.put(i.token(), 0);
                intents.put(i.token(), i);
                for (String key : i.keys()) {
                    if (waiting.putIfAbsent(key, new CompletableFuture<>()) == null) {
                        unresolvedKeys.add(key);
                    }
                }
            }
        }
        this.worker = new Thread(this::run, THREAD + provider + "/" + model);
        worker.setDaemon(true);
        worker.start();
    }

    /** A batch of an earlier process: its requests wait for it, none is submitted again. */
    private void adopt(BatchLedger.Batch b) {
        synchronized (lock) {
            open.put(b.id(), new Open(b));
            for (BatchLedger.Request r : b.requests()) {
                waiting.putIfAbsent(r.key(), new CompletableFuture<>());
            }
        }
    }

    /**
     * The result of {@code request} (call-cache key {@code key}): at once when a batch answered it already
     * (unless {@code reuseAnswers} is off: every call sent again, as {@code --no-cache} asks), else when the
     * batch it is or will be in ends.
     */
    CompletableFuture<BatchApi.Result> request(String key, ChatRequest request, boolean reuseAnswers) {
        synchronized (lock) {
            Optional<BatchReply> kept = reuseAnswers ? ledger.answer(key) : Optional.empty();
            if (kept.isPresent()) {
                return CompletableFuture.completedFuture(BatchApi.Result.answered(kept.get()));
            }
            CompletableFuture<BatchApi.Result> inBatch = waiting.get(key);
            if (inBatch != null) {
                if (unresolvedKeys.contains(key)) {
                    heldBack.putIfAbsent(key, request);
                }
                return inBatch;
            }
            CompletableFuture<BatchApi.Result> f = new CompletableFuture<>();
            if (closed) {
                f.cancel(false);
                return f;
            }
            waiting.put(key, f);
            pending.add(new Pending(key, request));
            lastAdded = System.nanoTime();
            lock.notifyAll();
            return f;
        }
    }

    /** Counts a failed request the caller sends again: online, or in the next batch. */
    void retried(boolean online) {
        synchronized (lock) {
            if (online) {
                sentOnline++;
            } else {
                resubmitted++;
            }
        }
        publish();
    }

    BatchOptions options() {
        return options;
    }

    private void run() {
        long tick = Math.max(5, Math.min(1000, Math.min(options.pollInterval().toMillis(), options.gatherWindow().toMillis()) / 2));
        while (!closed) {
            try {
                resolveIntents();
                submitIfReady();
                pollDue();
                synchronized (lock) {
                    lock.wait(tick);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a store that failed: the next tick tries again; the calls keep waiting
            }
        }
    }

    private void submitIfReady() {
        List<Pending> taken;
        synchronized (lock) {
            boolean full = pending.size() >= options.maxRequests();
            boolean quiet = !pending.isEmpty()
                    && System.nanoTime() - lastAdded >= options.gatherWindow().toNanos();
            if (!full && !quiet) {
                return;
            }
            int n = Math.min(pending.size(), options.maxRequests());
            taken = new ArrayList<>(pending.subList(0, n));
            pending.subList(0, n).clear();
        }
        List<String> keys = taken.stream().map(Pending::key).toList();
        String token = "gradsum-" + UUID.randomUUID();
        try {
            ledger.intended(new BatchLedger.Intent(token, provider, model, keys, Instant.now()));
        } catch (RuntimeException e) {
            fail(keys, "batch not submitted, the store failed: " + FailureText.describe(e));
            return;
        }
        BatchApi.Submission submission;
        try {
            submission = checked(api.submit(taken.stream().map(Pending::request).toList(), token), keys.size());
        } catch (RuntimeException e) {
            // the create request may have reached the provider even so (a timeout or a 5xx on the way back)
            Optional<BatchApi.Submission> created = Failure.of(e).retriable() ? lookUp(token, keys.size()) : Optional.empty();
            if (created.isEmpty()) {
                fail(keys, "batch submission failed: " + FailureText.describe(e));
                ledger.settled(token); // nothing was created, or the provider cannot say
                return;
            }
            submission = created.get();
        }
        record(submission, keys, token);
    }

    /** Stores a created batch (settling its intent) and polls it from now on. */
    private void record(BatchApi.Submission submission, List<String> keys, String token) {
        List<BatchLedger.Request> requests = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            requests.add(new BatchLedger.Request(submission.customIds().get(i), keys.get(i)));
        }
        BatchLedger.Batch batch = new BatchLedger.Batch(submission.batchId(), provider, model, requests,
                BatchApi.State.VALIDATING, Instant.now());
        ledger.submitted(batch, token);
        synchronized (lock) {
            Open o = new Open(batch);
            o.nextPoll = System.nanoTime() + options.pollInterval().toNanos();
            open.put(batch.id(), o);
        }
        publish();
    }

    private static BatchApi.Submission checked(BatchApi.Submission submission, int requests) {
        if (submission.customIds().size() != requests) {
            throw new IllegalStateException("the batch API returned " + submission.customIds().size()
                    + " custom ids for " + requests + " requests");
        }
        return submission;
    }

    /** The batch of {@code token} at the provider, if it has one and can say so; empty when the lookup fails. */
    private Optional<BatchApi.Submission> lookUp(String token, int requests) {
        try {
            return find(token, requests);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The batch of {@code token} at the provider; empty when it has none or cannot carry a token; throws when the lookup fails. */
    private Optional<BatchApi.Submission> find(String token, int requests) {
        return api.findsByToken() ? api.find(token, requests).map(s -> checked(s, requests)) : Optional.empty();
    }

    /**
     * Looks up the intents an earlier process left: a batch the provider created with the intent's token is
     * polled as any open batch; without one (or a provider that cannot tell, or after
     * {@link #POLL_FAILURES_TO_GIVE_UP} failed lookups) the intent is settled and the requests asked for
     * since go into the next batch.
     */
    private void resolveIntents() {
        List<String> tokens;
        synchronized (lock) {
            if (unresolved.isEmpty()) {
                return;
            }
            tokens = new ArrayList<>(unresolved.keySet());
        }
        for (String token : tokens) {
            BatchLedger.Intent intent;
            synchronized (lock) {
                intent = intents.get(token);
            }
            Optional<BatchApi.Submission> created;
            try {
                created = find(token, intent.keys().size());
            } catch (RuntimeException e) {
                synchronized (lock) {
                    int failures = unresolved.merge(token, 1, Integer::sum);
                    if (Failure.of(e).retriable() || failures < POLL_FAILURES_TO_GIVE_UP) {
                        continue; // looked up again at the next tick
                    }
                }
                created = Optional.empty();
            }
            if (created.isPresent()) {
                record(created.get(), intent.keys(), token);
            } else {
                ledger.settled(token);
            }
            synchronized (lock) {
                unresolved.remove(token);
                intents.remove(token);
                for (String key : intent.keys()) {
                    if (!unresolvedKeys.remove(key) || created.isPresent()) {
                        continue;
                    }
                    ChatRequest asked = heldBack.remove(key);
                    if (asked != null) {
                        pending.add(new Pending(key, asked));
                        lastAdded = System.nanoTime();
                    } else {
                        waiting.remove(key); // nobody waits for it: it is submitted when asked for
                    }
                }
                heldBack.keySet().removeAll(intent.keys());
            }
        }
    }

    private void pollDue() {
        List<Open> due = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (lock) {
            for (Open o : open.values()) {
                if (o.nextPoll <= now) {
                    due.add(o);
                }
            }
        }
        for (Open o : due) {
            o.nextPoll = System.nanoTime() + options.pollInterval().toNanos();
            BatchApi.Status status;
            try {
                status = api.poll(o.batch.id(), o.customIds);
                o.pollFailures = 0;
            } catch (RuntimeException e) {
                if (Failure.of(e).retriable() || ++o.pollFailures < POLL_FAILURES_TO_GIVE_UP) {
                    continue; // poll again at the next interval
                }
                status = BatchApi.Status.of(BatchApi.State.FAILED); // no answer will come: every request is retried
            }
            if (status.state() != o.state) {
                o.state = status.state();
                ledger.stateChanged(o.batch.id(), status.state());
            }
            Map<CompletableFuture<BatchApi.Result>, BatchApi.Result> results =
                    status.state().ended() ? end(o, status) : Map.of();
            publish(); // before the waiting calls go on, so a listener hears the batch end first
            results.forEach(CompletableFuture::complete);
        }
    }

    /** Keeps every answer of an ended batch; returns each waiting call's result, for the caller to hand over. */
    private Map<CompletableFuture<BatchApi.Result>, BatchApi.Result> end(Open o, BatchApi.Status status) {
        Map<CompletableFuture<BatchApi.Result>, BatchApi.Result> toComplete = new LinkedHashMap<>();
        synchronized (lock) {
            for (BatchLedger.Request r : o.batch.requests()) {
                BatchApi.Result result = status.results().get(r.customId());
                if (result == null) {
                    result = BatchApi.Result.failed("missing from the results of batch " + o.batch.id()
                            + " (" + status.state().label() + ")");
                }
                if (result.succeeded()) {
                    ledger.answered(r.key(), result.reply());
                    answered++;
                } else {
                    failed++;
                }
                CompletableFuture<BatchApi.Result> f = waiting.remove(r.key());
                if (f != null) {
                    toComplete.put(f, result);
                }
            }
            ledger.ended(o.batch.id(), status.state(), Instant.now());
            open.remove(o.batch.id());
            ended.merge(status.state(), 1, Integer::sum);
            took.add(Duration.between(o.batch.submitted(), Instant.now()));
        }
        return toComplete;
    }

    private void fail(List<String> keys, String why) {
        List<CompletableFuture<BatchApi.Result>> toFail = new ArrayList<>();
        synchronized (lock) {
            for (String key : keys) {
                CompletableFuture<BatchApi.Result> f = waiting.remove(key);
                if (f != null) {
                    toFail.add(f);
                }
                failed++;
            }
        }
        toFail.forEach(f -> f.complete(BatchApi.Result.failed(why)));
        publish();
    }

    /** Where the batches stand now. */
    BatchProgress progress() {
        synchronized (lock) {
            Map<BatchApi.State, Integer> byState = new EnumMap<>(ended);
            Instant now = Instant.now();
            Duration longestLeft = null;
            Duration typical = took.isEmpty() ? null
                    : took.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(took.size());
            for (Open o : open.values()) {
                byState.merge(o.state, 1, Integer::sum);
                if (typical != null) {
                    Duration left = typical.minus(Duration.between(o.batch.submitted(), now));
                    left = left.isNegative() ? Duration.ZERO : left;
                    longestLeft = longestLeft == null || left.compareTo(longestLeft) > 0 ? left : longestLeft;
                }
            }
            int inOpen = waiting.size();
            Optional<Duration> eta = open.isEmpty() ? Optional.empty() : Optional.ofNullable(longestLeft);
            return new BatchProgress(provider + "/" + model, byState, inOpen, answered, failed, resubmitted,
                    sentOnline, eta);
        }
    }

    /** Tells the listener where the batches stand; one at a time, so it hears the changes in order. */
    private void publish() {
        synchronized (published) {
            listener.onBatchProgress(progress());
        }
    }

    private final Object published = new Object();

    /**
     * Stops polling; calls still waiting end with an {@link LlmException} (nothing is sent online for them).
     * The ledger keeps the open batches, for a later run to poll.
     */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        List<CompletableFuture<BatchApi.Result>> left;
        synchronized (lock) {
            left = new ArrayList<>(waiting.values());
            waiting.clear();
            pending.clear();
        }
        left.forEach(f -> f.cancel(false)); // the callers stop: nothing is sent online for them
    }
}
