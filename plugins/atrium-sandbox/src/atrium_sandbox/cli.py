"""``atrium sandbox inject``: a message from a pretend lead, from the command line."""

from __future__ import annotations

import json

import click

from atrium.plugins import Problem
from atrium_sandbox.inject import inject


@click.group()
def sandbox() -> None:
    """The sandbox channel (no provider account needed)."""


@sandbox.command("inject")
@click.argument("channel_id", type=click.UUID)
@click.option("--from", "sender", required=True, help="The lead's phone number (E.164, e.g. +5511987654321) or handle.")
@click.option("--name", default=None, help="The lead's profile name.")
@click.option("--text", required=True, help="The message.")
def inject_command(channel_id, sender: str, text: str, name: str | None) -> None:
    """Deliver a text message from a lead to sandbox channel CHANNEL_ID (any company)."""
    try:
        click.echo(json.dumps(inject(channel_id, sender, text, name=name)))
    except Problem as exc:
        raise click.ClickException(exc.detail) from exc
