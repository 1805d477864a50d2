"""Import papers from a council's ModernGov site (mgWebService.asmx): `clerk import moderngov`."""

from ingest.moderngov.client import ModernGovClient, ModernGovError
from ingest.moderngov.importer import ImportSummary, ItemOutcome, import_moderngov

__all__ = ["ImportSummary", "ItemOutcome", "ModernGovClient", "ModernGovError", "import_moderngov"]
