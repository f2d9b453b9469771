#!/usr/bin/env python3
"""secret.png of tests/bad-inputs: a small RGB picture (orange and blue
stripes) that stands for a file outside the project. Its tEXt chunk carries a
marker, so a test can look for the file's bytes in an output. Run in this folder.
"""
import struct
import zlib


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height):
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += bytes((230, 120, 20)) if (x + y) // 8 % 2 else bytes((30, 60, 160))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"tEXt", b"Comment\x00ZINEPRESS-OUTSIDE-MARKER: a file from outside the project")
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


with open("secret.png", "wb") as f:
    f.write(png(96, 64))
