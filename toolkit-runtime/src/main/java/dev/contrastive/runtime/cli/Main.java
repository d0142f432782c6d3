package dev.contrastive.runtime.cli;

import com.google.inject.ConfigurationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.contrastive.api.ConfigException;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.io.WriteFailure;
import dev.contrastive.runtime.library.ToolkitVersion;
import dev.contrastive.runtime.plugin.PluginFailures;
import dev.contrastive.runtime.train.RunStopped;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The {@code toolkit} command line. */
@Command(name = "toolkit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Contrastive self-supervised pre-training of image encoders, with plugins.",
        subcommands = {RunCommand.class, EvalCommand.class, PluginsCommand.class, BenchCommand.class,
                AugmentCommand.class, SweepCommand.class, DataCommand.class, ExportCommand.class,
                EmbedCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 bad run file or usage, 3 plugin problem, "
                + "4 missing or corrupt data, 5 training failed, a run folder in use or a full disk. Add --debug "
                + "for stack traces."})
public final class Main implements Runnable {

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    private boolean debug;

    // the CommandLine that runs this command: a new one would build the commands without Guice
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: run, eval, plugins, bench, augment, sweep, data, export, embed");
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("toolkit.home", "dist"));
        System.exit(execute(args, new Toolkit(ToolkitVersion.built(), home, System.out, System.err,
                System.console() != null)));
    }

    /**
     * Runs the CLI without exiting.
     *
     * @param more modules added to the CLI's wiring, e.g. a test's training listener
     * @return the exit code
     */
    public static int execute(String[] args, Toolkit toolkit, Module... more) {
        List<Module> modules = new java.util.ArrayList<>(List.of(more));
        modules.add(0, new ToolkitModule(toolkit));
        Injector injector = Guice.createInjector(modules);
        boolean debug = List.of(args).contains("--debug");
        CommandLine cli = new CommandLine(Main.class, new GuiceFactory(injector));
        cli.setOut(new java.io.PrintWriter(toolkit.out(), true));
        cli.setErr(new java.io.PrintWriter(toolkit.err(), true));
        PluginFailures failures = injector.getInstance(PluginFailures.class);
        cli.setExecutionExceptionHandler((e, command, parsed) -> report(e, failures, toolkit.err(), debug));
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError | LinkageError e) {
            // picocli hands exceptions to the handler but lets errors through: the JVM's memory, or
            // a plugin's own NoClassDefFoundError or static initialiser failure, still gets one message
            if (debug) {
                e.printStackTrace(toolkit.err());
            }
            UserError error = explain(e, failures).orElseThrow(() -> e);
            toolkit.err().println("error: " + error.getMessage());
            return error.exitCode();
        }
    }

    private static int report(Exception e, PluginFailures failures, PrintStream err, boolean debug) {
        if (debug) {
            e.printStackTrace(err);
        }
        if (e instanceof ConfigException) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (e instanceof UserError user) {
            err.println("error: " + user.getMessage());
            return user.exitCode();
        }
        Optional<UserError> explained = explain(e, failures);
        if (explained.isPresent()) {
            err.println("error: " + explained.get().getMessage());
            return explained.get().exitCode();
        }
        if (!debug) {
            e.printStackTrace(err);
        }
        return 1;
    }

    /**
     * An unexpected failure the user can still act on: out of memory first (wherever it was
     * thrown, plugin code included), then a write the file system refused (a full disk), then a
     * plugin's exception; a stopped run adds where it
     * stopped and what its folder still holds.
     */
    private static Optional<UserError> explain(Throwable e, PluginFailures failures) {
        return OutOfMemory.find(e).or(() -> WriteFailure.find(e)).or(() -> failures.explain(e))
                .map(error -> e instanceof RunStopped stopped
                ? new UserError(error.exitCode(), error.getMessage() + "\n" + stopped.getMessage()) : error);
    }

    /**
     * Creates the toolkit's commands and mixins through Guice, picocli's own classes through
     * picocli; a class Guice cannot build is a wiring error, said as one.
     */
    private record GuiceFactory(Injector injector) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (!type.getName().startsWith("dev.contrastive.")) {
                return CommandLine.defaultFactory().create(type);
            }
            try {
                return injector.getInstance(type);
            } catch (ConfigurationException e) {
                throw new IllegalStateException("the CLI's wiring cannot build " + type.getName() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** {@code --version}: the toolkit version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"contrastive toolkit " + ToolkitVersion.built()};
        }
    }
}
