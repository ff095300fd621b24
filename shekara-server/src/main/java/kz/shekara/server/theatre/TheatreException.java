package kz.shekara.server.theatre;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A theatre folder that could not be loaded, with every problem found in it (not just the first),
 * each as {@code file:line: message}; the exception message lists them one per line.
 */
public final class TheatreException extends Exception {
    private static final long serialVersionUID = 1L;

    /** One problem in one theatre file; {@code line} is 1-based, 0 when the whole file is concerned. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public TheatreException(String theatre, List<Problem> problems) {
        super(problems.size() + " problem(s) in theatre " + theatre + ":\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The problems in file order. */
    public List<Problem> problems() {
        return problems;
    }
}
