"""Hear other PCs' changes as they commit: ``LISTEN luutru_changes``.

Every transaction that numbers a change also sends ``NOTIFY luutru_changes``
(:mod:`db.changes`), which PostgreSQL delivers at its commit.  A PC's indexer
process listens on one connection of its own and looks at the change feed at
once, instead of polling every second.  Polling stays as the fallback, every
few seconds: a notification can be missed while this connection is down (a
server restart), or never come through a middlebox that drops an idle
connection without a word; so the listener only makes the PC faster, never
correct.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from sqlalchemy import URL

from db.changes import CHANNEL
from db.engine import CONNECT_TIMEOUT

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0  # between attempts to listen again after the connection was lost
CHECK_SECONDS = 1.0  # how often the listening loop looks whether it should stop


def conninfo(url: URL) -> str:
    """The libpq connection string of an engine's URL (the driver name is SQLAlchemy's)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def listen(url: URL, on_notify: Callable[[], None], stopped: threading.Event) -> None:
    """Call ``on_notify()`` for each change committed on the server, until ``stopped``;
    also once each time listening (re)starts, for what was committed while it was not."""
    while not stopped.is_set():
        try:
            with psycopg.connect(conninfo(url), autocommit=True, connect_timeout=CONNECT_TIMEOUT,
                                 keepalives=1, keepalives_idle=30, keepalives_interval=10,
                                 keepalives_count=3) as conn:
                conn.execute(f"LISTEN {CHANNEL}")
                on_notify()
                while not stopped.is_set():
                    for _notice in conn.notifies(timeout=CHECK_SECONDS):
                        on_notify()
        except psycopg.Error as exc:  # the server restarted or is unreachable: polling covers the gap
            log.info("không nghe được thông báo thay đổi từ máy chủ, thử lại sau: %s", exc)
        stopped.wait(RETRY_SECONDS)


def listening(url: URL, on_notify: Callable[[], None]) -> threading.Event:
    """Listen in a daemon thread; set the returned event to stop it."""
    stopped = threading.Event()
    threading.Thread(target=listen, args=(url, on_notify, stopped), name="luutru-listen", daemon=True).start()
    return stopped
