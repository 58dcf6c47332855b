package org.lean3assist.bridge.protocol;

/** The reply to {@code sync}: {@code file invalidated}, sent before checking starts. */
public record SyncResponse(long seqNum, String message) {
}
