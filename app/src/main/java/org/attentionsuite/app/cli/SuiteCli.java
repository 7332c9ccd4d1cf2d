package org.attentionsuite.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./suite}. User mistakes (bad values, missing or corrupt files) are printed
 * as one line {@code error: …} with exit code 2; only genuine bugs print a stack trace.
 */
@Command(name = "suite", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Train, sample and compare attention variants: Image Transformer and Music Transformer on the JVM.",
        subcommands = {DemoCommand.class, SweepCommand.class, CompareCommand.class, ReportCommand.class,
            BenchCommand.class, ImageCommand.class, MusicCommand.class, EvaluateCommand.class, InspectCommand.class,
            PlotCommand.class, ModelsCommand.class, ReadmeCommand.class, ExportCommand.class, FuzzCommand.class,
            StudioCommand.class, AttentionCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class})
public final class SuiteCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (used by tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SuiteCli());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (UserErrors.isUserError(ex)) {
                PrintWriter err = cmd.getErr();
                err.println("error: " + UserErrors.oneLine(ex));
                err.flush();
                return 2;
            }
            throw ex;
        });
        try {
            ConfigFiles.install(cli, args);
        } catch (RuntimeException e) {
            if (UserErrors.isUserError(e)) {
                cli.getErr().println("error: " + UserErrors.oneLine(e));
                cli.getErr().flush();
                return 2;
            }
            throw e;
        }
        return cli.execute(args);
    }
}
