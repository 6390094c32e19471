package io.tcpshake.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The TLS side of the endpoint: an {@link SSLContext} from a PKCS12 keystore, with errors that say what to fix. */
final class Keystores {
    private Keystores() {
    }

    static SSLContext sslContext(Path keystore, char[] password) throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IOException("the exporter's TLS keystore " + keystore + " does not exist: give the path of a"
                    + " PKCS12 file (keytool -genkeypair -storetype PKCS12 ...)", e);
        } catch (IOException e) {
            // PKCS12 reports a wrong password as an IOException whose cause is UnrecoverableKeyException.
            String hint = e.getCause() instanceof UnrecoverableKeyException
                    ? "is the keystore password right?" : "is it a PKCS12 keystore, and is the password right?";
            throw new IOException("the exporter's TLS keystore " + keystore + " cannot be read (" + e.getMessage()
                    + "): " + hint, e);
        } catch (GeneralSecurityException e) {
            throw new IOException("the exporter's TLS keystore " + keystore + " cannot be read: " + e, e);
        }
        try {
            if (!store.aliases().hasMoreElements()) {
                throw new IOException("the exporter's TLS keystore " + keystore + " is empty: it needs a private key"
                        + " and its certificate");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("the exporter's TLS keystore " + keystore + " has no usable key (" + e.getMessage()
                    + "): the key password must equal the keystore password", e);
        }
    }
}
