package org.lean3assist.bridge.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checker-pool benchmark's figures, from one run: per file kind and pool size, 16 candidates
 * verified at one site on warmed checkers, with ratios against pool size 1 of the same kind in the
 * same run.
 *
 * @param leanVersion the first line of {@code lean --version}
 * @param cores       the processors the JVM sees
 * @param rows        one per file kind and pool size, in the order run
 */
public record PoolBenchResult(String leanVersion, int cores, List<Row> rows) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PoolBenchResult {
        rows = List.copyOf(rows);
    }

    /**
     * One configuration.
     *
     * @param kind             {@code core} or {@code mathlib}
     * @param poolSize         how many checkers
     * @param candidates       how many candidates were verified at the site
     * @param warmUpMillis     the warm-up of every checker, before the clock starts
     * @param firstMillis      from the request to its first verdict
     * @param allMillis        from the request to its last verdict
     * @param verdicts         how many got each verdict
     * @param rssMb            each checker's resident memory after the run, in MB (empty where /proc
     *                         cannot be read)
     * @param peakRssMb        each checker's peak resident memory, in MB
     */
    public record Row(String kind, int poolSize, int candidates, long warmUpMillis, long firstMillis, long allMillis,
                      Map<String, Integer> verdicts, List<Long> rssMb, List<Long> peakRssMb) {

        public Row {
            verdicts = Map.copyOf(verdicts);
            rssMb = List.copyOf(rssMb);
            peakRssMb = List.copyOf(peakRssMb);
        }

        long totalRssMb() {
            return rssMb.stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The row of the same kind with pool size 1, the baseline of that kind's ratios. */
    Optional<Row> baseline(Row row) {
        return rows.stream().filter(other -> other.kind().equals(row.kind()) && other.poolSize() == 1).findFirst();
    }

    private static double ratio(long value, long baseline) {
        return baseline == 0 ? Double.POSITIVE_INFINITY : Math.round((double) value / baseline * 100) / 100.0;
    }

    public String toJson() {
        List<Map<String, Object>> json = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("kind", row.kind());
            figures.put("pool_size", row.poolSize());
            figures.put("candidates", row.candidates());
            figures.put("warm_up_ms", row.warmUpMillis());
            figures.put("first_verdict_ms", row.firstMillis());
            figures.put("all_verdicts_ms", row.allMillis());
            baseline(row).ifPresent(base -> {
                figures.put("first_vs_pool_1", ratio(row.firstMillis(), base.firstMillis()));
                figures.put("all_vs_pool_1", ratio(row.allMillis(), base.allMillis()));
            });
            figures.put("verdicts", new TreeMap<>(row.verdicts()));
            figures.put("rss_mb", row.rssMb());
            figures.put("peak_rss_mb", row.peakRssMb());
            json.add(figures);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("lean_version", leanVersion);
        result.put("cores", cores);
        result.put("pools", json);
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public String toText() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s, %d cores%n"
                + "16 candidates at one site on warmed checkers; ratios against pool size 1 of the same file:%n"
                + "%-8s %4s %9s %9s %6s %9s %6s %14s  %s%n", leanVersion, cores,
                "file", "pool", "warm ms", "first ms", "ratio", "all ms", "ratio", "RSS MB (sum)", "verdicts"));
        for (Row row : rows) {
            Optional<Row> base = baseline(row);
            text.append(String.format(Locale.ROOT, "%-8s %4d %9d %9d %6s %9d %6s %14s  %s%n", row.kind(), row.poolSize(),
                    row.warmUpMillis(), row.firstMillis(),
                    base.map(b -> String.format(Locale.ROOT, "%.2fx", ratio(row.firstMillis(), b.firstMillis()))).orElse("-"),
                    row.allMillis(),
                    base.map(b -> String.format(Locale.ROOT, "%.2fx", ratio(row.allMillis(), b.allMillis()))).orElse("-"),
                    row.rssMb().isEmpty() ? "n/a" : row.rssMb() + " (" + row.totalRssMb() + ")",
                    new TreeMap<>(row.verdicts())));
        }
        return text.toString();
    }
}
