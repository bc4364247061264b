"""The suite runs on a real embedded PostgreSQL and Redis (fixtures from ``atrium.testing.plugin``)."""
