package kz.shekara.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shekara} command line: one entry point, one subcommand per job. */
@Command(name = "shekara", mixinStandardHelpOptions = true, version = "Shekara 0.1.0",
        description = "Border guard operations centre: sensor fusion, alerts, rapid response, partner sharing.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            ServeCommand.class,
            BrokerCommand.class,
            PublishCommand.class,
            CollectCommand.class,
            ReplayCommand.class,
            SimulateCommand.class,
            TrackCommand.class,
            ScoreCommand.class,
            ProcessCommand.class,
            ReportCommand.class,
            CertsCommand.class,
            UsersCommand.class,
            TokensCommand.class,
            AuditCommand.class,
        })
public final class ShekaraCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with the project's error handling: bad flags give one line and exit 2. */
    public static CommandLine commandLine() {
        return handled(new CommandLine(new ShekaraCommand()));
    }

    /**
     * The command line for {@code args}: for a {@code track} run, a {@code shekara} with the
     * {@code track} subcommand only (the same usage, messages and exit codes, without building every
     * other subcommand's model, a noticeable part of a batch run's start), else {@link #commandLine()}.
     */
    public static CommandLine commandLineFor(String... args) {
        if (args.length == 0 || !"track".equals(args[0])) {
            return commandLine();
        }
        CommandLine top = new CommandLine(CommandLine.Model.CommandSpec.create().name("shekara"));
        top.addSubcommand("track", new TrackCommand());
        return handled(top);
    }

    private static CommandLine handled(CommandLine cl) {
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("shekara: " + ex.getMessage()
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("shekara: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLineFor(args).execute(args));
    }
}
