package org.lean3assist.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.Engine.Place;
import org.lean3assist.engine.prove.ProofSearch;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * What a client that follows the cursor (a goal panel) is told of the place under it, pushed as
 * Lean judges: first that the goal is asked for, then the goal, then each suggestion as Lean
 * judges it, then the whole ranked list, and, where no single tactic closes the goal, the short
 * search's progress and outcome ({@link Engine#searchInBackground}).
 *
 * <p>One client follows one place at a time: a new {@link #follow} replaces the old subscription.
 * Reports carry the subscription and a sequence number that grows with every report this follower
 * sends, and are sent in that order.
 *
 * <p>Architecture Invariant: a report is true of one document version. Once the document has a
 * newer version, or the client follows another place, nothing more is said of the old one: a
 * verdict Lean gives later on the old text is dropped here, not sent for the client to drop.
 */
public final class CursorFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CursorFollower.class.getName());

    /** How far the work at a place has got. {@link #wire()} is its name in the protocol. */
    public enum Phase {
        /** The cursor is not on a tactic of a {@code begin … end} block (or the file has no Lean). */
        OUTSIDE("outside"),
        /** Lean is asked for the goal. */
        WAITING("waiting"),
        /** Lean has no goal there (an error before it, or no answer in time). */
        NO_GOAL("noGoal"),
        /** The goal is known; Lean is judging candidates. */
        CHECKING("checking"),
        /** Every candidate is judged (a search may still run: see the report's search). */
        DONE("done");

        private final String wire;

        Phase(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A search from the place: running (with its progress so far) or ended (with its outcome). */
    public record SearchReport(boolean running, Optional<ProofSearch.Progress> progress, Optional<ProofSearch.Outcome> outcome) {}

    /**
     * One report. {@code site} is the tactic the place's goal is before (empty when outside a
     * proof); {@code suggestions} are ranked best first ({@link Suggestion#BEST_FIRST}), the ones
     * Lean has judged so far while {@code phase} is {@link Phase#CHECKING}.
     */
    public record Report(long subscription, long sequence, String uri, int version, Optional<Place> place, Phase phase,
                         Optional<GoalAtPosition> goal, List<Suggestion> suggestions, Optional<SearchReport> search) {}

    /** What one subscription knows so far; guarded by the follower's lock. */
    private static final class Subscription {
        final long id;
        final String uri;
        final int version;
        final Optional<Place> place;
        Phase phase;
        Optional<GoalAtPosition> goal = Optional.empty();
        List<Suggestion> suggestions = List.of();
        Optional<SearchReport> search = Optional.empty();

        Subscription(long id, String uri, int version, Optional<Place> place) {
            this.id = id;
            this.uri = uri;
            this.version = version;
            this.place = place;
            this.phase = place.isPresent() ? Phase.WAITING : Phase.OUTSIDE;
        }

        boolean at(Engine.SearchEvent event) {
            return place.isPresent() && event.at(uri, version, place.get().site().start());
        }
    }

    private final Engine engine;
    private final Consumer<Report> sink;
    private final AutoCloseable searchListener;
    private long subscriptions;
    private long sequence;
    private Subscription current;

    /**
     * @param sink where reports go (a front end converts and sends them); called under this
     *     follower's lock, in sequence order, so it must not block for long
     */
    public CursorFollower(Engine engine, Consumer<Report> sink) {
        this.engine = engine;
        this.sink = sink;
        this.searchListener = engine.onSearch(this::searched);
    }

    /**
     * Follows a place of a document version: reports its state now, and from then on as Lean
     * judges. {@code place} is empty where the cursor is outside every tactic block; {@code goal}
     * is the front end's goal query for the place (it may sync the document first).
     *
     * @return the new subscription's id, which every report for it carries
     */
    public long follow(String uri, int version, Optional<Place> place, CompletableFuture<Optional<GoalAtPosition>> goal) {
        Subscription subscription;
        synchronized (this) {
            subscription = new Subscription(++subscriptions, uri, version, place);
            current = subscription;
            report(subscription);
        }
        if (place.isEmpty()) {
            return subscription.id;
        }
        goal.whenComplete((found, error) -> goalKnown(subscription, error == null ? found : Optional.empty()));
        return subscription.id;
    }

    /** Stops following: no more reports until the next {@link #follow}. */
    public synchronized void unfollow() {
        current = null;
    }

    /** The subscription followed now, if any. */
    public synchronized Optional<Long> subscription() {
        return current == null ? Optional.empty() : Optional.of(current.id);
    }

    /**
     * Stops the searches running from the place of a subscription, if it is the current one.
     *
     * @return whether a search was running there
     */
    public boolean stopSearch(long subscription) {
        Optional<Place> place;
        synchronized (this) {
            if (current == null || current.id != subscription) {
                return false;
            }
            place = current.place;
        }
        return place.map(at -> engine.stopSearches(at.uri(), at.version(), at.site().start())).orElse(false);
    }

    private void goalKnown(Subscription subscription, Optional<GoalAtPosition> goal) {
        boolean open = goal.flatMap(GoalAtPosition::goals).map(state -> !state.isSolved()).orElse(false);
        synchronized (this) {
            subscription.goal = goal;
            subscription.phase = goal.isEmpty() ? Phase.NO_GOAL : open ? Phase.CHECKING : Phase.DONE;
            if (!report(subscription) || !open) {
                return;
            }
        }
        Place place = subscription.place.orElseThrow();
        SuggestionWork work = engine.suggest(place, goal.get());
        work.listen(judged -> {
            synchronized (this) {
                if (subscription.phase == Phase.CHECKING) {
                    subscription.suggestions = work.current();
                    report(subscription);
                }
            }
        });
        work.result().whenComplete((ranked, error) -> judgedAll(subscription, place, goal.get(), error == null ? ranked : List.of()));
    }

    private void judgedAll(Subscription subscription, Place place, GoalAtPosition goal, List<Suggestion> ranked) {
        boolean closed = ranked.stream().anyMatch(suggestion -> suggestion.verdict() == Verdict.CLOSES_GOAL);
        synchronized (this) {
            subscription.suggestions = ranked;
            subscription.phase = Phase.DONE;
            engine.backgroundProof(place).filter(CompletableFuture::isDone)
                    .filter(search -> !search.isCompletedExceptionally())
                    .ifPresent(search -> subscription.search = Optional.of(
                            new SearchReport(false, Optional.empty(), Optional.of(search.join()))));
            if (!report(subscription) || closed || subscription.search.isPresent()) {
                return;
            }
        }
        // As the hover does: no single tactic closes the goal, so a short search may find a whole proof.
        CompletableFuture<ProofSearch.Outcome> search = engine.searchInBackground(place, goal.goals().orElseThrow());
        synchronized (this) {
            if (subscription.search.isEmpty() && !search.isDone()) {
                subscription.search = Optional.of(new SearchReport(true, Optional.empty(), Optional.empty()));
                report(subscription);
            }
        }
        search.whenComplete((outcome, error) -> {
            synchronized (this) {
                if (outcome != null) {
                    subscription.search = Optional.of(new SearchReport(false, Optional.empty(), Optional.of(outcome)));
                } else {
                    LOG.log(Level.FINE, "the short search at " + place.site().start() + " failed", error);
                    subscription.search = Optional.empty();
                }
                report(subscription);
            }
        });
    }

    /** A search's news: reported when it is the followed place's. */
    private void searched(Engine.SearchEvent event) {
        synchronized (this) {
            Subscription subscription = current;
            if (subscription == null || !subscription.at(event)) {
                return;
            }
            subscription.search = Optional.of(new SearchReport(event.outcome().isEmpty(), event.progress(), event.outcome()));
            report(subscription);
        }
    }

    /**
     * Sends a subscription's state, unless it is no longer the current one or its document moved
     * on; the caller holds the lock.
     *
     * @return whether it was sent (so whether the subscription is still worth working for)
     */
    private boolean report(Subscription subscription) {
        if (subscription != current) {
            return false;
        }
        boolean sameVersion = engine.documents().get(subscription.uri).map(now -> now.version() == subscription.version)
                .orElse(subscription.place.isEmpty());
        if (!sameVersion) {
            return false;
        }
        try {
            sink.accept(new Report(subscription.id, ++sequence, subscription.uri, subscription.version, subscription.place,
                    subscription.phase, subscription.goal, subscription.suggestions, subscription.search));
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "a report could not be sent", failed);
        }
        return true;
    }

    /** Stops following and listening to searches. */
    @Override
    public void close() {
        unfollow();
        try {
            searchListener.close();
        } catch (Exception ignored) {
            // Removing a listener from a list does not fail.
        }
    }
}
