"""The attachment checks of PDFs (issue 19): ordinary pages, forms, links and saves made by
ordinary software are not refused; what `make clean-attachment` says it removes is removed;
scripts are refused however they are attached."""
from __future__ import annotations

import io

import pikepdf
import pytest

import attachment_fixtures as fx
import red_files_fixtures as rf
from red_files_pdf import _body, _edit, _page
from lscp_kit.checks import Attachment, check_attachments
from lscp_kit.checks.clean import clean
from lscp_kit.checks.inspect import facts

BASE = ["The panel met twice.", "It found five things."]


def findings(data: bytes):
    return check_attachments([Attachment("reviews/2026-child-n/r.pdf", "reviews/2026-child-n", "Child N", data,
                                         title="A review")])


def _annotated(*annots: dict, page: bytes | None = None, form: bool = False) -> bytes:
    def add(doc):
        made = []
        for entries in annots:
            entries = dict(entries)
            if "ap" in entries:
                ap, bbox = entries.pop("ap")
                entries["AP"] = pikepdf.Dictionary(N=doc.make_stream(ap, Type=pikepdf.Name.XObject,
                                                                     Subtype=pikepdf.Name.Form, BBox=bbox))
            made.append(doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, **entries)))
        doc.pages[0].obj.Annots = doc.make_indirect(pikepdf.Array(made))
        if form:
            doc.Root.AcroForm = pikepdf.Dictionary(Fields=made)
    return _edit(page or fx.text_pdf(BASE), add)


def _shading_behind(doc) -> None:
    fn = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0.9, 0.9, 1], C1=[1, 1, 1], N=1)
    doc.pages[0].Resources.Shading = pikepdf.Dictionary(Sh0=pikepdf.Dictionary(
        ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 612, 0], Function=fn))


def _layer_on(doc) -> None:
    ocg = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("Notes")))
    doc.Root.OCProperties = pikepdf.Dictionary(OCGs=[ocg], D=pikepdf.Dictionary(ON=[ocg], OFF=[]))
    doc.pages[0].Resources.Properties = pikepdf.Dictionary(oc1=ocg)


def _outline(doc) -> None:
    with doc.open_outline() as tree:
        tree.root.append(pikepdf.OutlineItem(BASE[0], 0))


def _resaved(**options) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(fx.text_pdf(BASE))) as doc:
        doc.save(out, **options)
    return out.getvalue()


ORDINARY = {
    "thick_page_frame": lambda: _page(_body() + b"0 0 0 RG 6 w 36 36 540 720 re S\n"),
    "thick_underline": lambda: _page(_body() + b"0 0 0 RG 2 w 72 700 m 272 700 l S\n"),
    "table_grid": lambda: _page(_body() + b"0 0 0 RG 0.5 w " + b"".join(b"%d 690 m %d 735 l S " % (x, x) for x in
                                                                      range(70, 300, 40))
                                + b"70 690 m 300 690 l S 70 714 m 300 714 l S 70 735 m 300 735 l S\n"),
    "shading_behind_text": lambda: _edit(_page(b"q 0 0 612 792 re W n /Sh0 sh Q\n" + _body()), _shading_behind),
    "page_clip": lambda: _page(b"q 0 0 612 792 re W n " + _body() + b"Q\n"),
    "table_cell_clip": lambda: _page(b"q 70 695 400 40 re W n " + _body() + b"Q\n"),
    "layer_on": lambda: _edit(_page(b"/OC /oc1 BDC " + _body() + b"EMC\n"), _layer_on),
    "ligature_actual_text": lambda: _page(fx._text(BASE) + b"/Span << /ActualText (fi) >> BDC "
                                          + fx._text(["fi"], y=600) + b"EMC\n"),
    "hyphenated_actual_text": lambda: _page(b"/Span << /ActualText (international) >> BDC "
                                            + fx._text(["inter-", "national"], y=600) + b"EMC\n"),
    "highlight": lambda: _annotated(dict(Subtype=pikepdf.Name.Highlight, Rect=[72, 700, 172, 714], C=[1, 1, 0], F=4,
                                         QuadPoints=[72, 714, 172, 714, 72, 700, 172, 700],
                                         ap=(b"1 1 0 rg 0 0 100 14 re f\n", [0, 0, 100, 14])), page=_page(_body())),
    "square_outline": lambda: _annotated(dict(Subtype=pikepdf.Name.Square, Rect=[72, 700, 172, 714], C=[0, 0, 0], F=4,
                                              ap=(b"0 0 0 RG 1 w 0.5 0.5 99 13 re S\n", [0, 0, 100, 14])),
                                         page=_page(_body())),
    "filled_in_form": lambda: _annotated(dict(Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, Rect=[72, 600, 272, 620],
                                              T=pikepdf.String("name"), V=pikepdf.String("Panel chair"), F=4), form=True),
    "bookmark_of_a_heading": lambda: _edit(fx.text_pdf(BASE), _outline),
    "linearized_object_streams": lambda: _resaved(linearize=True, object_stream_mode=pikepdf.ObjectStreamMode.generate),
    "object_streams": lambda: _resaved(object_stream_mode=pikepdf.ObjectStreamMode.generate),
}


@pytest.mark.parametrize("kind", sorted(ORDINARY))
def test_ordinary_pdfs_are_not_refused_nor_listed(kind):
    found = findings(ORDINARY[kind]())
    assert found.errors == [] and found.warnings == []


