package io.airs.cli;

/** Arguments or a policy the command cannot run with; the command exits with status 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
