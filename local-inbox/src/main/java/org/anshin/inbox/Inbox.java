package org.anshin.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** What the local inbox has received, newest first, bounded; each arrival also printed as one line. */
public final class Inbox {
    static final int CAPACITY = 1000;
    private final Deque<ObjectNode> items = new ArrayDeque<>();
    private final ObjectMapper json;
    private final PrintStream out;

    public Inbox(ObjectMapper json, PrintStream out) {
        this.json = json;
        this.out = out;
    }

    public synchronized void add(ObjectNode item, String line) {
        items.addFirst(item);
        if (items.size() > CAPACITY) {
            items.removeLast();
        }
        out.println(line);
        out.flush();
    }

    public synchronized ArrayNode newestFirst() {
        ArrayNode list = json.createArrayNode();
        items.forEach(i -> list.add(i.deepCopy()));
        return list;
    }
}
