"""Sync in the desk: the status bar's Daring / Luring / Menyinkronkan…, "Sinkronkan sekarang",
enrolment with a KPU code, and the history of runs, refusals, conflicts and announcements.

* ``controller.SyncController`` — one per unlocked session (made by the main window): runs the
  engine on the task manager's database worker, watches connectivity, emits what views show.
* ``relay`` — the engine's and the watcher's callbacks (on their threads) re-emitted as Qt
  signals on the GUI thread (Electrum's pattern); progress is coalesced.
* ``ops`` — the operations that touch the store (engine runs, enrolment, the history reads),
  run on the worker; the sync package is imported there, never on the GUI thread.
* ``status_panel``, ``history`` + ``inbox_tabs``, ``enrolment`` + ``enrol_page`` (the wizard's
  step) + ``enrol_dialog`` (the desk's "Daftarkan perangkat…") — the views.
* ``wording`` — the officer's words for sync errors, refusal reasons, outcomes and times.
* ``config.SyncConfig`` — what the deployment says (server, pinned certificate, KPU key).
"""
