"""Attachment checks inside files (archives, e-mail, Office embeddings, audio tag pictures) and of
the byte structure of pictures, recordings, web pages and drawings: what they find, and the
ordinary files they must let through."""
from __future__ import annotations

import io
import struct
import time
from email.message import EmailMessage

import pytest
from mutagen.id3 import APIC, ID3, TIT2
from PIL import Image

import attachment_fixtures as fx
import red_files_fixtures as rf
import red_files_media
from red_files_base import _with, _zip
from lscp_kit.audit import Auditor
from lscp_kit.audit.readers import base, read
from lscp_kit.checks import Attachment, check_attachments
from lscp_kit.checks.clean import Refused, clean
from lscp_kit.checks.inspect import facts
from lscp_kit.rules.items import Item

PAGE = "learning/guide"


def check(name: str, data: bytes, **kw):
    return check_attachments([Attachment(f"{PAGE}/{name}", PAGE, None, data, title="A guide")], **kw)


def _png(**kw) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(out, "PNG", **kw)
    return out.getvalue()


def _jpeg_icc() -> bytes:
    """A JPEG as a camera or an editor saves it: EXIF make and model, an ICC profile (APP2), Adobe APP14."""
    from PIL import ImageCms
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "EOS"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(out, "JPEG", exif=exif.tobytes(), icc_profile=profile)
    data = out.getvalue()
    adobe = b"Adobe\x00\x64\x80\x00\x00\x00\x01"
    return data[:2] + struct.pack(">BBH", 0xFF, 0xEE, len(adobe) + 2) + adobe + data[2:]


def _mp3_with_cover() -> bytes:
    tags = ID3()
    tags.add(TIT2(encoding=3, text="Episode 1"))
    tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover", data=fx.jpeg()))
    out = io.BytesIO(fx.mp3())
    tags.save(out)
    return out.getvalue()


def _mail(attachment: bytes) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "Minutes"
    message.set_content("The minutes are attached.")
    message.add_attachment(attachment, maintype="application", subtype="pdf", filename="minutes.pdf")
    return message.as_bytes()


ORDINARY = {
    "reports.zip": lambda: _zip({f"r{i}.pdf": fx.text_pdf([f"Report {i}."]) for i in range(3)}),
    "stored.zip": lambda: _zip({"a.pdf": fx.text_pdf(["A report."]), "notes.txt": b"Notes."}),
    "photo.docx": lambda: _with(fx.docx(), {"word/media/image1.png": _png(), "word/media/image2.jpeg": fx.jpeg()}),
    "camera.jpg": _jpeg_icc,
    "dpi.png": lambda: _png(dpi=(300, 300)),
    "episode.mp3": _mp3_with_cover,
    "plain.mp3": fx.mp3,
    "tagged.mp3": lambda: fx.mp3("Episode 1", "The partnership") + b"TAG" + bytes(125),
    "clip.m4a": lambda: red_files_media._m4a(red_files_media._item(b"\xa9nam", "Episode 1")),
    "plain.wav": lambda: b"RIFF" + struct.pack("<I", 4 + 8 + 16 + 8 + 800) + b"WAVE" + red_files_media._riff(
        b"fmt ", struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16)) + red_files_media._riff(b"data", bytes(800)),
    "phone.jpg": lambda: fx.jpeg(artist="Camera") + fx.jpeg(),
    "minutes.eml": lambda: _mail(fx.text_pdf(["Minutes."])),
    "page.html": lambda: b"<html><head><!--[if gte mso 9]><xml></xml><![endif]--><style>p{}</style></head><body>"
                         b"<p>The panel met.</p><details><summary>More</summary>Details.</details></body></html>",
    "map.svg": lambda: b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><text x="10" y="20">North</text>'
                       b'<g transform="translate(-500 0)"><text x="520" y="40">South</text></g>'
                       b'<defs><symbol id="s"><text x="-900" y="5">East</text></symbol></defs></svg>',
    "contents.html": lambda: b"<html><body><p>Contents<span style='display:none;mso-hide:screen'>PAGEREF _Toc1 \\h"
                             b"</span></p></body></html>",
}


