package org.lean3assist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Starts the real {@code ./lean3-assist} launcher on the shaded jar as a separate process, the way an
 * editor does, and speaks LSP to it over its stdin and stdout.
 */
class LauncherIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path root() {
        return Path.of(System.getProperty("lean3assist.root", "..")).toAbsolutePath().normalize();
    }

    private static ProcessBuilder launcher(String... args) {
        var command = new java.util.ArrayList<String>();
        command.add(root().resolve("lean3-assist").toString());
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).directory(root().toFile());
    }

    @Test
    void helpListsTheSubcommandsAndUnknownOnesExitWithTwo() throws Exception {
        Process help = launcher("--help").redirectErrorStream(true).start();
        String helpText = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue(), helpText);
        assertTrue(helpText.contains("lsp"), helpText);

        Process unknown = launcher("no-such-command").redirectErrorStream(true).start();
        String unknownText = new String(unknown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(unknown.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, unknown.exitValue(), unknownText);
        assertTrue(unknownText.contains("Usage:"), unknownText);
    }

    @Test
    void lspAnswersInitializeOnStdinAndExitsCleanlyAfterShutdown() throws Exception {
        Process server = launcher("lsp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            OutputStream stdin = server.getOutputStream();
            InputStream stdout = server.getInputStream();

            send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                    + "\"rootUri\":null,\"capabilities\":{}}}");
            JsonNode initialize = JSON.readTree(readMessage(stdout));
            assertEquals(1, initialize.get("id").asInt());
            assertEquals("lean3-assist", initialize.at("/result/serverInfo/name").asText());
            assertEquals(2, initialize.at("/result/capabilities/textDocumentSync/change").asInt());

            send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
            JsonNode shutdown = JSON.readTree(readMessage(stdout));
            assertEquals(2, shutdown.get("id").asInt());
            assertTrue(shutdown.has("result"), shutdown.toString());
            send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");

            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server exits after 'exit'");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void socketModeListensOnLoopbackAndServesOneClient() throws Exception {
        Process server = launcher("lsp", "--socket", "0").start();
        try {
            var stderr = new java.io.BufferedReader(new java.io.InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
            String line;
            int port = -1;
            while ((line = stderr.readLine()) != null) {
                var matcher = java.util.regex.Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(line);
                if (matcher.find()) {
                    port = Integer.parseInt(matcher.group(1));
                    break;
                }
            }
            assertTrue(port > 0, "the server printed its port");
            try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                send(socket.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
                JsonNode initialize = JSON.readTree(readMessage(socket.getInputStream()));
                assertEquals("lean3-assist", initialize.at("/result/serverInfo/name").asText());
                send(socket.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
                readMessage(socket.getInputStream());
                send(socket.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            }
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    private static void send(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Reads one Content-Length framed message; anything else on stdout fails the test. */
    private static String readMessage(InputStream in) throws IOException {
        var header = new ByteArrayOutputStream();
        int length = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("stdout ended before a message; header so far: " + header);
            }
            header.write(b);
            String text = header.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                for (String line : text.split("\r\n")) {
                    if (line.startsWith("Content-Length: ")) {
                        length = Integer.parseInt(line.substring("Content-Length: ".length()).trim());
                    } else if (!line.isEmpty() && !line.startsWith("Content-Type:")) {
                        throw new IOException("stdout carries something other than protocol: " + line);
                    }
                }
                break;
            }
        }
        byte[] body = in.readNBytes(length);
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void launcherScriptIsExecutable() {
        assertTrue(Files.isExecutable(root().resolve("lean3-assist")));
    }
}
