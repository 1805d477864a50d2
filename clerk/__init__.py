"""Clerk: entry points (settings, CLI). Library code lives in ingest/, vectorstore/, assistant/, ui/."""
