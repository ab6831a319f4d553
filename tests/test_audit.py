"""The leak audit finds a hidden item's URL, title and file names in any encoding."""
from publishing.audit import Auditor
from publishing.items import Item

HIDDEN = Item(id="reviews/2025-child-p", source="reviews/2025-child-p/index.md", path="p", section="reviews",
              title="Child P: a review of 'physical' abuse & neglect", status="published", type="lcspr",
              files=("reviews/2025-child-p/child-p-report.pdf", "reviews/2025-child-p/report.pdf"))


def scan(text: str, shared=frozenset()) -> set[str]:
    return {leak.what for leak in Auditor([HIDDEN], frozenset(shared)).scan("f.html", text)}


def test_title_in_html_json_and_with_other_case_and_line_breaks():
    assert scan("<p>child p: a review of &#39;physical&#39; abuse &amp;\n neglect</p>") == {"title"}
    assert scan('{"title": "Child P: a review of \'physical\' abuse & neglect"}') == {"title"}
    assert scan("Child P: a review of &#x27;physical&#x27; abuse &amp; neglect") == {"title"}


def test_url_forms():
    assert scan('<a href="/reviews/2025-child-p/">') == {"URL"}
    assert scan('<a href="../2025-child-p/index.html">') == {"URL"}
    assert scan('<loc>https://x.example/reviews/2025-child-p/</loc>') == {"URL"}
    assert scan('<a href="2025-child-p/">') == {"URL"}


def test_attachment_names_unless_a_public_file_shares_the_name():
    assert scan("download child-p-report.pdf now") == {"attachment file name"}
    assert scan("report.pdf", shared={"report.pdf"}) == set()
    assert scan("report.pdf") == {"attachment file name"}


def test_no_false_alarm_on_longer_names():
    assert scan("reviews/2025-child-pq/ and 2025-child-p-extra and a review of physical abuse") == set()


def test_no_hidden_items_means_nothing_to_find():
    assert Auditor([]).scan("f", "anything") == []


def test_binary_files_are_searched_for_strong_needles_only():
    auditor = Auditor([HIDDEN])
    assert auditor.scan("a.mp3", 'xx"2025-child-p/yy', binary=True) == []
    assert {l.what for l in auditor.scan("a.pdf", "reviews/2025-child-p", binary=True)} == {"URL"}
    assert {l.what for l in auditor.scan("a.html", '<a href="2025-child-p/index.html">')} == {"URL"}


def test_a_one_letter_slug_needs_its_slash():
    short = Item(id="learning/drafts/d", source="learning/drafts/d.md", path="p", section="learning",
                 title="A draft guide for practitioners", status="draft", type="briefing")
    auditor = Auditor([short])
    assert auditor.scan("a.js", 'var x = "d"; path d="M0"') == []
    assert auditor.scan("a.html", '<a href="../d/">') != []
