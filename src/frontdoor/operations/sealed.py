"""Backups sealed with a key from the environment, FRONTDOOR_BACKUP_KEY (32 random bytes, base64).

AES-256-GCM (the `cryptography` library) over chunks of 1 MiB, so a county's backup is sealed and
opened as a stream rather than held in memory. The chunks follow the STREAM construction (Hoang,
Reyhanitabar, Rogaway and Vizár, "Online authenticated-encryption and its nonce-reuse
misuse-resistance", CRYPTO 2015): each chunk's nonce is the file's random prefix, the chunk's number
and a flag marking the last chunk, so a chunk altered, moved, dropped or cut off fails to open, and
so does a file that ends before its last chunk.

File: MAGIC, a 7-byte random prefix, then chunks, each a 4-byte big-endian length (top bit set on the
last chunk) and the ciphertext with its 16-byte tag. The header (MAGIC and prefix) is each chunk's
associated data. Compression (gzip) happens inside, before sealing.
"""

import base64
import binascii
import io
import os
import struct
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from frontdoor.settings import env

KEY_VARIABLE = "FRONTDOOR_BACKUP_KEY"
MAGIC = b"FDSEALv1"
PREFIX_BYTES = 7
CHUNK = 1 << 20
LAST = 0x8000_0000
TAG_BYTES = 16
KEY_HELP = (
    f"{KEY_VARIABLE} must be 32 bytes, base64-encoded: make one with "
    '`python -c "import base64, os; print(base64.b64encode(os.urandom(32)).decode())"`'
)
WRONG_KEY = (
    f"{KEY_VARIABLE} does not open this backup: it was sealed with a different key, or the file "
    "has been altered; nothing was restored"
)


class SealError(Exception):
    """The key is missing or malformed, or the file does not open with it."""


def key_from_environment() -> bytes | None:
    """The backup key, or None when FRONTDOOR_BACKUP_KEY is unset (backups are then not sealed)."""
    value = env.optional(KEY_VARIABLE)
    if not value:
        return None
    standard = value.replace("-", "+").replace("_", "/")  # accept URL-safe base64 too
    try:
        key = base64.b64decode(standard + "=" * (-len(standard) % 4), validate=True)
    except binascii.Error:
        raise SealError(KEY_HELP) from None
    if len(key) != 32:
        raise SealError(KEY_HELP)
    return key


def is_sealed(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", number, last)


class SealingWriter(io.RawIOBase):
    """Writes sealed chunks to `out`; closing it seals the last chunk and closes `out`."""

    def __init__(self, out: IO[bytes], key: bytes) -> None:
        self._out, self._aead = out, AESGCM(key)
        self._prefix = os.urandom(PREFIX_BYTES)
        self._header = MAGIC + self._prefix
        self._buffer, self._number = bytearray(), 0
        out.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep at least one byte back: the last chunk is sealed on close
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _seal(self, plain: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._number, last), plain, self._header)
        self._out.write(struct.pack(">I", len(sealed) | (LAST if last else 0)) + sealed)
        self._number += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._out.close()
        super().close()


class OpeningReader(io.RawIOBase):
    """Reads and opens the sealed chunks of `source`, refusing any that do not open with the key."""

    def __init__(self, source: IO[bytes], key: bytes) -> None:
        self._source, self._aead = source, AESGCM(key)
        self._header = source.read(len(MAGIC) + PREFIX_BYTES)
        if not is_sealed(self._header) or len(self._header) < len(MAGIC) + PREFIX_BYTES:
            raise SealError("Not a sealed Frontdoor backup")
        self._prefix = self._header[len(MAGIC) :]
        self._plain, self._at = b"", 0  # the opened chunk, and how much of it has been read
        self._number, self._ended = 0, False

    def readable(self) -> bool:
        return True

    def readinto(self, target: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._at == len(self._plain) and not self._ended:
            self._plain, self._at = self._open_next(), 0
        size = min(len(target), len(self._plain) - self._at)
        target[:size] = memoryview(self._plain)[self._at : self._at + size]
        self._at += size
        return size

    def _open_next(self) -> bytes:
        length = self._source.read(4)
        if len(length) < 4:
            raise SealError("The sealed backup is cut short; nothing was restored")
        (word,) = struct.unpack(">I", length)
        last, size = bool(word & LAST), word & ~LAST
        sealed = self._source.read(size)
        if len(sealed) < size or size < TAG_BYTES:
            raise SealError("The sealed backup is cut short; nothing was restored")
        try:
            plain = self._aead.decrypt(_nonce(self._prefix, self._number, last), sealed, self._header)
        except InvalidTag:
            raise SealError(WRONG_KEY) from None
        self._number += 1
        if last:
            self._ended = True
            if self._source.read(1):
                raise SealError("The sealed backup has data after its end; nothing was restored")
        return plain

    def close(self) -> None:
        if not self.closed:
            self._source.close()
        super().close()
