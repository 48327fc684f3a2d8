package org.colloquy.events;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a caller's writes stand on their topics: the {@value #HEADER} header. A service's response names the events the
 * request wrote, the gateway remembers them per caller and sends them with the caller's next requests, and a service
 * that answers from a replica waits until its consumers got that far (messaging's {@code CatchUp}).
 *
 * <p>Format: comma-separated entries {@code <topic>:<partition>:<next offset>}, e.g.
 * {@code user.events:0:1234,article.events:2:55}, at most one entry per topic-partition. The offset is the one of the
 * record <em>after</em> the written one (the written record's offset + 1): the position a consumer has once it
 * processed the write. Merging keeps the highest offset per topic-partition.
 *
 * <p>Parsing is lenient and bounded, since the header comes from clients: a header over {@value #MAX_LENGTH}
 * characters or with more than {@value #MAX_ENTRIES} entries is ignored as a whole, a malformed entry (unknown
 * characters in the topic, a partition or offset that is no non-negative number, offset 0) is skipped. Nothing
 * about it ever fails a request.
 */
public final class WrittenPositions {

    public static final String HEADER = "Colloquy-Written";
    public static final int MAX_ENTRIES = 64;
    public static final int MAX_LENGTH = 2048;
    public static final WrittenPositions NONE = new WrittenPositions(Map.of());

    /** Kafka's legal topic names. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final int MAX_PARTITION = 100_000;

    /** A topic-partition. */
    public record Partition(String topic, int partition) {
    }

    private final Map<Partition, Long> positions;

    private WrittenPositions(Map<Partition, Long> positions) {
        this.positions = positions;
    }

    /** One written record at {@code offset}: its position is {@code offset + 1}. */
    public static WrittenPositions written(String topic, int partition, long offset) {
        return new WrittenPositions(Map.of(new Partition(topic, partition), offset + 1));
    }

    /** The header's values (a client may send it more than once), or {@link #NONE}. */
    public static WrittenPositions parse(Collection<String> values) {
        if (values == null || values.isEmpty()) {
            return NONE;
        }
        return parse(values.size() == 1 ? values.iterator().next() : String.join(",", values));
    }

    /** The header's value, or {@link #NONE} when it is absent, too long or has too many entries. */
    public static WrittenPositions parse(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_LENGTH) {
            return NONE;
        }
        String[] entries = header.split(",", MAX_ENTRIES + 2);
        if (entries.length > MAX_ENTRIES) {
            return NONE;
        }
        Map<Partition, Long> positions = new LinkedHashMap<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            int offsetAt = trimmed.lastIndexOf(':');
            int partitionAt = offsetAt <= 0 ? -1 : trimmed.lastIndexOf(':', offsetAt - 1);
            if (partitionAt <= 0) {
                continue;
            }
            String topic = trimmed.substring(0, partitionAt);
            long partition = number(trimmed.substring(partitionAt + 1, offsetAt));
            long offset = number(trimmed.substring(offsetAt + 1));
            if (TOPIC.matcher(topic).matches() && partition >= 0 && partition <= MAX_PARTITION && offset > 0) {
                positions.merge(new Partition(topic, (int) partition), offset, Math::max);
            }
        }
        return positions.isEmpty() ? NONE : new WrittenPositions(positions);
    }

    /**
     * Both, with the highest offset per topic-partition; never more than {@value #MAX_ENTRIES} entries (beyond that,
     * this one's entries are kept first).
     */
    public WrittenPositions merge(WrittenPositions other) {
        if (other.positions.isEmpty()) {
            return this;
        }
        if (positions.isEmpty()) {
            return other;
        }
        Map<Partition, Long> merged = new LinkedHashMap<>(positions);
        other.positions.forEach((partition, offset) -> {
            if (merged.containsKey(partition) || merged.size() < MAX_ENTRIES) {
                merged.merge(partition, offset, Math::max);
            }
        });
        return new WrittenPositions(merged);
    }

    /** The positions on these topics only. */
    public Map<Partition, Long> on(Set<String> topics) {
        return positions.entrySet().stream().filter(e -> topics.contains(e.getKey().topic()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public Map<Partition, Long> positions() {
        return Map.copyOf(positions);
    }

    public boolean isEmpty() {
        return positions.isEmpty();
    }

    /** The header value, entries ordered by topic and partition. */
    public String header() {
        return positions.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Partition::topic)
                        .thenComparingInt(Partition::partition)))
                .map(e -> e.getKey().topic() + ":" + e.getKey().partition() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrittenPositions written && written.positions.equals(positions);
    }

    @Override
    public int hashCode() {
        return positions.hashCode();
    }

    @Override
    public String toString() {
        return header();
    }

    /** A non-negative decimal number of at most 18 digits, or -1. */
    private static long number(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }
}
