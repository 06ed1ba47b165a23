"""Lapang sync wire protocol, version 1 (the prose specification is ``docs/sync-protocol.md``).

Pure code shared by the desktop client and the KPU sync server: no Qt, no database, no network.
It defines

* request signing: Ed25519 over a canonical string (method, path and query, device id,
  timestamp, nonce, SHA-256 of the body exactly as sent);
* the compact push batch: JSON rows without keys, ids as hex, times as millisecond deltas,
  then zlib, because a 2G link in a 3T village pays for every byte;
* the push result, the pull page, enrollment and attachment messages as typed dataclasses;
* the error hierarchy: every error the server returns has a stable ``code`` and maps back to
  the same ``ProtocolError`` subclass on the client.

Decoders raise only ``ProtocolError`` subclasses, whatever bytes they are given: the server
relies on that to answer a bad request with a clear 4xx instead of crashing.

Callers import from this package; the modules hold

* ``constants``: version, media type, signing headers, limits;
* ``encoding`` / ``decoding``: JSON, zlib, base64url, SHA-256 and wire times (decoders raise
  ``ProtocolError``s);
* ``errors``: the ``ProtocolError`` hierarchy;
* ``auth``: keys, the canonical request, signing and verifying, the clock window;
* ``payloads``: the compact "ubah", "tms" and "baru" payloads;
* ``changes``: ``Change`` and ``PushRequest``; ``results``: ``PushResult``;
* ``pull``: ``PullPage`` and what it carries; ``enroll``; ``device_key`` (the X25519 key
  return bundles are sealed to); ``attachments``;
* ``rotation``: ``KeyRotation``, the next KPU key and TLS pin named in a KPU announcement.
"""

from lapang_core.protocol.attachments import (
    AttachmentStatus,
    attachment_path,
    split_chunks,
)
from lapang_core.protocol.auth import (
    AuthHeaders,
    canonical_request,
    check_clock,
    generate_key,
    load_public_key,
    new_nonce,
    parse_auth_headers,
    public_key_text,
    sign_request,
    verify_request,
)
from lapang_core.protocol.changes import (
    APPLICATION_OPS,
    ENTITY_APPLICATION,
    ENTITY_VOTER,
    VOTER_OPS,
    Change,
    PushRequest,
)
from lapang_core.protocol.constants import (
    API_PREFIX,
    CLOCK_SKEW_SECONDS,
    DOC_VERSION_APPLICATION_NO_ECHO,
    DOC_VERSION_NO_ECHO,
    DOC_VERSIONS,
    HEADER_DEVICE,
    HEADER_NONCE,
    HEADER_PROTOCOL,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    MAX_ATTACHMENT_BYTES,
    MAX_BATCH_CHANGES,
    MAX_BODY_BYTES,
    MAX_CHUNK_BYTES,
    MAX_INFLATED_BYTES,
    MAX_JSON_DEPTH,
    MAX_SEQ,
    MAX_VERSION,
    MEDIA_TYPE,
    PROTOCOL_VERSION,
    PULL_PAGE_DEFAULT,
    PULL_PAGE_MAX,
)
from lapang_core.protocol.decoding import (
    b64u_decode,
    decompress,
    iso_to_ms,
    json_depth,
    loads_json,
)
from lapang_core.protocol.device_key import (
    DEVICE_KEY_PATH,
    DeviceKeyRequest,
    DeviceKeyResponse,
    EncryptionKeyConflict,
    derive_encryption_key,
    encryption_key_text,
    encryption_private_bytes,
    generate_encryption_key,
    load_encryption_key,
)
from lapang_core.protocol.encoding import (
    _dumps as _dumps,
)
from lapang_core.protocol.encoding import (
    b64u_encode,
    compress,
    is_hex_id,
    is_sha256_hex,
    ms_to_iso,
    sha256_hex,
)
from lapang_core.protocol.enroll import (
    EnrollRequest,
    EnrollResponse,
)
from lapang_core.protocol.errors import (
    AttachmentError,
    AttachmentNotReferenced,
    AttachmentTooLarge,
    AuthError,
    BadSignature,
    BodyTooLarge,
    ClockSkew,
    DeviceRevoked,
    EnrollCodeExpired,
    EnrollCodeInvalid,
    EnrollCodeUsed,
    EnrollmentError,
    HashMismatch,
    InvalidChange,
    MalformedRequest,
    NotFound,
    OffsetMismatch,
    ProtocolError,
    ReplayedRequest,
    RequestTimedOut,
    ServerError,
    ServiceUnavailable,
    UnknownDevice,
    UnsupportedEncoding,
    UnsupportedProtocol,
)
from lapang_core.protocol.payloads import (
    BARU_KEYS,
    BARU_STATUS_KEYS,
    TMS_KEYS,
    WIRE_ELEMENTS,
)
from lapang_core.protocol.pull import (
    APPLICATION_OUTCOME_COLUMNS,
    LIST_COLUMNS,
    VOTER_COLUMNS,
    Announcement,
    ApplicationOutcome,
    ConflictNotice,
    PullPage,
    RefusalNotice,
    Region,
    VoterRow,
    pull_path,
    sign_announcement,
)
from lapang_core.protocol.relay import (
    RELAY_PATH,
    RelayQuotaExceeded,
    RelayStatus,
    relay_chunk_path,
    relay_status_path,
)
from lapang_core.protocol.results import (
    ChangeResult,
    ChangeStatus,
    PushResult,
)
from lapang_core.protocol.rotation import (
    ROTATION_MARK,
    ROTATION_TITLE,
    InvalidRotation,
    KeyRotation,
)

