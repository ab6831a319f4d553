"""mkdocs.yml read as data, for tools that do not run the engine (`make report`): the same
plain `SiteConfig` the engine adapter gives the build, so both see the same problems."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import yaml

from lscp_kit.problems import Problem

CONFIG = "mkdocs.yml"


@dataclass(frozen=True)
class SiteConfig:
    """What the build needs from the engine's configuration, as plain data."""

    project: Path
    site_name: str
    site_url: str | None
    site_dir: Path
    extra: Mapping
    theme_values: tuple = ()  # extra_css, extra_javascript, logo, favicon: anything naming assets/
    markdown_extensions: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()


class _Loader(yaml.SafeLoader):
    """Safe YAML that reads engine tags (`!ENV`, `!!python/name:`) as their plain value."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def _names(entries) -> tuple[str, ...]:
    """Extension or plugin names from a list of names or one-key mappings."""
    out = []
    for entry in entries or []:
        out += list(entry) if isinstance(entry, dict) else [str(entry)]
    return tuple(out)


def read(project: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """The project's site configuration, or the problem that stops it being read."""
    try:
        data = yaml.load((project / CONFIG).read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        return None, [Problem(CONFIG, "file", f"cannot be read ({type(err).__name__}): fix it or restore it "
                              f"from git (git checkout {CONFIG})")]
    if not isinstance(data, dict):
        return None, [Problem(CONFIG, "file", "is not a list of settings: restore it from git")]
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    return SiteConfig(project=project, site_name=str(data.get("site_name") or ""), site_url=data.get("site_url"),
                      site_dir=project / str(data.get("site_dir") or "site"), extra=extra,
                      theme_values=(data.get("extra_css") or [], data.get("extra_javascript") or [],
                                    theme.get("logo"), theme.get("favicon")),
                      markdown_extensions=_names(data.get("markdown_extensions")),
                      plugins=_names(data.get("plugins"))), []


# Files mkdocs.yml adds to every page that can show text no reading of a file shows: a script
# can write any words when the page is viewed (document.title = atob(...)), a stylesheet can
# draw them (content: "...") or hide the page's own. The audit cannot check either: refused.
_VIEW_CODE = {
    "extra_javascript": "runs in every page and can write any text there when it is viewed, which no reading of "
                        "the published files shows, so the leak audit cannot check it. Remove extra_javascript from "
                        f"{CONFIG}: the kit's theme already provides search and the feeds; for analytics use the "
                        "theme's extra.analytics setting",
    "extra_css": "restyles every page: a stylesheet can draw text that is in no page (content: \"...\") or hide "
                 "the page's own, so the leak audit cannot check it. Remove extra_css from "
                 f"{CONFIG}: set the colours with extra.brand and the logo with extra.partnership.logo",
}


def view_code_problems(config: SiteConfig, text: str = "") -> list[Problem]:
    """`extra_javascript` and `extra_css` in mkdocs.yml, refused (`text`: the file, for line numbers)."""
    values = dict(zip(("extra_css", "extra_javascript"), config.theme_values))
    problems = []
    for key, why in _VIEW_CODE.items():
        files = [str(f) for f in values.get(key) or []]
        if files:
            line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith(f"{key}:")), None)
            where = f" (line {line})" if line else ""
            problems.append(Problem(CONFIG, key, f"{', '.join(files)}{where} {why}"))
    return problems
