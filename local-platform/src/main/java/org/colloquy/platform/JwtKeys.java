package org.colloquy.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The token signing key pair of a local platform, made on its first run and kept in its data directory (never in
 * the repository). In production the operator provides the keys. {@code main} makes them for docker compose.
 */
public record JwtKeys(Path privateKey, Path publicKey) {

    public static void main(String[] args) {
        JwtKeys keys = in(Path.of(args.length > 0 ? args[0] : "."));
        System.out.println("Token keys: " + keys.privateKey() + ", " + keys.publicKey());
    }

    /** The keys in {@code dir}, generated there if they are not yet. */
    public static JwtKeys in(Path dir) {
        JwtKeys keys = new JwtKeys(dir.resolve("jwt-private-key.pem"), dir.resolve("jwt-public-key.pem"));
        if (!Files.exists(keys.privateKey()) || !Files.exists(keys.publicKey())) {
            keys.generate();
        }
        return keys;
    }

    private void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(privateKey.getParent());
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            try {
                Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the key stays readable by others on such file systems; acceptable for a local platform
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
