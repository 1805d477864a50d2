"""Errors meant for the person asking or operating Clerk; each message says what to do."""


class AssistantError(Exception):
    """Base class for errors the API and CLI translate into a message."""


class AnswererUnavailableError(AssistantError):
    """The configured LLM endpoint could not be reached or failed to answer."""


class MissingDependencyError(AssistantError):
    """An optional backend was configured but its package is not installed."""


class ConfigurationError(AssistantError):
    """The LLM settings are incomplete or inconsistent."""