@pytest.mark.parametrize("name", sorted(ORDINARY))
def test_ordinary_files_and_files_inside_them_pass(name):
    found = check(name, ORDINARY[name]())
    assert found.errors == []
    assert not any("segment" in w or "after the" in w or "PNG chunk" in w for w in found.warnings)


def test_a_file_inside_a_file_inside_an_archive_is_named_by_its_path():
    data = _zip({"pack.zip": _zip({"notes.docx": fx.tracked_docx()})})
    messages = [p.message for p in check("all.zip", data).errors]
    assert any("inside it, pack.zip/notes.docx: hidden content: word/document.xml: tracked deletions" in m
               for m in messages)


def test_the_checks_inside_an_archive_stop_at_the_unpacking_limit_and_the_audit_refuses_it(monkeypatch):
    monkeypatch.setattr(base, "MAX_UNPACKED", 20_000)
    data = _zip({f"r{i}.pdf": fx.boxed_pdf() for i in range(20)})
    found = facts("big.zip", data)
    assert 0 < len(found["inside"]) < 20
    assert any("unpacks to more than" in why for why in read("big.zip", data).unreadable)


def test_a_heic_photo_is_refused_as_a_kind_the_kit_cannot_check():
    [error] = check(*rf.make("heic_photo")).errors
    assert "HEIC" in error.message and "JPEG or PNG" in error.message


def test_html_comments_are_listed_and_hidden_text_names_no_cleaner():
    found = check(*rf.make("html_hidden"))
    assert found.errors and all("`make clean-attachment` cannot remove it" in p.message for p in found.errors)
    assert any("Comment 'Jordan Ashworth'" in w for w in found.warnings)
    with pytest.raises(Refused):
        clean(*rf.make("html_hidden"))


def test_a_second_picture_after_a_jpeg_is_checked_for_gps():
    data = fx.jpeg() + fx.jpeg(gps=True)
    assert any("GPS" in p.message and "second picture" in p.message for p in check("photo.jpg", data).errors)


def test_clean_attachment_cleans_a_photo_in_a_word_file_and_refuses_an_archive():
    name, data = rf.make("docx_image_gps")
    assert check(name, clean(name, data)).errors == []
    with pytest.raises(Refused, match="clean each file in it"):
        clean(*rf.make("zip_gps_photo"))


@pytest.mark.parametrize("case", ["mp3_trailing", "m4a_gps", "jpg_extended_xmp_gps", "jpg_app15", "png_private_chunk"])
def test_a_cleaned_recording_or_picture_keeps_nothing_after_its_end(case):
    name, data = rf.make(case)
    out = clean(name, data)
    assert b"Ashworth" not in out and check(name, out).errors == [] and not check(name, out).warnings


def test_the_leak_audit_finds_a_hidden_report_packed_inside_a_public_zip():
    report = fx.text_pdf(["Overview."])
    hidden = Item(id="reviews/2026-child-q", source="s", path="p", section="reviews", title="Kestrel review",
                  status="draft", type="lcspr", child="Child Q", files=("reviews/2026-child-q/overview.pdf",))
    auditor = Auditor([hidden], hidden_files={"reviews/2026-child-q/overview.pdf": report})
    [leak] = [leak for leak in auditor.scan_file("learning/pack.zip", _zip({"annex/a.pdf": report}))]
    assert leak.item == "reviews/2026-child-q" and "overview.pdf, as annex/a.pdf inside it" in str(leak)


def test_checking_a_zip_of_ten_reports_costs_about_what_the_reports_cost():
    reports = {f"r{i}.pdf": fx.long_pdf(4) for i in range(10)}
    start = time.perf_counter()
    for name, data in reports.items():
        facts(name, data)
    alone = time.perf_counter() - start
    start = time.perf_counter()
    found = check("reports.zip", _zip(reports))
    packed = time.perf_counter() - start
    assert found.errors == [] and packed < 2 * alone + 0.5, (alone, packed)
