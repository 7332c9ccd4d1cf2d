package org.attentionsuite.app.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code suite completion}: a bash/zsh completion script of every command and option, made by picocli. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash/zsh completion script for ./suite. Install it in the current shell with: "
                + "source <(./suite completion)")
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        System.out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        System.out.flush();
        return 0;
    }
}
