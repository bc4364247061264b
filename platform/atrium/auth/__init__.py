"""Identity, memberships, tokens and the auth API."""
