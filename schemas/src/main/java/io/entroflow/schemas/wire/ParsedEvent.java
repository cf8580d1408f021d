package io.entroflow.schemas.wire;

import java.util.List;

/**
 * A validated event on the monitor's internal re-key topic (used when the key comes from a field):
 * its key, event time, one raw value per declared signal (a string for categorical signals, a number
 * for numeric ones, absent for derived ones), and where it came from.
 */
public record ParsedEvent(String key, long time, List<Object> values, String topic, int partition, long offset) {
}
