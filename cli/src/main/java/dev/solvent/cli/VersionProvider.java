package dev.solvent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Supplies the text of {@code --version} from {@code version.properties}, a resource that Maven fills in with the
 * project's version at build time, so the version is written in one place: the POM.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** {@return the project version, or {@code unknown} when the resource is missing (an unfiltered build)} */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"solvent " + version()};
    }
}
