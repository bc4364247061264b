"""The inbox's API blueprints, mounted by ``create_app``."""

from atrium.inbox.contacts_api import blp as contacts_blp
from atrium.inbox.conversations_api import blp as conversations_blp
from atrium.inbox.uploads_api import blp as uploads_blp

BLUEPRINTS = (conversations_blp, contacts_blp, uploads_blp)
