package dev.wharf.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Tarjan's strongly connected components of a small directed graph: every group of nodes that reach each other. */
final class StronglyConnected {
    private final Map<String, Set<String>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<Set<String>> groups = new ArrayList<>();

    StronglyConnected(Map<String, Set<String>> edges) {
        this.edges = edges;
    }

    List<Set<String>> groups() {
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                visit(v);
            }
        }
        return groups;
    }

    /** Recursion depth is at most the number of packages. */
    private void visit(String v) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> group = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            groups.add(group);
        }
    }
}
