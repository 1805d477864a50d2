"""Errors meant for the person running an ingest: each message is one line that says what to do."""


class IngestError(Exception):
    """A file could not be ingested; the message is shown in the summary as the reason."""


class UnreadablePaperError(IngestError):
    """The file is corrupt, encrypted, empty, or has no text layer."""


class UnsupportedFormatError(IngestError):
    """The file's extension is not one Clerk reads."""
