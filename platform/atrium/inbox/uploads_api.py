"""Uploads API: an agent sends a file from the computer, then a media message referencing it."""

from __future__ import annotations

from flask import g, request
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.auth.guard import auth_required
from atrium.inbox import uploads
from atrium.inbox.schemas import UploadArgs, UploadSchema

blp = Blueprint("media", __name__, url_prefix="/api/v1/media", description="Files for outbound media messages")

FORM_OVERHEAD = 64 * 1024  # multipart boundaries and headers around the file


@blp.before_request
def _allow_large_bodies():
    """This route takes files up to the largest media limit (the app refuses bodies over 3 MB elsewhere)."""
    limit = uploads.MAX_UPLOAD_BYTES + FORM_OVERHEAD
    if request.content_length is not None and request.content_length > limit:
        raise uploads.FileTooLarge(
            f"files may have at most {uploads.MAX_UPLOAD_BYTES // (1024 * 1024)} MB", field="file"
        )
    request.max_content_length = limit


@blp.route("")
class Uploads(MethodView):
    @auth_required()
    @blp.arguments(UploadArgs, location="files")
    @blp.response(201, UploadSchema)
    @blp.alt_response(413, description="The file is larger than its type allows (field `file`)")
    def post(self, files):
        """Upload a file (multipart field `file`) to send as `content.upload_id` of an image, video, audio or
        document message. Accepted: WhatsApp's media types and sizes (JPEG/PNG images up to 5 MB; MP4/3GPP video
        and AAC/AMR/MP3/M4A/OGG audio up to 16 MB; PDF, text and Office documents up to 100 MB)."""
        file = files["file"]
        return uploads.store_upload(g.db, file.stream, file.filename, file.mimetype, g.principal.user_id)
