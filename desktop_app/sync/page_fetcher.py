"""The pull's page fetcher: asks for page N+1 while the run's thread stores page N.

On a 2G link a page takes seconds to arrive and a second or so to decode and store (FTS
indexing included); asking for the next page only after storing the last one leaves the link
idle for that second, page after page (~5 s of a 91 s first download of 50,000 voters).

Threads: the fetcher runs on a thread of its own and never touches the store — the SQLCipher
connection stays on the run's thread, which stores each page and then its cursor in one
transaction, in order. The fetcher uses the engine's ``SyncClient`` (its kept-alive connection:
a second session would pay a TCP and TLS handshake, two round trips and the certificate chain,
on every pull) and is its only user while the pull lasts: the run's thread makes no request
until the fetcher has ended. At most ``depth`` fetched pages wait for the store, plus the one
being fetched.

Stopping: an error on either side ends both. The fetcher's own error (retries used up, a cancel,
a server that does not move its cursor) is handed to the run's thread in place of the next
page, after every page fetched before it; an error on the run's thread (the store) stops the
fetcher, cutting a request in flight. Nothing half-stored can follow: only the run's thread
stores, one whole page per transaction, and the cursor it stores is the one of the last page
it stored, so the next run resumes there.
"""

from __future__ import annotations

import dataclasses
import queue
import threading

from desktop_app.sync.pacing import BatchSizer
from desktop_app.sync.run import RunContext
from desktop_app.sync.versions import lower_version
from lapang_core import protocol as p

_POLL_SECONDS = 0.1  # how soon a fetcher waiting for room in the queue notices a stop


@dataclasses.dataclass(frozen=True)
class FetchedPage:
    page: p.PullPage
    bytes: int  # answer bytes of this page (the client's count, for progress)


class PageFetcher:
    """Fetch pull pages from ``cursor`` on, one request at a time, ahead of the store."""

    def __init__(self, ctx: RunContext, sizer: BatchSizer, cursor: int, *, depth: int = 1) -> None:
        self._run_cancel = ctx.cancel
        self._check_cancel = ctx.check_cancel
        self._stop = ctx.cancel.child()
        # The same run, but its waits and cancel checks also end when the pull stops early.
        self._ctx = dataclasses.replace(ctx, cancel=self._stop)
        self._sizer = sizer
        self._cursor = cursor
        self._pages: queue.Queue[FetchedPage | BaseException] = queue.Queue(maxsize=depth)
        self._thread = threading.Thread(target=self._run, name="lapang-pull-fetch", daemon=True)

    def start(self) -> PageFetcher:
        self._thread.start()
        return self

    def next_page(self) -> FetchedPage:
        """The next page in order (blocks); raises what ended the fetcher, once every page
        fetched before that has been taken, and ``SyncCancelled`` once the run is cancelled
        (a fetcher cancelled with the run may end without handing anything over)."""
        while True:
            try:
                item = self._pages.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                self._check_cancel()
                if not self._thread.is_alive() and self._pages.empty():
                    raise RuntimeError("The pull's page fetcher ended without a page.") from None
                continue
            if isinstance(item, BaseException):
                raise item
            return item

    def join(self) -> None:
        """Wait for a fetcher that delivered its last page (it is ending by itself)."""
        self._thread.join()
        self._run_cancel.release(self._stop)

    def stop(self) -> None:
        """End the fetcher now (the store side failed or the run is cancelled): a request in
        flight is cut, and a page it fetched is dropped; the next run asks again."""
        if self._thread.is_alive():
            self._stop.cancel()
            self._ctx.client.abort()
        self.join()

    # -- the fetch thread --------------------------------------------------------------------
    def _run(self) -> None:
        try:
            self._fetch_all()
        except BaseException as exc:  # handed to the run's thread, which decides
            self._put(exc)

    def _fetch_all(self) -> None:
        ctx, cursor, failures = self._ctx, self._cursor, 0
        version = ctx.doc_version.current
        while True:
            ctx.check_cancel()
            started = ctx.clock()
            before = ctx.client.bytes_down
            try:
                page = ctx.client.pull(cursor, self._sizer.size, version=version)
            except Exception as exc:
                lower = lower_version(exc, version, pull=True)
                if lower is not None:
                    # A server from before this version; kept once a page is answered in it.
                    version = lower
                    continue
                failures += 1
                self._sizer.failure()
                ctx.retry_after(exc, failures)
                continue
            failures = 0
            ctx.doc_version.settle(version)
            self._sizer.success(max(page_items(page), 1), ctx.clock() - started)
            if not self._put(FetchedPage(page, ctx.client.bytes_down - before)):
                return
            if not page.more:
                return
            if page.cursor <= cursor:
                # A server that says "more" without moving on would loop forever.
                raise p.ProtocolError("The server's pull cursor did not advance; try later.")
            cursor = page.cursor

    def _put(self, item: FetchedPage | BaseException) -> bool:
        """Queue ``item`` once there is room; False when the pull stopped meanwhile."""
        while not self._stop.cancelled:
            try:
                self._pages.put(item, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False


def page_items(page: p.PullPage) -> int:
    return (
        len(page.regions)
        + len(page.tps)
        + len(page.voters)
        + len(page.conflicts)
        + len(page.announcements)
        + len(page.refusals)
        + len(page.applications)
    )
