"""Encryption of secrets at rest."""
