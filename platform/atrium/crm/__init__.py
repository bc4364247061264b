"""CRM domain: tags and the sales pipeline (contacts and notes come with the inbox)."""