def test_an_incremental_save_that_only_touched_the_dates_is_not_refused():
    data = fx.incremental_pdf(BASE, BASE)
    assert findings(data).errors == []


def test_a_link_whose_target_the_page_does_not_show_is_listed_by_its_target():
    data = rf.make("link_uri")[1]
    [warning] = findings(data).warnings
    assert "Link 'https://example.org/jordan-ashworth'" in warning


@pytest.mark.parametrize("case", ["sticky_note", "hidden_freetext", "form_value", "photo_with_gps"])
def test_clean_attachment_removes_comments_hidden_annotations_unseen_values_and_photo_gps(case):
    name, data = rf.make(case)
    assert findings(data).errors and "run `make clean-attachment" in findings(data).errors[0].message
    cleaned = clean(name, data, title="A review")
    left = facts(name, cleaned)
    assert left["history"] == [] and left["location"] == []
    assert not any("ashworth" in value.lower() for _, value in left["meta"])


def _script_in_annotation(doc) -> None:
    doc.pages[0].obj.Annots = pikepdf.Array([doc.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
        AA=pikepdf.Dictionary(E=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))))])


@pytest.mark.parametrize("where", ["open_action", "annotation"])
def test_javascript_attached_directly_is_refused_with_how_to_fix_it(where):
    if where == "open_action":
        data = fx.text_pdf(BASE, root_extra={"/OpenAction": pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                                                              JS=pikepdf.String("app.alert(1)"))})
    else:
        data = _edit(fx.text_pdf(BASE), _script_in_annotation)
    [error] = findings(data).errors
    assert "JavaScript inside the PDF" in error.message and "re-export the PDF without scripts or forms" in error.message
    assert "run `make clean-attachment" not in error.message


def test_a_stroked_box_is_found_on_its_page_with_the_text_under_it():
    [line] = facts("r.pdf", rf.make("stroked_box")[1])["redaction"]
    assert line.startswith("page 1: text under a dark box drawn over it: «") and "Ashwo" in line


def test_a_wide_stroke_through_the_middle_of_a_line_is_a_strikethrough_not_a_box():
    data = _page(_body() + b"0 0 0 RG 4 w 72 706 m 300 706 l S\n")
    assert findings(data).errors == []


def test_a_page_label_without_a_numbering_style_is_listed():
    data = _edit(fx.text_pdf(BASE), lambda doc: setattr(doc.Root, "PageLabels", pikepdf.Dictionary(
        Nums=[0, pikepdf.Dictionary(P=pikepdf.String("Jordan Ashworth "))])))
    assert any("Page label 'Jordan Ashworth'" in w for w in findings(data).warnings)


def test_an_object_in_the_cross_reference_table_that_nothing_uses_is_hidden_content():
    data = fx.text_pdf(BASE, root_extra={"/Junk": lambda doc: doc.make_stream(fx._text(["Jordan Ashworth was there."]))})
    with pikepdf.open(io.BytesIO(data)) as doc:
        ref = b"/Junk %d 0 R" % doc.Root.Junk.objgen[0]
    data = data.replace(ref, b"/Junk null".ljust(len(ref)))  # same length: the table still holds every offset
    [error] = findings(data).errors
    assert "objects that nothing in the PDF uses still hold text: «jordan ashworth was there.»" in error.message


@pytest.mark.parametrize("state", ["OFF", "ON"])
def test_text_in_a_form_xobject_whose_layer_is_off_is_refused(state):
    def add(doc):
        ocg = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("Notes")))
        doc.Root.OCProperties = pikepdf.Dictionary(OCGs=[ocg], D=pikepdf.Dictionary({f"/{state}": [ocg]}))
        form = doc.make_stream(fx._text(["Jordan Ashworth lives here."], y=600), Type=pikepdf.Name.XObject,
                               Subtype=pikepdf.Name.Form, BBox=[0, 0, 612, 792], OC=ocg,
                               Resources=doc.pages[0].Resources)
        doc.pages[0].Resources.XObject = pikepdf.Dictionary(Fm1=form)
    found = findings(_edit(_page(fx._text(BASE) + b"/Fm1 Do\n"), add))
    assert bool(found.errors) == (state == "OFF")


@pytest.mark.parametrize("case", ["grey_box", "clipped_text", "actual_text", "thin_lines_box"])
def test_page_texts_read_already_give_the_same_findings_without_a_second_text_page(case):
    import pypdfium2 as pdfium
    from lscp_kit.checks.redaction import read_pages
    data = rf.make(case)[1]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        doc = pdfium.PdfDocument(data)
        texts, fresh = read_pages(doc, pdf, data)
        assert read_pages(doc, pdf, data, texts) == (texts, fresh) and fresh
        doc.close()


def test_a_tiling_pattern_that_draws_text_is_refused_and_one_that_draws_a_hatch_is_not():
    """A pattern's cell is painted by viewers but never read as text: one showing text is refused."""
    import pikepdf
    from lscp_kit.checks.pdf_parts import PATTERN_TEXT, _shows_text
    pdf = pikepdf.new()
    text = pikepdf.Stream(pdf, b"BT /F1 12 Tf 0 0 Td (Chi) Tj ET")
    hatch = pikepdf.Stream(pdf, b"0 0 m 10 10 l S")
    for stream in (text, hatch):
        stream["/PatternType"] = 1
    assert _shows_text(text) and not _shows_text(hatch)
    assert "tiling pattern" in PATTERN_TEXT
