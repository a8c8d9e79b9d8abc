"""Whether the network came back: Qt's QNetworkInformation (reachability) where the system
has a backend for it (NetworkManager, the GLib monitor, Windows, macOS)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QNetworkInformation

log = logging.getLogger(__name__)

_Reach = QNetworkInformation.Reachability
_REACH_ORDER = {
    _Reach.Unknown: 0,
    _Reach.Disconnected: 1,
    _Reach.Local: 2,
    _Reach.Site: 3,
    _Reach.Online: 4,
}


class NetworkWatch(QObject):
    """`back` fires when the network gets better (offline → a network again)."""

    back = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = ""
        self._level = _REACH_ORDER[_Reach.Unknown]
        feature = QNetworkInformation.Feature.Reachability
        info = QNetworkInformation.instance()
        if info is None and QNetworkInformation.loadBackendByFeatures(feature):
            info = QNetworkInformation.instance()
        if info is None:
            log.info("no network information here: sync finds the network back by its backoff")
            return
        self.backend = info.backendName()
        self._level = _REACH_ORDER.get(info.reachability(), 0)
        info.reachabilityChanged.connect(self.on_reachability)

    def on_reachability(self, reachability: QNetworkInformation.Reachability) -> None:
        level = _REACH_ORDER.get(reachability, 0)
        better = level > self._level and level >= _REACH_ORDER[_Reach.Local]
        self._level = level
        if better:
            log.info("the network is back (%s): sync tries now", reachability.name)
            self.back.emit()
