"""Applying the public and tenant migration streams."""
