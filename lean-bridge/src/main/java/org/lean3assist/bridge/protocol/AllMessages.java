package org.lean3assist.bridge.protocol;

import java.util.List;

/**
 * {@code "response":"all_messages"}: the complete current list of messages for every file the
 * server knows, not only the file last synced. Lean sends it only when the list changes.
 */
public record AllMessages(List<LeanMessage> messages) implements LeanReply {

    public static final AllMessages EMPTY = new AllMessages(List.of());

    public AllMessages {
        messages = List.copyOf(messages);
    }

    /** The messages of one file, in Lean's order. */
    public List<LeanMessage> forFile(String fileName) {
        return messages.stream().filter(message -> message.fileName().equals(fileName)).toList();
    }
}
