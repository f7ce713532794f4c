"""All exceptions raised by replyaid, in one catalogue.

Every error a caller can act on has its own class with a stable ``code`` so
that helpdesk plugins can branch on it without parsing messages.
"""

from __future__ import annotations


class ReplyaidError(Exception):
    """Base class of every error raised on purpose by replyaid."""

    code = "E000"


class ModelError(ReplyaidError):
    """A model directory or file cannot be used."""

    code = "E100"


class ModelNotFoundError(ModelError):
    code = "E101"


class ModelIntegrityError(ModelError):
    """A model file is truncated, altered or does not match its manifest."""

    code = "E102"


class ModelVersionError(ModelError):
    """A model was made by an incompatible replyaid or scikit-learn version."""

    code = "E103"


class DataError(ReplyaidError):
    """A training or evaluation file is unreadable or has invalid rows."""

    code = "E200"


class ConfigError(ReplyaidError):
    """A configuration value or a company lexicon file is invalid."""

    code = "E300"


class LexiconError(ConfigError):
    code = "E301"


class OptionalDependencyError(ReplyaidError):
    """An optional extra is needed for the requested feature."""

    code = "E400"

    def __init__(self, feature: str, extra: str, package: str) -> None:
        super().__init__(
            f"{feature} needs the optional package {package!r}: "
            f"pip install 'replyaid[{extra}]'"
        )
        self.feature = feature
        self.extra = extra
        self.package = package


def require_str(value: object, argument: str) -> str:
    """Return ``value`` if it is a string, else raise a clear ``TypeError``."""
    if not isinstance(value, str):
        raise TypeError(
            f"{argument} must be a str, got {type(value).__name__}"
        )
    return value
