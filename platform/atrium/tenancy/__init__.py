"""Tenancy: schema names, the current tenant, provisioning and blueprints."""
