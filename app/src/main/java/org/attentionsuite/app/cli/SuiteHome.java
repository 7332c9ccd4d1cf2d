package org.attentionsuite.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The suite's folder, which holds {@code recipes/} and {@code models/}: the folder the launcher
 * names ({@value #PROPERTY}), else the working directory or its parent (a module folder, where the
 * tests run).
 */
final class SuiteHome {
    /** System property the launcher sets to the suite's folder. */
    static final String PROPERTY = "suite.home";

    private SuiteHome() {
    }

    /** The suite's subfolder {@code name}, e.g. {@code recipes}; it may not exist. */
    static Path folder(String name) {
        String home = System.getProperty(PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home, name);
        }
        List<Path> places = List.of(Path.of(name), Path.of("..", name));
        return places.stream().filter(Files::isDirectory).findFirst().orElse(places.get(0));
    }
}
