"""Atrium: a multi-tenant, plugin-based platform for businesses that sell through conversations."""

__version__ = "0.1.0"
