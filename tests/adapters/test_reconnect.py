"""Why a platform did not connect, in one line that points at the fix."""

import errno
import socket

import pytest

from adapters.reconnect import why_not_connected
from tests.fakes.surface import RecordingSurface


@pytest.fixture
def busy_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock.getsockname()[1]
    sock.close()


def test_a_port_in_use_is_not_called_a_network_problem(busy_port):
    other = socket.socket()
    try:
        with pytest.raises(OSError) as raised:
            other.bind(("127.0.0.1", busy_port))
        assert raised.value.errno == errno.EADDRINUSE
    finally:
        other.close()
    line = why_not_connected(RecordingSurface(), raised.value)
    assert "cannot listen" in line and "SLACK_HTTP_PORT" in line
    assert "cannot reach" not in line


def test_unreachable_and_refused_are_told_apart():
    surface = RecordingSurface()
    assert "cannot reach" in why_not_connected(surface, ConnectionRefusedError(111, "refused"))
    refused = why_not_connected(surface, RuntimeError("invalid_auth\nmore"))
    assert "refused to connect" in refused and "\n" not in refused
