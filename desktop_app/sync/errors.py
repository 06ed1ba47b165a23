"""Errors of the device side of sync that are not wire errors (those are the ``ProtocolError``
classes of ``protocol``). Messages are for the officer or the KPU IT helper; the GUI may word
them differently by class. None carries voter data."""

from __future__ import annotations

from desktop_app.store.sync_state import NotEnrolled

__all__ = [
    "CertificateRejected",
    "InsecureServerUrl",
    "NotEnrolled",
    "PinnedCertificateMissing",
    "SyncCancelled",
    "SyncError",
    "TransportError",
]


class SyncError(Exception):
    """Base of the client-side sync errors."""


class InsecureServerUrl(SyncError):
    """An http:// address that is not this computer: voter data never travels unencrypted."""


class PinnedCertificateMissing(SyncError):
    """An https:// server, but the KPU certificate file the app pins is not there."""


class CertificateRejected(SyncError):
    """The server's certificate is not signed by the pinned KPU certificate: a wrong server, or
    someone between the laptop and KPU. Nothing was sent."""


class TransportError(SyncError):
    """No answer: no signal, a dropped connection, a timeout or an answer cut short. Nothing
    is known about what the server did with the request; everything stays queued."""


class SyncCancelled(SyncError):
    """The officer cancelled the sync; what was confirmed so far is kept."""
