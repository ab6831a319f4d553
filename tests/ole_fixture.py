"""A minimal OLE compound file writer (the format of Word, Excel and PowerPoint 97-2003 files and
Outlook .msg files), for the readers' tests: olefile reads these files but cannot write them."""
from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def _entry(name: str, kind: int, child: int = NOSTREAM, right: int = NOSTREAM, start: int = END,
           size: int = 0) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    return (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NOSTREAM, right, child) + b"\x00" * 36 + struct.pack("<IQ", start, size))


def ole_file(streams: dict[str, bytes]) -> bytes:
    """An OLE file holding `streams` ("Name" or "Storage/Name" -> bytes); every stream is padded
    to 4,096 bytes at least, so that it lives in regular sectors (no mini stream), its sectors
    stored in reverse order."""
    nodes: dict[tuple[str, ...], dict] = {(): {"kind": 5, "children": []}}
    for path, data in streams.items():
        parts = tuple(path.split("/"))
        for depth in range(1, len(parts)):
            if parts[:depth] not in nodes:
                nodes[parts[:depth]] = {"kind": 1, "children": []}
                nodes[parts[:depth - 1]]["children"].append(parts[:depth])
        nodes[parts] = {"kind": 2, "data": data.ljust(4096, b"\x00"), "size": max(len(data), 4096)}
        nodes[parts[:-1]]["children"].append(parts)
    order = list(nodes)
    ids = {path: i for i, path in enumerate(order)}
    data_sectors, chains = [], {}
    for path in order:
        node = nodes[path]
        if node["kind"] == 2:
            blob = node["data"] + b"\x00" * (-len(node["data"]) % SECTOR)
            parts = [blob[i:i + SECTOR] for i in range(0, len(blob), SECTOR)]
            # sectors stored last to first, as a much edited file has them: a string across
            # a sector boundary is whole only in the stream
            chains[path] = list(range(len(data_sectors) + len(parts) - 1, len(data_sectors) - 1, -1))
            data_sectors += parts[::-1]
    dir_count = -(-len(order) * 128 // SECTOR)
    fat_count = 1
    while fat_count * 128 < dir_count + len(data_sectors) + fat_count:
        fat_count += 1
    base = fat_count + dir_count
    entries = b""
    for path in order:
        node = nodes[path]
        siblings = nodes[path[:-1]]["children"] if path else [path]
        right = siblings[siblings.index(path) + 1] if path and siblings.index(path) + 1 < len(siblings) else None
        child = node["children"][0] if node.get("children") else None
        entries += _entry(path[-1] if path else "Root Entry", node["kind"],
                          ids[child] if child else NOSTREAM, ids[right] if right else NOSTREAM,
                          base + chains[path][0] if path in chains else END, node.get("size", 0))
    entries += b"\x00" * (-len(entries) % SECTOR)
    fat = [FATSECT] * fat_count
    first_dir = fat_count
    fat += [first_dir + i + 1 for i in range(dir_count - 1)] + [END]
    fat += [FREE] * (fat_count * 128 - len(fat))
    for chain in chains.values():
        for here, after in zip(chain, chain[1:] + [None]):
            fat[base + here] = END if after is None else base + after
    difat = list(range(fat_count)) + [FREE] * (109 - fat_count)
    header = (MAGIC + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, fat_count, first_dir, 0, 4096, END, 0, END, 0)
              + struct.pack("<109I", *difat))
    return header + struct.pack(f"<{len(fat)}I", *fat) + entries + b"".join(data_sectors)
