"""Writes the API owns: issuing and revoking tokens, and recording a contact once per
Idempotency-Key. Each checks permission, runs in one transaction and audits in it."""

import hashlib
import json
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.api.authentication import token_hash
from frontdoor.api.models import ApiToken, IdempotencyKey
from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact
from frontdoor.contacts.services import contact_record
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require

KEY_REUSED_CODE = "idempotency_key_reused"
KEY_REUSED = "This Idempotency-Key was used for a different request: use a new key for a new contact"


@transaction.atomic
def api_token_issue(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """A new personal token for the actor. Returns the row and the token, which is never stored."""
    require(actor, "api.token_issue")
    if not name.strip():
        raise ValidationError({"name": "Enter a name for the token, like the system that will use it"})
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        authority_id=actor.authority_id,
        user=actor,
        name=name.strip()[:80],
        key_hash=token_hash(raw),
        prefix=raw[:8],
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="api.token_issued",
        subject=token,
        authority_id=token.authority_id,
        changes={"name": token.name, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk:
        require(actor, "api.token_revoke_any")
    if token.authority_id != actor.authority_id:
        raise ValidationError("That token belongs to another authority.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="api.token_revoked", subject=token, authority_id=token.authority_id)
    return token


def request_fingerprint(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def contact_record_once(*, actor: User, key: str, fingerprint: str, **fields: Any) -> tuple[Contact, bool]:
    """contacts.services.contact_record, once per (authority, user, key): the key is stored in the
    contact's own transaction, so a retry, even one racing the first request, returns the first
    contact. Returns (contact, created)."""
    try:
        return _record_once(actor=actor, key=key, fingerprint=fingerprint, **fields)
    except IntegrityError:
        # Another request with the same key committed first: it created the contact.
        earlier = _earlier(actor, key)
        if earlier is None:
            raise
        return _replay(earlier, fingerprint), False


def _earlier(actor: User, key: str) -> IdempotencyKey | None:
    return (
        IdempotencyKey.objects.select_related("contact")
        .filter(authority_id=actor.authority_id, user=actor, key=key)
        .first()
    )


def _replay(earlier: IdempotencyKey, fingerprint: str) -> Contact:
    if earlier.request_hash != fingerprint:
        raise ValidationError({"idempotency_key": ValidationError(KEY_REUSED, code=KEY_REUSED_CODE)})
    return earlier.contact


@transaction.atomic
def _record_once(*, actor: User, key: str, fingerprint: str, **fields: Any) -> tuple[Contact, bool]:
    earlier = _earlier(actor, key)
    if earlier is not None:
        return _replay(earlier, fingerprint), False
    contact = contact_record(actor=actor, **fields)
    IdempotencyKey.objects.create(
        authority_id=actor.authority_id,
        user=actor,
        key=key,
        request_hash=fingerprint,
        contact=contact,
        created_at=timezone.now(),
    )
    return contact, True
