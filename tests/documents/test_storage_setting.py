"""Where documents are kept: a folder under FRONTDOOR_DATA_DIR by default (never served at a URL),
an S3-compatible bucket through django-storages when FRONTDOOR_DOCUMENTS_BUCKET is set."""

from pathlib import Path

from frontdoor.settings import base


def test_by_default_documents_are_a_folder_under_the_data_directory_with_no_url(monkeypatch):
    monkeypatch.delenv("FRONTDOOR_DOCUMENTS_BUCKET", raising=False)
    monkeypatch.delenv("FRONTDOOR_DOCUMENTS_DIR", raising=False)
    setting = base.documents_storage()
    assert setting["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert setting["OPTIONS"] == {"location": str(Path(base.DATA_DIR) / "documents"), "base_url": None}


def test_a_bucket_setting_keeps_documents_private_in_an_s3_compatible_store(monkeypatch):
    monkeypatch.setenv("FRONTDOOR_DOCUMENTS_BUCKET", "frontdoor-documents")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://minio.example:9000")
    setting = base.documents_storage()
    assert setting["BACKEND"] == "storages.backends.s3.S3Storage"
    assert setting["OPTIONS"] == {
        "bucket_name": "frontdoor-documents",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "location": "documents",
        "endpoint_url": "https://minio.example:9000",
    }
