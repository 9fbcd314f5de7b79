"""Every page's <title> reads as its own title, then the site's name in the
page's language; the home page's is the site's name alone (hooks/page_meta.py)."""

from __future__ import annotations

import html
import re

import pytest

from page_meta import document_title, site_name_in
from test_sharing import SITE_URL, built_path, read, sitemap_locations

SITE_NAMES = {"zh": "大模型术语表 · LLM Glossary", "en": "LLM Glossary · 大模型术语表"}


@pytest.mark.parametrize("title, site_name, home, expected", [
    ("训练与微调", SITE_NAMES["zh"], False, "训练与微调 - 大模型术语表"),
    ("Training", SITE_NAMES["en"], False, "Training - LLM Glossary"),
    ("大模型术语表", SITE_NAMES["zh"], True, "大模型术语表 · LLM Glossary"),
    ("LLM Glossary", SITE_NAMES["en"], True, "LLM Glossary · 大模型术语表"),
    ("", "Glossary", False, "Glossary"),
], ids=["zh", "en", "zh-home", "en-home", "no-title"])
def test_document_title(title, site_name, home, expected):
    assert document_title(title, site_name, home) == expected


def titles(text: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<title>(.*?)</title>", text, re.S)]


def test_every_page_title_is_its_own_then_the_sites(site):
    for location in sitemap_locations(site):
        path = location[len(SITE_URL):]
        text = read(site, built_path(path))
        lang = "en" if path.startswith("en/") else "zh"
        (title,) = titles(text)
        if path in ("", "en/"):
            assert title == SITE_NAMES[lang], path
            continue
        heading = html.unescape(re.search(r'<meta property="og:title" content="([^"]*)"', text).group(1))
        assert title == f"{heading} - {site_name_in(SITE_NAMES[lang])}", path
        assert title.count(site_name_in(SITE_NAMES[lang])) == 1, path


def test_short_link_titles_name_the_term_then_the_site(site):
    assert titles(read(site, "t/lora/index.html")) == ["低秩适配（LoRA） - 大模型术语表"]
    assert titles(read(site, "en/t/lora/index.html")) == ["Low-Rank Adaptation (LoRA) - LLM Glossary"]
