package groupchat.web;

import groupchat.testsupport.RawWebSocket;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Protocol faults a JDK client cannot send, each on its own connection: bad UTF-8, reserved
 * opcodes and bits, unmasked and fragmented control frames, lying lengths, noise. The server
 * must close with a protocol code (never 1011, never hang) or, for harmless frames, keep serving.
 */
final class WebSocketFaults {
    private static final int RANDOM_NOISE = 20;

    private final int port;
    private final String token;
    private final Random random;

    WebSocketFaults(int port, String token, Random random) {
        this.port = port;
        this.token = token;
        this.random = random;
    }

    /** Runs every fault; returns how many were injected. */
    int run(List<String> problems) throws IOException {
        int count = 0;
        byte[] ping = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        count += fault("invalid UTF-8 text", problems, ws -> ws.sendFrame(RawWebSocket.TEXT, true,
                new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}));
        count += fault("UTF-16 surrogate in UTF-8", problems, ws -> ws.sendFrame(RawWebSocket.TEXT, true,
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        count += fault("binary frame", problems, ws -> ws.sendFrame(RawWebSocket.BINARY, true, ping));
        for (int opcode : new int[] {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            count += fault("reserved opcode " + opcode, problems, ws -> ws.sendFrame(opcode, true, ping));
        }
        count += fault("continuation without a start", problems, ws -> ws.sendFrame(0x0, true, ping));
        count += fault("fragmented ping", problems, ws -> ws.sendFrame(RawWebSocket.PING, false, new byte[1]));
        count += fault("ping over 125 bytes", problems, ws -> ws.sendFrame(RawWebSocket.PING, true, new byte[200]));
        count += fault("text frame over 64 KiB", problems, ws -> ws.sendFrame(RawWebSocket.TEXT, true, new byte[70_000]));
        count += fault("fragments over 64 KiB", problems, ws -> {
            ws.sendFrame(RawWebSocket.TEXT, false, new byte[40_000]);
            ws.sendFrame(0x0, true, new byte[40_000]);
        });
        count += fault("RSV bits set", problems, ws -> ws.sendRaw(new byte[] {(byte) 0xF1, (byte) 0x80, 0, 0, 0, 0}));
        count += fault("unmasked frame", problems, ws -> ws.sendRaw(new byte[] {(byte) 0x81, 0x02, '{', '}'}));
        count += fault("close with code 999", problems, ws -> ws.sendFrame(RawWebSocket.CLOSE, true, new byte[] {0x03, (byte) 0xE7}));
        count += fault("close with bad UTF-8 reason", problems, ws -> ws.sendFrame(RawWebSocket.CLOSE, true,
                new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, 0x28}));
        count += fault("64-bit length of 2^62", problems, ws -> ws.sendRaw(new byte[] {(byte) 0x81, (byte) 0xFF,
                0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 'x'}));
        for (int i = 0; i < RANDOM_NOISE; i++) {
            byte[] noise = new byte[1 + random.nextInt(512)];
            random.nextBytes(noise);
            // Noise may read as the start of a long frame: the server then waits for the rest, which is fine.
            count += fault("random bytes #" + i, problems, true, ws -> ws.sendRaw(noise));
        }
        // A client that announces a long frame and goes quiet must not hold a server thread.
        try (RawWebSocket ws = RawWebSocket.open(port, "/ws?token=" + token, Map.of())) {
            ws.sendRaw(new byte[] {(byte) 0x81, (byte) 0xFE, (byte) 0x7F, (byte) 0xFF, 1, 2, 3, 4, 'x'});
            count++;
        }
        return count;
    }

    private interface Fault {
        void inject(RawWebSocket ws) throws IOException;
    }

    private int fault(String name, List<String> problems, Fault fault) throws IOException {
        return fault(name, problems, false, fault);
    }

    private int fault(String name, List<String> problems, boolean mayWait, Fault fault) throws IOException {
        try (RawWebSocket ws = RawWebSocket.open(port, "/ws?token=" + token, Map.of())) {
            if (ws.status() != 101) {
                problems.add(name + ": upgrade refused " + ws.status());
                return 0;
            }
            try {
                fault.inject(ws);
            } catch (IOException closedWhileWriting) {
                return 1; // the server already hung up: fine
            }
            int code = ws.awaitClose(1_000);
            if (code == 0) {
                // No close: the server ignored the frame, so it must still answer.
                ws.sendFrame(RawWebSocket.TEXT, true, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
                try {
                    int opcode = ws.readOpcode(2_000);
                    if (opcode != RawWebSocket.TEXT && opcode != RawWebSocket.PING && opcode != RawWebSocket.CLOSE) {
                        problems.add(name + ": no close and no answer (opcode " + opcode + ")");
                    }
                } catch (SocketTimeoutException e) {
                    if (!mayWait) problems.add(name + ": no close and no answer");
                }
            } else if (code == 1011) {
                problems.add(name + ": closed with 1011 (server error)");
            }
        }
        return 1;
    }
}
