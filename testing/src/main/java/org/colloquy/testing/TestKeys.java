package org.colloquy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** An RSA key pair in PEM files under {@code target/test-keys}, made once per build directory. */
public record TestKeys(Path privateKey, Path publicKey) {

    private static final Path DIR = Path.of("target", "test-keys");

    public static synchronized TestKeys get() {
        TestKeys keys = new TestKeys(DIR.resolve("private-key.pem"), DIR.resolve("public-key.pem"));
        if (!Files.exists(keys.privateKey()) || !Files.exists(keys.publicKey())) {
            write(generate(), keys);
        }
        return keys;
    }

    /** A key pair that has nothing to do with the platform's: tokens signed with it must be rejected. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(KeyPair pair, TestKeys keys) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(keys.privateKey(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(keys.publicKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
