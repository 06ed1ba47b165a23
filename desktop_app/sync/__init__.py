"""Sync with the KPU server: the wire protocol (``protocol``) and, later, the client engine.

Nothing here imports Qt or the local store; the server imports ``protocol`` too.
"""
