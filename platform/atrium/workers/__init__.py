"""Background work: the Dramatiq broker, tenant-carrying middleware, actors and the scheduler."""
