package org.cityhub.federation.internal;

/**
 * The federation's Kafka topics under a prefix: each thing's latest view (compacted), every state and status event,
 * the hubs' heartbeats (compacted), and each hub's commands and replies.
 */
record Topics(String prefix) {

    String things() {
        return prefix + ".things";
    }

    String events() {
        return prefix + ".events";
    }

    String hubs() {
        return prefix + ".hubs";
    }

    String commands(String hub) {
        return prefix + ".commands." + hub;
    }

    String replies(String hub) {
        return prefix + ".replies." + hub;
    }
}
