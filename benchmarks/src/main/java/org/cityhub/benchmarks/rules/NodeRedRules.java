package org.cityhub.benchmarks.rules;

/**
 * The rules benchmark's workload as a Node-RED flow: a function node generating the counters' messages
 * ({@code topic} the counter, {@code payload} its count, {@code t} the time in ms), a switch node routing by topic
 * to one switch node per counter holding its ten rules (nine thresholds never reached; for one counter in ten, also
 * a rule passing every message), a change node as the action, and a WebSocket out at {@code /ws/actions} sending
 * whole messages. Node ids are opaque, since Node-RED takes any property equal to a node's id for a reference.
 */
final class NodeRedRules {

    private static final int TICK_MILLIS = 10;

    private NodeRedRules() {
    }

    static String flow(int counters, int rate, int firingEvery) {
        int perTick = rate * TICK_MILLIS / 1000;
        StringBuilder flow = new StringBuilder("[{\"id\": \"f0a1b2\", \"type\": \"tab\", \"label\": \"rules\"},\n"
                + "{\"id\": \"f1c2d3\", \"type\": \"websocket-listener\", \"path\": \"/ws/actions\", \"wholemsg\":"
                + " \"true\"},\n{\"id\": \"f2e3f4\", \"type\": \"function\", \"z\": \"f0a1b2\", \"name\": \"counters\","
                + " \"func\": \"return null;\", \"outputs\": 1, \"initialize\": " + quote(generator(counters, perTick))
                + ", \"finalize\": \"clearInterval(context.get('timer'));\", \"wires\": [[\"f3a4b5\"]]},\n"
                + "{\"id\": \"f3a4b5\", \"type\": \"switch\", \"z\": \"f0a1b2\", \"name\": \"by counter\","
                + " \"property\": \"topic\", \"propertyType\": \"msg\", \"checkall\": \"false\", \"outputs\": "
                + counters + ", \"rules\": [");
        for (int c = 0; c < counters; c++) {
            flow.append(c == 0 ? "" : ", ").append("{\"t\": \"eq\", \"v\": \"c").append(c).append("\", \"vt\": \"str\"}");
        }
        flow.append("], \"wires\": [");
        for (int c = 0; c < counters; c++) {
            flow.append(c == 0 ? "" : ", ").append("[\"e").append(c).append("\"]");
        }
        flow.append("]}");
        for (int c = 0; c < counters; c++) {
            counterRules(flow, c, c % firingEvery == 0);
        }
        flow.append(",\n{\"id\": \"f5c6d7\", \"type\": \"change\", \"z\": \"f0a1b2\", \"name\": \"action\", \"rules\":"
                + " [{\"t\": \"set\", \"p\": \"action\", \"pt\": \"msg\", \"to\": \"tick\", \"tot\": \"str\"}],"
                + " \"wires\": [[\"f6e7f8\"]]},\n{\"id\": \"f6e7f8\", \"type\": \"websocket out\", \"z\": \"f0a1b2\","
                + " \"server\": \"f1c2d3\", \"client\": \"\", \"wires\": []}]");
        return flow.toString();
    }

    /** A counter's ten rules: nine thresholds never reached, and a rule passing every message if it fires. */
    private static void counterRules(StringBuilder flow, int counter, boolean fires) {
        int outputs = fires ? 10 : 9;
        flow.append(",\n{\"id\": \"e").append(counter).append("\", \"type\": \"switch\", \"z\": \"f0a1b2\","
                + " \"property\": \"payload\", \"propertyType\": \"msg\", \"checkall\": \"true\", \"outputs\": ")
                .append(outputs).append(", \"rules\": [");
        for (int r = 0; r < 9; r++) {
            flow.append(r == 0 ? "" : ", ").append("{\"t\": \"gt\", \"v\": \"1e15\", \"vt\": \"num\"}");
        }
        flow.append(fires ? ", {\"t\": \"nnull\"}" : "").append("], \"wires\": [");
        for (int r = 0; r < 9; r++) {
            flow.append(r == 0 ? "" : ", ").append("[]");
        }
        flow.append(fires ? ", [\"f5c6d7\"]" : "").append("]}");
    }

    /** The function node's start code: every 10 ms, the next messages of the counters in turn. */
    private static String generator(int counters, int perTick) {
        return "const counts = new Array(" + counters + ").fill(0); let next = 0;\n"
                + "const timer = setInterval(() => { const t = Date.now();\n"
                + "  for (let i = 0; i < " + perTick + "; i++) { const c = next; next = (next + 1) % " + counters + ";\n"
                + "    counts[c]++; node.send({topic: 'c' + c, payload: counts[c], t: t}); } }, " + TICK_MILLIS + ");\n"
                + "context.set('timer', timer);";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
