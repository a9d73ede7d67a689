package th.go.mol.ldx.connector.subscriber;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one LDX topic into a {@link Replica}: each polled batch is applied in one database transaction, which also
 * records the offsets applied, and only then are the offsets committed to Kafka. A crash between the two replays the
 * batch, which the replica recognises by its offsets and leaves as it was; a restart resumes from the committed
 * offsets. When the database fails, the batch is read again after a pause; a message that is not an LDX change event
 * stops the subscriber (it can be neither applied nor skipped without losing data). Reads committed Kafka
 * transactions only, as LDX writes in transactions.
 *
 * <pre>java -cp ... th.go.mol.ldx.connector.subscriber.Subscriber subscriber.properties</pre>
 * where the file holds {@code ldx.topic}, {@code ldx.jdbc.url}, {@code ldx.jdbc.user}, {@code ldx.jdbc.password},
 * {@code ldx.table}, and every Kafka consumer property (bootstrap servers, group id, SASL settings).
 */
public final class Subscriber implements Runnable, AutoCloseable {

    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    private static final String ALLOWED_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

    private final KafkaConsumer<String, byte[]> consumer;
    private final Replica replica;
    private final String topic;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile boolean running = true;
    private Duration retryDelay = Duration.ofMillis(500);

    /** {@code kafka}: consumer properties; the subscriber sets offsets to manual commit and reads committed data only. */
    public Subscriber(Map<String, Object> kafka, String topic, Replica replica) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.replica = replica;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> records = poll();
                if (records.isEmpty()) {
                    continue;
                }
                List<Replica.Positioned> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    // A message LDX did not write cannot be applied, nor skipped without losing data: stop here.
                    batch.add(new Replica.Positioned(record.partition(), record.offset(),
                            ChangeMessage.of(record.key(), record.value())));
                }
                if (applyOrRewind(records, batch)) {
                    commit();
                }
            }
        } finally {
            consumer.close();
        }
    }

    /**
     * The next messages. A refusal by the broker's ACLs (a grant not in effect yet, or its ACLs not made yet, or a
     * grant revoked) is waited out with the same growing pause as a database failure.
     */
    private ConsumerRecords<String, byte[]> poll() {
        try {
            return consumer.poll(Duration.ofMillis(500));
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
            return ConsumerRecords.empty();
        } catch (AuthorizationException e) {
            System.err.printf("%s: the broker refuses this client, retrying in %s: %s%n", topic, retryDelay, e.getMessage());
            backOff();
            return ConsumerRecords.empty();
        }
    }

    /**
     * Applies a batch in one transaction. When the database fails, nothing of the batch is applied or committed:
     * the consumer goes back to the batch's first offsets and tries again after a pause that grows to 30 s.
     */
    private boolean applyOrRewind(ConsumerRecords<String, byte[]> records, List<Replica.Positioned> batch) {
        try {
            Replica.Applied result = replica.apply(batch);
            messages.addAndGet(batch.size());
            applied.addAndGet(result.applied());
            duplicates.addAndGet(result.duplicates());
            retryDelay = Duration.ofMillis(500);
            return true;
        } catch (SQLException e) {
            System.err.printf("%s: applying a batch failed, retrying in %s: %s%n", topic, retryDelay, e.getMessage());
            for (TopicPartition partition : records.partitions()) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
            backOff();
            return false;
        }
    }

    private void backOff() {
        pause(retryDelay);
        retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : retryDelay.multipliedBy(2);
    }

    /**
     * Commits the offsets of what was applied; a {@link #close} in between does not drop the commit. A commit that
     * fails (the broker away, the group rebalanced) is not fatal: the replica holds the offsets it applied, so the
     * messages read again after it are recognised and left alone.
     */
    private void commit() {
        try {
            try {
                consumer.commitSync();
            } catch (WakeupException e) {
                consumer.commitSync();
            }
        } catch (RetriableException | CommitFailedException | AuthorizationException e) {
            System.err.printf("%s: committing offsets failed, the next batch may repeat some: %s%n", topic, e.getMessage());
        }
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Messages (events and tombstones) this run of the subscriber has handled, applied or recognised. */
    public long messages() {
        return messages.get();
    }

    /** Events applied by this run of the subscriber. */
    public long applied() {
        return applied.get();
    }

    /** Events this run received again and left alone because they were applied before. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Stops the loop after the batch in hand (applied and committed); safe from another thread. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }

    public static void main(String[] args) throws IOException, SQLException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: Subscriber <subscriber.properties>");
            System.exit(2);
        }
        Properties properties = SubscriberSettings.load(Path.of(args[0]), System.getenv());
        Map<String, Object> kafka = new HashMap<>();
        properties.stringPropertyNames().stream().filter(name -> !name.startsWith("ldx."))
                .forEach(name -> kafka.put(name, properties.getProperty(name)));
        // The Kafka client fetches tokens only from URLs the JVM allows; the one this configuration names is trusted.
        String tokenUrl = properties.getProperty("sasl.oauthbearer.token.endpoint.url");
        if (tokenUrl != null && System.getProperty(ALLOWED_URLS) == null) {
            System.setProperty(ALLOWED_URLS, tokenUrl);
        }
        try (Replica replica = new Replica(properties.getProperty("ldx.jdbc.url"), properties.getProperty("ldx.jdbc.user"),
                properties.getProperty("ldx.jdbc.password"), properties.getProperty("ldx.table"))) {
            Subscriber subscriber = new Subscriber(kafka, properties.getProperty("ldx.topic"), replica);
            Thread loop = new Thread(subscriber, "ldx-subscriber");
            AtomicReference<Throwable> failure = new AtomicReference<>();
            loop.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                subscriber.close();
                try {
                    loop.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            loop.start();
            while (loop.isAlive()) {
                loop.join(30_000);
                if (loop.isAlive()) {
                    System.out.printf("%s: %,d applied, %,d duplicates ignored, replica at sequence %d, digest %s%n",
                            properties.getProperty("ldx.topic"), subscriber.applied(), subscriber.duplicates(),
                            replica.lastSequence(), replica.digest().hash());
                }
            }
            if (failure.get() != null) {
                System.err.println("the subscriber stopped: " + failure.get());
                System.exit(1);
            }
        }
    }
}
