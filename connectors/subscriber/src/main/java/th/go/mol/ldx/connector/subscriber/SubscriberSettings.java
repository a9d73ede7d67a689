package th.go.mol.ldx.connector.subscriber;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subscriber's properties file, where a value may name environment variables as {@code ${NAME}}: a credential's
 * secret is passed in the environment (or a secret store's injection) rather than written in the file.
 */
final class SubscriberSettings {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private SubscriberSettings() {
    }

    static Properties load(Path file, Map<String, String> environment) throws IOException {
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(in);
        }
        Properties settings = new Properties();
        for (String name : raw.stringPropertyNames()) {
            settings.setProperty(name, expand(name, raw.getProperty(name), environment));
        }
        return settings;
    }

    private static String expand(String name, String value, Map<String, String> environment) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            String variable = environment.get(m.group(1));
            if (variable == null) {
                throw new IllegalArgumentException(name + " names the environment variable " + m.group(1)
                        + ", which is not set");
            }
            m.appendReplacement(expanded, Matcher.quoteReplacement(variable));
        }
        return m.appendTail(expanded).toString();
    }
}
