"""Errors that reach the user as one line and exit status 2."""


class TonecheckError(Exception):
    """A problem with the user's input, config or rules: shown as one line, exit 2."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class InputError(TonecheckError):
    """A draft that cannot be read as text."""


class ConfigError(TonecheckError):
    """A config file, profile or rule pack that is broken."""
