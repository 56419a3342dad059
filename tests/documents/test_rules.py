"""documents.rules: the type comes from the content, never the name."""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.documents import rules

from . import samples


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (samples.pdf(), rules.PDF),
        (samples.png(), rules.PNG),
        (samples.jpeg(), rules.JPEG),
        (samples.docx(), rules.DOCX),
        (samples.odt(), rules.ODT),
        (samples.executable(), None),
        (samples.plain_zip(), None),
        (b"<html><script>alert(1)</script></html>", None),
        (b"PK\x03\x04 not really a zip", None),
    ],
)
def test_each_type_is_recognised_by_its_content_and_impostors_are_not(content, kind):
    handle = io.BytesIO(content)
    assert rules.detect(handle) == kind
    assert handle.tell() == 0


@given(
    st.binary(max_size=200).filter(lambda b: not b.startswith((b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"PK")))
)
def test_bytes_without_an_accepted_signature_are_never_accepted(content):
    assert rules.detect(io.BytesIO(content)) is None


@given(st.integers(-5, 100), st.integers(1, 100))
def test_a_file_is_refused_when_empty_or_over_the_limit_before_its_type_is_considered(size, limit):
    problem = rules.upload_problems(size=size, limit=limit, kind=rules.PDF)
    assert (problem is None) == (0 < size <= limit)


def test_the_messages_name_the_problem():
    assert rules.upload_problems(size=0, limit=10, kind=None) == "The selected file is empty"
    assert rules.upload_problems(size=11, limit=20 * 1024 * 1024 - 1, kind=None) == (
        f"The selected file must be {rules.ACCEPTED_WORDS}"
    )
    big = rules.upload_problems(size=21 * 1024 * 1024, limit=20 * 1024 * 1024, kind=rules.PDF)
    assert big == "The selected file must be smaller than 20 MB"


@pytest.mark.parametrize(
    ("given_name", "kept"),
    [
        ("C:\\Users\\x\\report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("<b>x</b>.pdf", "b.pdf"),
        ("", "unnamed"),
    ],
)
def test_the_uploaded_name_is_kept_only_as_words(given_name, kept):
    assert rules.clean_name(given_name) == kept
