package io.entroflow.app.cli;

import io.entroflow.app.analyze.BadInputException;
import io.entroflow.app.broker.KafkaUnavailableException;
import io.entroflow.schemas.spec.SpecValidationException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Every error of every command as one line on standard error, {@code entroflow <command>: <what>}
 * (an invalid spec with several errors: that line, then one error per indented line), and an exit status: 2 for a bad command line, spec or file, 1 for a failure at run time or an
 * internal error. A stack trace is printed only after that line, with {@code --verbose} or the
 * environment variable {@code ENTROFLOW_DEBUG} set (to anything but {@code 0} or {@code false}).
 *
 * <ul>
 *   <li>parse errors (picocli): {@code entroflow run: unknown option '--foo' (see entroflow run --help)};</li>
 *   <li>{@link CommandFailure}: its message and exit status;</li>
 *   <li>{@link KafkaUnavailableException}: its message, status 1; {@link BadInputException}: its
 *       message on one line, status 2; {@link SpecValidationException}: its message, status 2, its errors
 *       one per line when there are several (an error may contain {@code ;});</li>
 *   <li>anything else: {@code entroflow run: internal error: <Class>: <message> (run with --verbose
 *       for the stack trace)}, status 1.</li>
 * </ul>
 */
final class OneLineErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    static final String VERBOSE = "--verbose";
    static final String DEBUG_ENV = "ENTROFLOW_DEBUG";

    private final boolean debugEnv;

    /** @param debugEnv the value of {@code ENTROFLOW_DEBUG}, or null */
    OneLineErrors(String debugEnv) {
        this.debugEnv = debugEnv != null && !debugEnv.isBlank() && !debugEnv.equals("0")
                && !debugEnv.equalsIgnoreCase("false");
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        // an unknown option explains a missing required one (a misspelt --config), so it is reported first
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched() : cmd.getUnmatchedArguments();
        String what;
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            boolean option = first.startsWith("-");
            boolean command = !option && !cmd.getSubcommands().isEmpty();
            List<String> candidates = option ? cmd.getCommandSpec().options().stream().flatMap(o -> List.of(o.names()).stream())
                    .toList() : command ? List.copyOf(cmd.getSubcommands().keySet()) : List.of();
            what = (option ? "unknown option '" : command ? "unknown command '" : "unexpected argument '") + first + "'"
                    + suggestion(first.contains("=") && option ? first.substring(0, first.indexOf('=')) : first, candidates);
        } else {
            what = decapitalise(ex.getMessage());
        }
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + oneLine(what) + " (see " + name + " --help)");
        if (verbose(args)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return CommandFailure.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        String name = cmd.getCommandSpec().qualifiedName();
        int status;
        String what;
        if (ex instanceof CommandFailure f) {
            status = f.exitCode();
            what = f.getMessage();
        } else if (ex instanceof KafkaUnavailableException) {
            status = CommandFailure.RUNTIME;
            what = ex.getMessage();
        } else if (ex instanceof SpecValidationException s) {
            status = CommandFailure.USAGE;
            what = specErrors(s);
        } else if (ex instanceof BadInputException) {
            status = CommandFailure.USAGE;
            what = ex.getMessage();
        } else {
            status = CommandFailure.RUNTIME;
            what = "internal error: " + ex.getClass().getName() + ": " + ex.getMessage() + " (run with " + VERBOSE
                    + " for the stack trace)";
        }
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + (ex instanceof SpecValidationException ? what : oneLine(what)));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    /** The spec's message: its header, then each error on one indented line (an error never spans lines). */
    static String specErrors(SpecValidationException e) {
        String message = e.getMessage();
        int nl = message.indexOf('\n');
        if (nl < 0) {
            return oneLine(message);
        }
        StringBuilder b = new StringBuilder(message.substring(0, nl));
        e.errors().forEach(error -> b.append("\n  ").append(oneLine(error)));
        return b.toString();
    }

    private boolean verbose(String[] args) {
        return debugEnv || List.of(args).contains(VERBOSE);
    }

    private boolean verbose(ParseResult result) {
        if (debugEnv) {
            return true;
        }
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ; did you mean 'X'?} for the closest candidate within two edits (a swap of neighbours is one), else nothing. */
    static String suggestion(String typed, List<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            int d = editDistance(typed, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of adjacent characters. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String decapitalise(String message) {
        if (message == null || message.isEmpty()) {
            return "bad command line";
        }
        if (message.startsWith("Error: ")) { // picocli's argument-group messages
            message = message.substring("Error: ".length());
        }
        return message.length() > 1 && Character.isUpperCase(message.charAt(0)) && Character.isLowerCase(message.charAt(1))
                ? message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1) : message;
    }

    /** Line breaks (and the indentation after them) become single spaces. */
    static String oneLine(String text) {
        return String.valueOf(text).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
