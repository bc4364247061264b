"""The shared inbox: contacts, conversations, messages, notes, activity and domain events."""
