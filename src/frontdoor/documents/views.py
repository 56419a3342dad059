"""The one way a document's bytes leave Frontdoor: a download through this view, which checks the
actor's scope and any restriction (documents.selectors), logs the access, and sends the file as an
attachment that the browser must not sniff into another type. There is no public media URL."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from frontdoor.core.web import StaffRequest
from frontdoor.documents import selectors
from frontdoor.documents.services import storage


@login_required
def download(request: StaffRequest, pk: int) -> FileResponse:
    document = selectors.document_get_for(actor=request.user, document_id=pk)
    try:
        handle = storage().open(document.storage_name, "rb")
    except FileNotFoundError:
        raise Http404(selectors.NOT_FOUND) from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.download_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
