"""The error hierarchy: every error the server returns has a stable ``code`` and maps back to
the same ``ProtocolError`` subclass on the client."""

from __future__ import annotations

from typing import Any, ClassVar

from lapang_core.protocol.encoding import _dumps


class ProtocolError(Exception):
    """Base of every error that crosses the wire. ``code`` is stable; ``details`` are extra
    JSON fields (for example ``server_time`` on a clock error)."""

    code: ClassVar[str] = "protocol_error"
    http_status: ClassVar[int] = 400
    # True when the same request may succeed later unchanged (or after a clock correction).
    retryable: ClassVar[bool] = False
    _registry: ClassVar[dict[str, type[ProtocolError]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        ProtocolError._registry[cls.code] = cls

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_json(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "retryable": self.retryable,
                **self.details,
            }
        }

    def to_body(self) -> bytes:
        return _dumps(self.to_json())

    @staticmethod
    def from_response(status: int, body: bytes) -> ProtocolError:
        """The exception a client raises for an error response (unknown codes keep the status).
        The body is read with the protocol's bounded decoder: a proxy or a hostile server can
        answer anything, a few KB of ``[`` included."""
        from lapang_core.protocol.decoding import loads_json  # it imports this module

        try:
            err = loads_json(body)["error"]
            code, message = str(err["code"]), str(err["message"])
            details = {k: v for k, v in err.items() if k not in ("code", "message", "retryable")}
        except (ProtocolError, KeyError, TypeError):
            if status >= 500:
                return ServerError(f"The server failed (HTTP {status}); try again later.")
            return ProtocolError(f"Unexpected answer from the server (HTTP {status}).")
        cls = ProtocolError._registry.get(code)
        if cls is None:
            cls = ServerError if status >= 500 else ProtocolError
        return cls(message, **details)


class MalformedRequest(ProtocolError):
    code = "malformed"


class InvalidChange(MalformedRequest):
    """An outbox entry that does not follow the change contract (raised on the client)."""

    code = "invalid_change"


class UnsupportedProtocol(ProtocolError):
    code = "unsupported_protocol"


class UnsupportedEncoding(ProtocolError):
    code = "unsupported_encoding"
    http_status = 415


class BodyTooLarge(ProtocolError):
    code = "body_too_large"
    http_status = 413


class NotFound(ProtocolError):
    code = "not_found"
    http_status = 404


class AuthError(ProtocolError):
    code = "unauthorized"
    http_status = 401


class BadSignature(AuthError):
    code = "bad_signature"


class UnknownDevice(AuthError):
    code = "unknown_device"


class ClockSkew(AuthError):
    """The request's timestamp is outside the window; ``details["server_time"]`` lets the client
    correct its offset and retry at once."""

    code = "clock_skew"
    retryable = True


class ReplayedRequest(AuthError):
    code = "replayed"


class DeviceRevoked(AuthError):
    code = "device_revoked"
    http_status = 403


class EnrollmentError(ProtocolError):
    code = "enrollment_failed"
    http_status = 403


class EnrollCodeInvalid(EnrollmentError):
    code = "enroll_code_invalid"


class EnrollCodeUsed(EnrollmentError):
    code = "enroll_code_used"
    http_status = 409


class EnrollCodeExpired(EnrollmentError):
    code = "enroll_code_expired"
    http_status = 410


class AttachmentError(ProtocolError):
    code = "attachment_error"


class OffsetMismatch(AttachmentError):
    """The chunk does not start where the server's copy ends; ``details["received"]`` says where
    to resume."""

    code = "offset_mismatch"
    http_status = 409
    retryable = True


class HashMismatch(AttachmentError):
    code = "hash_mismatch"
    http_status = 422


class AttachmentTooLarge(AttachmentError):
    code = "attachment_too_large"
    http_status = 413


class AttachmentNotReferenced(AttachmentError):
    """No change this device sent names the file: a device uploads only the evidence of its own
    changes (another device's upload must not be able to get in its way)."""

    code = "attachment_not_referenced"
    http_status = 403


class ServerError(ProtocolError):
    code = "internal"
    http_status = 500
    retryable = True


class ServiceUnavailable(ServerError):
    code = "unavailable"
    http_status = 503


class RequestTimedOut(ProtocolError):
    """The body arrived too slowly (a dying 2G link): send it again."""

    code = "request_timeout"
    http_status = 408
    retryable = True
