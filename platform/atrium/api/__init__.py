"""HTTP plumbing shared by every domain's API: problems, schemas, pagination, health."""
