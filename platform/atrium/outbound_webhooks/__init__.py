"""Outbound webhooks: a company's own systems subscribe URLs to its domain events.

Each committed domain event of a subscribed kind becomes a delivery (one per
subscription), POSTed as signed JSON by the ``webhooks`` queue, retried with
backoff, recorded in a delivery log the company can read and replay.
"""
