"""Tell the app when the network comes back, so it syncs at once instead of after its backoff.

Qt's QNetworkInformation picks the OS backend (NetworkManager on Linux, the
system APIs on macOS and Windows). Where none loads, this does nothing and the
app relies on its backoff and the sleep check in the poll loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class NetworkWatcher:
    def __init__(self, on_back_online: Callable[[], None]):
        self._callback = on_back_online
        self._info = None
        try:
            from PySide6.QtNetwork import QNetworkInformation
            if QNetworkInformation.loadDefaultBackend():
                self._info = QNetworkInformation.instance()
                self._online = self._info.reachability() == QNetworkInformation.Reachability.Online
                self._info.reachabilityChanged.connect(self._changed)
        except (ImportError, RuntimeError) as exc:
            log.info("No network information backend: %s", exc)

    @property
    def available(self) -> bool:
        return self._info is not None

    def _changed(self, reachability) -> None:
        from PySide6.QtNetwork import QNetworkInformation
        online = reachability == QNetworkInformation.Reachability.Online
        if online and not self._online:
            log.info("Network is back: syncing now")
            self._callback()
        self._online = online
