"""The device's encryption key on an online sync: a laptop enrolled before return bundles
existed makes its X25519 key now (derived from its device key, kept in the encrypted store) and
registers it with ``POST /v1/device-key``; an enrolment that sent the key is confirmed the same
way, once. One small request, before the push.

It never stands in the way of the sync itself: a server from before return bundles (404), a
lost answer or any refusal leaves the key unregistered and the run goes on; the next run asks
again. Only then can KPU seal a return bundle for this laptop.
"""

from __future__ import annotations

from desktop_app.store import sync_state
from desktop_app.store.field_store import utc_now
from desktop_app.sync.errors import TransportError
from desktop_app.sync.run import RunContext, log
from lapang_core import protocol as p


def register_encryption_key(ctx: RunContext) -> bool:
    """Make and register the encryption key if the server has not confirmed it yet; True when
    it is confirmed (now or earlier)."""
    db, device_id = ctx.db, ctx.enrollment.device_id
    state = sync_state.encryption_key(db, device_id)
    if state is None:
        derived = p.derive_encryption_key(sync_state.device_key(db, device_id))
        state = sync_state.ensure_encryption_key(db, device_id, derived)
    if state.registered_at is not None:
        return True
    ctx.check_cancel()
    try:
        answer = ctx.client.register_encryption_key(state.public_key)
    except p.NotFound:
        log.info("the sync server does not take device encryption keys yet (no return bundles)")
        return False
    except (TransportError, p.ProtocolError) as exc:
        ctx.check_cancel()
        log.warning("device encryption key not registered this time: %s", type(exc).__name__)
        return False
    if answer.encryption_key != state.public_key:
        log.warning("the server confirmed another encryption key; not marked registered")
        return False
    sync_state.mark_encryption_key_registered(db, device_id, utc_now())
    return True