__all__ = [
    "InvalidRotation",
    "KeyRotation",
    "ROTATION_MARK",
    "ROTATION_TITLE",
    "API_PREFIX",
    "APPLICATION_OPS",
    "APPLICATION_OUTCOME_COLUMNS",
    "Announcement",
    "ApplicationOutcome",
    "AttachmentError",
    "AttachmentStatus",
    "RELAY_PATH",
    "RelayQuotaExceeded",
    "RelayStatus",
    "AttachmentNotReferenced",
    "AttachmentTooLarge",
    "AuthError",
    "AuthHeaders",
    "BARU_KEYS",
    "BARU_STATUS_KEYS",
    "BadSignature",
    "BodyTooLarge",
    "CLOCK_SKEW_SECONDS",
    "Change",
    "ChangeResult",
    "DOC_VERSIONS",
    "DOC_VERSION_APPLICATION_NO_ECHO",
    "DOC_VERSION_NO_ECHO",
    "ChangeStatus",
    "ClockSkew",
    "ConflictNotice",
    "DEVICE_KEY_PATH",
    "DeviceKeyRequest",
    "DeviceKeyResponse",
    "DeviceRevoked",
    "EncryptionKeyConflict",
    "ENTITY_APPLICATION",
    "ENTITY_VOTER",
    "EnrollCodeExpired",
    "EnrollCodeInvalid",
    "EnrollCodeUsed",
    "EnrollRequest",
    "EnrollResponse",
    "EnrollmentError",
    "HEADER_DEVICE",
    "HEADER_NONCE",
    "HEADER_PROTOCOL",
    "HEADER_SIGNATURE",
    "HEADER_TIMESTAMP",
    "HashMismatch",
    "InvalidChange",
    "MAX_ATTACHMENT_BYTES",
    "MAX_BATCH_CHANGES",
    "MAX_BODY_BYTES",
    "MAX_CHUNK_BYTES",
    "MAX_INFLATED_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_SEQ",
    "MAX_VERSION",
    "MEDIA_TYPE",
    "MalformedRequest",
    "NotFound",
    "OffsetMismatch",
    "PROTOCOL_VERSION",
    "PULL_PAGE_DEFAULT",
    "PULL_PAGE_MAX",
    "ProtocolError",
    "PullPage",
    "PushRequest",
    "PushResult",
    "RefusalNotice",
    "Region",
    "ReplayedRequest",
    "RequestTimedOut",
    "ServerError",
    "ServiceUnavailable",
    "TMS_KEYS",
    "UnknownDevice",
    "UnsupportedEncoding",
    "UnsupportedProtocol",
    "LIST_COLUMNS",
    "VOTER_COLUMNS",
    "VOTER_OPS",
    "VoterRow",
    "WIRE_ELEMENTS",
    "attachment_path",
    "relay_chunk_path",
    "relay_status_path",
    "b64u_decode",
    "b64u_encode",
    "canonical_request",
    "check_clock",
    "compress",
    "decompress",
    "derive_encryption_key",
    "encryption_key_text",
    "encryption_private_bytes",
    "generate_encryption_key",
    "generate_key",
    "load_encryption_key",
    "is_hex_id",
    "is_sha256_hex",
    "iso_to_ms",
    "load_public_key",
    "json_depth",
    "loads_json",
    "ms_to_iso",
    "new_nonce",
    "parse_auth_headers",
    "public_key_text",
    "pull_path",
    "sha256_hex",
    "sign_announcement",
    "sign_request",
    "split_chunks",
    "verify_request",
]
