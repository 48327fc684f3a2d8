package org.colloquy.messaging.inbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.colloquy.messaging.MessagingConfig;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a record that could not be processed to the service's dead-letter topic: same key, value and headers, plus
 * {@code dead-letter-*} headers that say why and where it came from, so that an operator can fix and replay it.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String CONSUMER = "dead-letter-consumer";

    private final MutinyEmitter<String> kafka;
    private final String consumer;

    public DeadLetters(@Channel("colloquy-dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<String> kafka, MessagingConfig config) {
        this.kafka = kafka;
        this.consumer = config.service();
    }

    /** Completes once Kafka acknowledged the dead letter; retries until it does, so nothing is dropped. */
    public Uni<Void> send(ConsumerRecord<String, String> record, Throwable failure) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        header(headers, REASON, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        if (failure.getCause() != null) {
            header(headers, CAUSE, String.valueOf(failure.getCause()));
        }
        header(headers, TOPIC, record.topic());
        header(headers, PARTITION, Integer.toString(record.partition()));
        header(headers, OFFSET, Long.toString(record.offset()));
        header(headers, CONSUMER, consumer);
        Message<String> message = Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build());
        return Uni.createFrom().deferred(() -> kafka.sendMessage(message))
                .onFailure().invoke(e -> Log.warnf("Dead letter for %s-%d@%d not acknowledged yet: %s",
                        record.topic(), record.partition(), record.offset(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely();
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
