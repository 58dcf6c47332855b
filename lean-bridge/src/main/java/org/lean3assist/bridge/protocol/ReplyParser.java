package org.lean3assist.bridge.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns one stdout line of Lean's server into a {@link LeanReply}, and decodes the payloads of
 * {@code ok} replies. Never throws on input: what it cannot read becomes
 * {@link LeanReply.Unrecognised}.
 */
public final class ReplyParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplyParser() {
    }

    public static LeanReply parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException notJson) {
            return new LeanReply.Unrecognised(line, "not JSON: " + notJson.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new LeanReply.Unrecognised(line, "not a JSON object");
        }
        String response = node.path("response").asText("");
        JsonNode seqNum = node.get("seq_num");
        OptionalLong seq = seqNum != null && seqNum.isIntegralNumber() ? OptionalLong.of(seqNum.asLong()) : OptionalLong.empty();
        return switch (response) {
            case "ok" -> seq.isPresent()
                    ? new LeanReply.Ok(seq.getAsLong(), node)
                    : new LeanReply.Unrecognised(line, "an ok reply without seq_num");
            case "error" -> new ErrorResponse(seq, node.path("message").asText(""));
            case "all_messages" -> new AllMessages(messages(node.path("msgs")));
            case "current_tasks" -> new CurrentTasks(node.path("is_running").asBoolean(false), tasks(node.path("tasks")));
            default -> new LeanReply.Unrecognised(line, "unknown response kind '" + response + "'");
        };
    }

    public static SyncResponse sync(LeanReply.Ok reply) {
        return new SyncResponse(reply.seqNum(), reply.body().path("message").asText(""));
    }

    public static InfoResponse info(LeanReply.Ok reply) {
        JsonNode record = reply.body().get("record");
        if (record == null || !record.isObject()) {
            return new InfoResponse(reply.seqNum(), Optional.empty());
        }
        JsonNode source = record.get("source");
        Optional<InfoRecord.SourceLocation> location = source != null && source.isObject()
                ? Optional.of(new InfoRecord.SourceLocation(source.path("file").asText(""),
                        source.path("line").asInt(0), source.path("column").asInt(0)))
                : Optional.empty();
        return new InfoResponse(reply.seqNum(), Optional.of(new InfoRecord(text(record, "state"), text(record, "full-id"),
                text(record, "type"), text(record, "doc"), text(record, "text"), location)));
    }

    public static CompletionResponse completion(LeanReply.Ok reply) {
        List<CompletionResponse.Item> items = new ArrayList<>();
        for (JsonNode item : reply.body().path("completions")) {
            items.add(new CompletionResponse.Item(item.path("text").asText(""), text(item, "type"), text(item, "doc")));
        }
        return new CompletionResponse(reply.seqNum(), reply.body().path("prefix").asText(""), items);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static List<LeanMessage> messages(JsonNode array) {
        List<LeanMessage> messages = new ArrayList<>();
        for (JsonNode message : array) {
            messages.add(new LeanMessage(message.path("file_name").asText(""), message.path("pos_line").asInt(1),
                    message.path("pos_col").asInt(0), LeanMessage.Severity.fromLean(message.path("severity").asText("")),
                    message.path("caption").asText(""), message.path("text").asText("")));
        }
        return messages;
    }

    private static List<CurrentTasks.Task> tasks(JsonNode array) {
        List<CurrentTasks.Task> tasks = new ArrayList<>();
        for (JsonNode task : array) {
            tasks.add(new CurrentTasks.Task(task.path("desc").asText(""), task.path("file_name").asText(""),
                    task.path("pos_line").asInt(0), task.path("pos_col").asInt(0),
                    task.path("end_pos_line").asInt(0), task.path("end_pos_col").asInt(0)));
        }
        return tasks;
    }
}
