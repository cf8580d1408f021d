package io.entroflow.topology.runtime;

import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Purges the re-key topic ({@link TopologyNames#rekeyTopic()}) up to the monitor's committed offsets,
 * as Kafka Streams does for the repartition topics it manages (deleteRecords after commit, every
 * {@code repartition.purge.interval.ms}, 30 s by default). The re-key topic is ours, not managed by
 * Kafka Streams (the Processor API has no managed repartition topic), and is created with Kafka
 * Streams' repartition configuration ({@link Topics#REKEY_CONFIGS}: never deleted by time, so a
 * stopped monitor loses nothing); this purge is what keeps it from piling up. Records before the
 * committed offset have been processed in a committed transaction, so deleting them loses nothing.
 * One call per interval from one thread.
 */
public final class RekeyPurger {
    /** Kafka Streams' default {@code repartition.purge.interval.ms}. */
    public static final long INTERVAL_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(RekeyPurger.class);

    private final Admin admin;
    private final String groupId;
    private final String topic;

    public RekeyPurger(Admin admin, TopologyNames names) {
        this.admin = admin;
        this.groupId = names.applicationId();
        this.topic = names.rekeyTopic();
    }

    /** Deletes the re-key topic's records before the group's committed offsets; returns the partitions purged. */
    public int purgeOnce() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            committed.forEach((tp, o) -> {
                if (tp.topic().equals(topic) && o != null && o.offset() > 0) {
                    delete.put(tp, RecordsToDelete.beforeOffset(o.offset()));
                }
            });
            if (!delete.isEmpty()) {
                admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
            }
            return delete.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            LOG.warn("re-key topic {}: purge failed, will retry: {}", topic, e.toString());
            return 0;
        }
    }
}
