"""One running app per collection: a second launch asks the first to come to the front."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = ["ACTIVATE_MESSAGE", "SingleInstance", "server_name_for"]

ACTIVATE_MESSAGE = b"activate\n"
_CONNECT_TIMEOUT_MS = 500


def server_name_for(data_dir: Path) -> str:
    """A local socket name unique to this user and collection folder."""
    try:
        user = getpass.getuser()
    except Exception:
        user = ""
    key = f"{user}\0{Path(data_dir).expanduser().resolve()}".encode()
    return "flashcards-" + hashlib.sha256(key).hexdigest()[:24]


class SingleInstance(QObject):
    """Claims a local server name; later instances connect to it and send ``activate``."""

    activation_requested = Signal()

    def __init__(self, server_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server_name = server_name
        self._server: QLocalServer | None = None

    def activate_running(self) -> bool:
        """Tell an instance already serving this name to come forward; True if one answered."""
        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        if not socket.waitForConnected(_CONNECT_TIMEOUT_MS):
            return False
        socket.write(ACTIVATE_MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(_CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(_CONNECT_TIMEOUT_MS)
        return True

    def listen(self) -> bool:
        """Become the instance others activate."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.server_name):
            # A socket file left behind by a crashed instance (Unix): nobody answered on it in
            # activate_running(), so it is stale and safe to remove.
            QLocalServer.removeServer(self.server_name)
            if not server.listen(self.server_name):
                return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    @Slot()
    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # The socket stays a child of the server until it closes (a few bytes per second
            # launch); deleting it on ``disconnected`` crashed PySide when the server went first.
            socket.readyRead.connect(lambda s=socket: self._on_socket_ready_read(s))
            if socket.bytesAvailable():
                self._on_socket_ready_read(socket)

    def _on_socket_ready_read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data())
            if line == ACTIVATE_MESSAGE:
                self.activation_requested.emit()
