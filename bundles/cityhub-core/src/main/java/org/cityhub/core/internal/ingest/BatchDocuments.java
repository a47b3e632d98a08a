package org.cityhub.core.internal.ingest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityhub.api.ingest.IngestException;
import org.cityhub.json.Json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Splits a batch of pushed documents, a JSON object keyed by thing UID, into each document's text as it was sent.
 * The batch is only tokenised here, never built into a tree, so every document is parsed once: by its binding.
 */
final class BatchDocuments {

    private static final String SHAPE = "the body must be an object of documents by thing UID, e.g."
            + " {\"http:push:station-1\": {\"pm25\": 12}}";

    private BatchDocuments() {
    }

    /** Each document's text by its key, in the batch's order; a key given twice keeps its last document. */
    static Map<String, String> split(String batch) throws IngestException {
        Map<String, String> documents = new LinkedHashMap<>();
        try (JsonParser parser = Json.reader().createParser(batch)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw refused(SHAPE);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getCharOffset();
                documents.put(key, batch.substring(start, end));
            }
            if (parser.nextToken() != null) {
                throw refused("the body holds more than one JSON value");
            }
        } catch (IOException e) {
            throw refused("the body is not valid JSON" + where(e) + ": " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        if (documents.isEmpty()) {
            throw refused(SHAPE);
        }
        return documents;
    }

    private static String where(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                && processing.getLocation() != null) {
            JsonLocation at = processing.getLocation();
            return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return "";
    }

    private static IngestException refused(String problem) {
        return new IngestException(IngestException.Reason.INVALID_DOCUMENT, List.of(problem));
    }
}
