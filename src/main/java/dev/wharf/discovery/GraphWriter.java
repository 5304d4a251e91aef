package dev.wharf.discovery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wharf.discovery.graph.Entity;
import dev.wharf.discovery.graph.Graph;
import dev.wharf.discovery.graph.Relationship;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's graph as one JSON document ({@code {entities, relationships, errors}}, the errors being the run's)
 * or as NDJSON: one entity per line, then one relationship per line ({@code {relation, source, target}}).
 */
public final class GraphWriter {
    public enum Format { JSON, NDJSON }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private GraphWriter() {
    }

    public static void write(Graph graph, List<Problem> errors, Format format, Writer out) throws IOException {
        if (format == Format.NDJSON) {
            for (Entity e : graph.entities()) {
                line(e, out);
            }
            for (Relationship r : graph.relationships()) {
                line(r, out);
            }
        } else {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("entities", graph.entities());
            doc.put("relationships", graph.relationships());
            doc.put("errors", errors);
            JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, doc);
            out.write('\n');
        }
        out.flush();
    }

    private static void line(Object value, Writer out) throws IOException {
        out.write(JSON.writeValueAsString(value));
        out.write('\n');
    }
}
