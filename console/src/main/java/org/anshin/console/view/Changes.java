package org.anshin.console.view;

/**
 * Told on the consumer threads when a view changed. Implementations must return at once (they only mark
 * interested live streams; sending happens elsewhere).
 */
public interface Changes {
    void inboxChanged(String recipient, boolean exercise, String incidentKey);

    void recordChanged(boolean exercise, String incidentKey);

    Changes NONE = new Changes() {
        @Override
        public void inboxChanged(String recipient, boolean exercise, String incidentKey) {
        }

        @Override
        public void recordChanged(boolean exercise, String incidentKey) {
        }
    };
}
