import io
import os

from adapters.console import _lines_of


def test_lines_from_a_pipe_keep_utf8_whole_and_end_with_an_empty_line():
    read_end, write_end = os.pipe()
    os.write(write_end, "/victory Café won\n/queue\nno newline at the end 🎉".encode())
    os.close(write_end)
    with os.fdopen(read_end) as stream:
        assert list(_lines_of(stream)) == [
            "/victory Café won\n",
            "/queue\n",
            "no newline at the end 🎉",
            "",
        ]


def test_lines_from_a_stream_without_a_file_descriptor():
    assert list(_lines_of(io.StringIO("a\nb\n"))) == ["a\n", "b\n", ""]
