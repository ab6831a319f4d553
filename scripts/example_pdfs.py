#!/usr/bin/env python3
"""Write the example content's PDFs: a few pages of plausible, entirely fictional text each (no
real child, family or case), in plain PDF with the standard Helvetica font, so that every reader
(Chrome's PDFium, pypdf, the leak audit) reads them completely. Run once; the PDFs are committed.

    .venv/bin/python scripts/example_pdfs.py
"""
from __future__ import annotations

import io
import textwrap
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

ROOT = Path(__file__).resolve().parents[1]
NOTICE = ["Fictional example for the Wealdmouth Safeguarding Children",
          "Partnership publishing kit. Not a real case.", ""]
# path -> title and the lines of its first page
DOCUMENTS = {
    "content/learning/annual-reports/2024-25/wscp-annual-report-2024-25.pdf": {
        "title": "Wealdmouth Safeguarding Children Partnership annual report 2024 to 2025",
        "first": [
            "Wealdmouth Safeguarding Children",
            "Partnership annual report 2024 to",
            "2025",
            "Foreword",
            "This report sets out how the three safeguarding partners worked",
            "together in 2024 to 2025.",
            "Reviews",
            "The partnership received 6 serious incident notifications and published 2",
            "reviews."
        ]
    },
    "content/learning/webinars/working-with-fathers/working-with-fathers-slides.pdf": {
        "title": "Webinar slides: Seeing the whole family, working with fathers",
        "first": [
            "Webinar slides: Seeing the whole",
            "family, working with fathers",
            "Slides from the partnership webinar of 12 March 2026."
        ]
    },
    "content/reviews/2017-family-d/family-d-serious-case-review.pdf": {
        "title": "Serious Case Review: Family D",
        "first": [
            "Serious Case Review: Family D",
            "Summary",
            "This serious case review, commissioned under Working Together 2015,",
            "examines services to four siblings in Family D between 2013 and 2016.",
            "Findings",
            "Domestic abuse and parental alcohol misuse were assessed separately",
            "rather than together."
        ]
    },
    "content/reviews/2020-child-w/child-w-lcspr-report.pdf": {
        "title": "Local Child Safeguarding Practice Review: Child W (withdrawn)",
        "first": [
            "Local Child Safeguarding Practice",
            "Review: Child W (withdrawn)",
            "This report was withdrawn in 2022."
        ]
    },
    "content/reviews/2021-child-l/child-l-lcspr-report.pdf": {
        "title": "Local Child Safeguarding Practice Review: Child L",
        "first": [
            "Local Child Safeguarding Practice",
            "Review: Child L",
            "1. Introduction",
            "This review considers the multi-agency response to Child L, aged 7,",
            "between January 2019 and March 2020. Child L experienced chronic",
            "neglect.",
            "2. Key findings",
            "1. Professionals did not see the cumulative impact of neglect.",
            "2. School attendance concerns were not shared with health visitors.",
            "3. Escalation policies were known but not used.",
            "3. Recommendations",
            "The partnership should embed the graded care profile across agencies."
        ]
    },
    "content/reviews/2024-baby-r/baby-r-lcspr-report.pdf": {
        "title": "Local Child Safeguarding Practice Review: Baby R",
        "first": [
            "Local Child Safeguarding Practice",
            "Review: Baby R",
            "Introduction",
            "Baby R, aged 11 weeks, suffered a serious non-accidental head injury in",
            "2023.",
            "Findings",
            "Bruising in a non-mobile baby was not escalated under the partnership",
            "protocol."
        ]
    },
    "content/reviews/2024-baby-r/baby-r-practitioner-briefing.pdf": {
        "title": "Practitioner briefing: Baby R",
        "first": [
            "Practitioner briefing: Baby R",
            "Four things every practitioner should take from the review of Baby R:",
            "bruising in a baby who is not yet mobile is never normal; talk to fathers",
            "and male carers; check who lives in the household; use the escalation",
            "policy."
        ]
    },
    "content/reviews/2025-child-p/child-p-lcspr-report.pdf": {
        "title": "Local Child Safeguarding Practice Review: Child P (embargoed)",
        "first": [
            "Local Child Safeguarding Practice",
            "Review: Child P (embargoed)",
            "Embargoed until criminal proceedings conclude."
        ]
    },
    "content/reviews/2025-siblings-t/siblings-t-learning-review.pdf": {
        "title": "Learning review: Siblings T",
        "first": [
            "Learning review: Siblings T",
            "Summary",
            "A learning review of the response to criminal exploitation of two teenage",
            "siblings, T1 and T2, in 2024."
        ]
    }
}
# the pages every document goes on with ({subject}: what the document is about)
PAGES = [
    ["Background", "This document was written for the Wealdmouth Safeguarding Children Partnership, whose "
     "three safeguarding partners are Wealdmouth Borough Council, Wealdmouth Police and the Wealdmouth "
     "Integrated Care Board. It concerns {subject}. All names, places and events in it are invented to "
     "show how the publishing kit presents a partnership's work.",
     "How the work was done", "The partnership asked agencies that had been involved to provide "
     "chronologies and short reports. Practitioners and their managers took part in a learning event. "
     "Family members were invited to contribute and their views are reflected where they agreed.",
     "Agencies involved", "Children's social care; the police; the health visiting service; the GP practice; "
     "the school and its designated safeguarding lead; the emergency department; early help."],
    ["What practitioners told us", "Caseloads were high and handovers were frequent. Information was "
     "recorded in each agency's own system and not always shared. Practitioners valued the chance to talk "
     "about the case together and said that joint supervision would have helped.",
     "What the partnership will do", "1. Review the multi-agency escalation policy and publicise it.",
     "2. Offer training on professional curiosity and on seeing the whole family, fathers and male carers "
     "included.", "3. Audit the quality of information sharing at the front door within six months.",
     "4. Report progress to the partnership's executive group and publish a summary.",
     "Contact", "Wealdmouth Safeguarding Children Partnership, Civic Centre, Wealdmouth. This is an example "
     "document: please do not contact anyone about it."],
]


def lines_of(paragraphs: list[str], width: int = 88) -> list[str]:
    out = []
    for paragraph in paragraphs:
        out += textwrap.wrap(paragraph, width) or [""]
        out.append("")
    return out


def _escaped(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(title: str, pages: list[list[str]]) -> bytes:
    """A PDF of `pages` (lines of text each), Helvetica 11 pt, with `title` in its metadata."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    for number, lines in enumerate(pages, 1):
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): font})})
        shown = lines + ["", f"Page {number} of {len(pages)}"]
        text = "".join(f"({_escaped(line)}) Tj 0 -15 Td " for line in shown)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 11 Tf 56 780 Td {text}ET".encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main() -> None:
    for rel, doc in DOCUMENTS.items():
        subject = doc["title"].split(": ", 1)[-1]
        pages = [NOTICE + doc["first"]] + [lines_of([p.format(subject=subject) for p in page]) for page in PAGES]
        (ROOT / rel).write_bytes(write_pdf(doc["title"], pages))
        print(f"wrote {rel} ({len(pages)} pages)")


if __name__ == "__main__":
    main()
