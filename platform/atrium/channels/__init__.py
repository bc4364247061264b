"""Channels: the adapter contract channel plugins implement, and the durable inbound path."""
