package th.go.mol.ldx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PseudonymSecretTest {

    @Test
    void randomSecretsAsRawBytesBase64OrHexAreStrong() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[48];
            random.nextBytes(bytes);
            assertEquals("", PseudonymSecret.of(bytes).weakness().orElse(""));
            assertEquals("", PseudonymSecret.of(Base64.getEncoder().encodeToString(bytes)).weakness().orElse(""));
            assertEquals("", PseudonymSecret.of(HexFormat.of().formatHex(bytes)).weakness().orElse(""));
            assertEquals("", PseudonymSecret.of(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(bytes)
                    + "\n").weakness().orElse(""), "base64 over lines, as openssl writes it");
        }
    }

    @Test
    void thePlaceholdersLdxHasShippedAreRefused() {
        for (String shipped : new String[] {"change-me-to-48-random-bytes-base64-encoded-000000",
                "dev-only-pseudonym-key-change-me-0000", "devstack-pseudonym-key-not-for-production-use"}) {
            assertTrue(PseudonymSecret.of(shipped).weakness().orElse("").contains("placeholder"), shipped);
        }
    }

    @Test
    void shortRepeatedOrLowEntropySecretsAreRefused() {
        assertTrue(PseudonymSecret.of("too-short").weakness().orElseThrow().contains("shorter"));
        assertTrue(PseudonymSecret.of("abcdefghijklmnopabcdefghijklmnopabcdefghijklmnop").weakness().orElseThrow()
                .contains("repeated"));
        byte[] skewed = new byte[64];
        for (int i = 0; i < skewed.length; i++) {
            skewed[i] = (byte) (i % 7 == 0 ? 1 : i % 11 == 0 ? 2 : 0);
        }
        assertTrue(PseudonymSecret.of(skewed).weakness().orElseThrow().contains("bits"));
        assertTrue(PseudonymSecret.of("0123456789abcdef0123456789abcdef").weakness().isPresent(),
                "a repeated sequence of hex digits");
    }

    @Test
    void aPassphraseAPersonMadeUpIsNoGeneratedSecret() {
        for (String madeUp : new String[] {"ldx-mol-go-th-pseudonym-master-key-2026", "abcdefghijklmnopqrstuvwxyz012345",
                "Labour Data Exchange of the Ministry of Labour, 2026!",
                "รหัสลับของระบบแลกเปลี่ยนข้อมูลแรงงาน กระทรวงแรงงาน ปี 2569"}) {
            assertTrue(PseudonymSecret.of(madeUp).weakness().isPresent(), madeUp);
        }
    }

    @Test
    void itNeverShowsItself() {
        assertFalse(PseudonymSecret.of("a-secret-nobody-should-read-in-a-log-line").toString().contains("secret-nobody"));
    }
}
