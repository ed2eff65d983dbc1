"""The one output layer of the command: every report and every message leaves cpcinfo through here.

- :func:`write` writes a report (text, or bytes for binary formats) to stdout or to ``-o FILE``. Text is
  encoded as UTF-8 with lone surrogates written as ``\\udXXX`` escapes (a value read from JSON may hold one;
  it must not crash the report). A file is written to a temporary file beside the target and renamed over
  it only once everything was written, so a failure never leaves the target truncated; ``-o`` naming one of
  the command's input files is refused before anything is written.
- :func:`say` writes one message to stderr, with identity numbers masked and control characters from the
  data shown as escapes, so that neither a terminal escape nor a forged ``cpcinfo: …`` line can come from
  a file.

A failure to write (a full disk, a closed pipe, an unwritable directory) is an :class:`OutputError` (exit 2)
with a message — never a traceback. A pipe closed by its reader (``cpcinfo check x.json | head``) is not an
error: the rest of the report is dropped quietly and the command keeps its own exit code.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from cpcinfo.errors import CpcinfoError
from cpcinfo.masking import mask_ids_in_text
from cpcinfo.sanitize import terminal_safe

__all__ = ["OutputError", "encode", "os_error", "say", "write"]


class OutputError(CpcinfoError):
    """The report or a message could not be written. ``str()`` names the target and the reason."""


_OS_ERRORS = {errno.EISDIR: "是目录，不是文件", errno.EACCES: "没有写入权限", errno.ENOENT: "所在目录不存在",
              errno.ENOSPC: "磁盘已满", errno.EROFS: "只读文件系统", errno.EDQUOT: "超出磁盘配额",
              errno.EIO: "输入输出错误", errno.EFBIG: "文件过大", errno.EPERM: "没有权限"}


def os_error(exc: OSError) -> str:
    """An operating-system error in the user's words."""
    return _OS_ERRORS.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def encode(text: str) -> bytes:
    """UTF-8, with a lone surrogate written as its escape instead of failing."""
    return text.encode("utf-8", "backslashreplace")


def write(content: str | bytes, output: str | None, *, inputs: Iterable[str | None] = ()) -> None:
    """Write a whole report to ``output`` (a path) or to stdout (``None``); text gets a final newline.

    ``inputs`` are the files the command read: ``output`` may not name one of them.
    """
    data = content if isinstance(content, bytes) else encode(content if content.endswith("\n") else content + "\n")
    if output is None:
        _write_stdout(data)
        return
    _refuse_input_as_output(output, inputs)
    _replace_file(Path(output), data)


def _write_stdout(data: bytes) -> None:
    if sys.stdout is None:  # started with stdout closed (``>&-``)
        raise OutputError("无法写入标准输出：标准输出已关闭")
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is None:  # a text stream without bytes under it (a test's capture)
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:
        _silence_stdout()
        raise OutputError(f"无法写入标准输出：{os_error(exc)}") from None
    except ValueError:  # stdout was closed (``>&-``)
        raise OutputError("无法写入标准输出：标准输出已关闭") from None


def _silence_stdout() -> None:
    # Whatever is still buffered would fail again when the interpreter flushes stdout at exit and print
    # "Exception ignored …": point the descriptor at /dev/null, as the Python documentation advises.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # nothing left to protect


def _refuse_input_as_output(output: str, inputs: Iterable[str | None]) -> None:
    target = Path(output)
    for source in inputs:
        if source is None:
            continue
        try:
            same = target.exists() and os.path.samefile(target, source)
        except OSError:
            same = False
        if same or target.resolve() == Path(source).resolve():
            raise OutputError(f"{output}: -o 指向的是输入文件，写入会覆盖它；请另选一个输出文件")


def _replace_file(target: Path, data: bytes) -> None:
    directory = target.parent
    if target.is_dir():
        raise OutputError(f"{target}: 无法写入：是目录，不是文件")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{target}: 无法写入：{os_error(exc)}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"{target}: 无法写入：{os_error(exc)}") from None


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777  # an existing file keeps its permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def say(message: str, *, mask: bool = True) -> None:
    """One message on stderr, prefixed ``cpcinfo:``; identity numbers masked, control characters escaped.

    A message may span lines (a document error lists one problem a line); the lines after the first are
    indented, so no line of a message can pass for a message of its own.
    """
    text = mask_ids_in_text(message) if mask else message
    lines = terminal_safe(text).split("\n")
    rendered = "\n".join([f"cpcinfo: {lines[0]}", *(f"  {line}" for line in lines[1:])]) + "\n"
    if sys.stderr is None:  # started with stderr closed: nowhere to say anything; the exit code still tells
        return
    stream = getattr(sys.stderr, "buffer", None)
    try:
        if stream is None:
            sys.stderr.write(rendered)
        else:
            sys.stderr.flush()
            stream.write(encode(rendered))
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr itself is gone: there is nowhere left to say anything; the exit code still tells
