"""Compressed files and archives, read inside as an unpacking tool shows them: gzip, xz, lzma and
bzip2 (every concatenated stream), tar and zip (every member's name and contents, as nested
files). What unpacks past the budget, ends early or does not open is refused; so is every archive
format the readers cannot open at all (7z, RAR, zstd, ...)."""
from __future__ import annotations

import bz2
import io
import lzma
import tarfile
import zipfile
import zlib
from typing import Callable

from lscp_kit.audit.readers.base import Context, Readings, Refused, limit_reached
from lscp_kit.audit.readers.rtf import is_word_chunk, read_word_chunk
from lscp_kit.audit.readers.text import read_raw

# Archive and compressed formats the audit cannot read inside: a build publishing one is refused.
UNREADABLE_SUFFIXES = (".7z", ".rar", ".zst", ".zstd", ".lz", ".lz4", ".cab", ".arj", ".ace", ".iso", ".dmg",
                       ".z", ".lzh", ".lha", ".sit", ".sitx", ".xar", ".cpio", ".rpm", ".deb", ".jar", ".war",
                       ".apk", ".msi", ".wim", ".sz", ".br")
UNREADABLE_MAGIC = ((b"7z\xbc\xaf\x27\x1c", "7z"), (b"Rar!\x1a\x07", "RAR"), (b"\x28\xb5\x2f\xfd", "zstd"),
                    (b"\x04\x22\x4d\x18", "LZ4"), (b"LZIP", "lzip"), (b"MSCF", "CAB"), (b"\x60\xea", "ARJ"),
                    (b"\x1f\x9d", "compress (.Z)"), (b"xar!", "XAR"))
REPACK = "publish the documents themselves (PDF) or as a .zip"


def read_unreadable(name: str, data: bytes, ctx: Context) -> Readings:
    magic = next((label for m, label in UNREADABLE_MAGIC if data.startswith(m)), "")
    fmt = magic or (name.rsplit(".", 1)[-1].upper() if "." in name else "unknown")
    raise Refused(f"a {fmt} archive or compressed file, which the audit cannot read inside: {REPACK}")


def _inner_name(name: str, suffixes: dict[str, str]) -> str:
    """`report.tar.gz` -> `report.tar`, `all.tgz` -> `all.tar`: the name of what is inside."""
    lower = name.lower()
    for suffix, replacement in suffixes.items():
        if lower.endswith(suffix):
            return name[: len(name) - len(suffix)] + replacement
    return name


def read_gzip(name: str, data: bytes, ctx: Context) -> Readings:
    readings = _read_streams(name, data, ctx, lambda: zlib.decompressobj(16 + zlib.MAX_WBITS),
                             {".gz": "", ".tgz": ".tar"})
    readings.text += gzip_header_names(data)
    return readings


def gzip_header_names(data: bytes) -> list[str]:
    """The original file name and the comment in a gzip header (gzip -N and 7-Zip show them)."""
    if len(data) < 10 or data[:2] != b"\x1f\x8b":
        return []
    flags, at, found = data[3], 10, []
    if flags & 4:  # FEXTRA
        at += 2 + int.from_bytes(data[at:at + 2], "little")
    for flag in (8, 16):  # FNAME, FCOMMENT: Latin-1, ended by a zero byte
        if flags & flag:
            end = data.find(b"\x00", at)
            end = len(data) if end < 0 else end
            found.append(data[at:end].decode("latin-1"))
            at = end + 1
    return found


def read_xz(name: str, data: bytes, ctx: Context) -> Readings:
    return _read_streams(name, data, ctx, lambda: lzma.LZMADecompressor(),
                         {".xz": "", ".lzma": "", ".txz": ".tar", ".tlz": ".tar"})


def read_bzip2(name: str, data: bytes, ctx: Context) -> Readings:
    return _read_streams(name, data, ctx, bz2.BZ2Decompressor, {".bz2": "", ".tbz2": ".tar", ".tbz": ".tar"})


def _read_streams(name: str, data: bytes, ctx: Context, decompressor, suffixes: dict[str, str]) -> Readings:
    """gzip, xz, lzma or bzip2: every concatenated stream, within the budget."""
    parts, size, rest = [], 0, data
    while rest and (not parts or rest.strip(b"\x00")):  # zeros may pad the end
        stream = decompressor()
        parts.append(stream.decompress(rest, max_length=ctx.remaining + 1 - size))
        size += len(parts[-1])
        if size > ctx.remaining:
            raise limit_reached()
        if not stream.eof:
            raise Refused(f"the compressed stream ends early: compress the file again ({REPACK})")
        rest = stream.unused_data
    return ctx.nested(_inner_name(name, suffixes), b"".join(parts))


def read_tar(name: str, data: bytes, ctx: Context) -> Readings:
    """Every member of a tar archive (names, link targets, contents)."""
    found = Readings()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
        members = archive.getmembers()
        found.text.append("\n".join(f"{m.name} {m.linkname}".strip() for m in members))
        for member in members:
            if not member.isfile():
                continue
            if member.size > ctx.remaining:
                raise limit_reached()
            stream = archive.extractfile(member)
            found.extend(ctx.nested(member.name, stream.read() if stream else b""))
    return found


def read_zip(name: str, data: bytes, ctx: Context, keep: Callable[[str], object] | None = None) -> Readings:
    """Every member of a zip archive (Office Open XML, OpenDocument and EPUB files are zips); a Word
    document's RTF chunks read as Word shows them. `keep`: only the members whose name it
    accepts are unpacked (all are listed)."""
    found = Readings()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        found.text.append("\n".join(names))
        if archive.comment:
            found.extend(read_raw(archive.comment))
        for info in archive.infolist():
            if info.is_dir() or (keep is not None and not keep(info.filename)):
                continue
            if info.flag_bits & 0x1:
                raise Refused(f"member {info.filename} is encrypted: remove the password ({REPACK})")
            try:
                with archive.open(info) as member:
                    inner = member.read(ctx.remaining + 1)
            except (zipfile.BadZipFile, NotImplementedError, EOFError, zlib.error, lzma.LZMAError, OSError) as error:
                raise Refused(f"member {info.filename} could not be read ({type(error).__name__}: {error}): "
                              f"{REPACK}") from None
            if len(inner) > ctx.remaining:
                raise limit_reached()
            if is_word_chunk(info.filename, inner, names):
                found.extend(read_word_chunk(info.filename, inner, ctx))
            else:
                found.extend(ctx.nested(info.filename, inner))
    return found
