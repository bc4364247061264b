"""Realtime: Server-Sent Events of each tenant's domain events (``GET /api/v1/events``).

Nothing is imported here, so ``python -m atrium.realtime.server`` (the
gunicorn master) starts without importing the app, psycopg or redis before
its gevent workers monkey-patch.
"""
