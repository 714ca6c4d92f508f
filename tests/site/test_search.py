"""Chinese search: real queries (search_queries.yaml) find the texts whose running text uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
QUERIES = yaml.safe_load((Path(__file__).with_name("search_queries.yaml")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def running_text(edition):
    """Each text's running text (body and notes), simplified."""
    texts = {}
    for document in edition.documents:
        parts = [b.text for b in document.blocks] + [n.text for n in document.notes]
        texts[document.id] = "\n".join(parts)
    return texts


@pytest.mark.parametrize("item", QUERIES, ids=[q["query"] for q in QUERIES])
def test_expectations_are_true_of_the_texts(item, running_text):
    users = sorted(text_id for text_id, text in running_text.items() if item["query"] in text)
    assert users == sorted(item["pages"])


RESULT_META = "document.querySelector('.md-search-result__meta').textContent"


def search(page, site_url: str, query: str) -> list[str]:
    """The result pages (paths such as ``texts/yan/``), best first, of a search typed into
    Material; the page is loaded once and the field emptied between queries."""
    if not page.url.startswith(site_url):
        page.goto(site_url)
    field = page.locator("input.md-search__input")
    field.click()
    # empty first: the meta line goes back to its prompt, so the next result is this query's
    field.fill("")
    field.press("End")
    page.wait_for_function(f"() => !({RESULT_META}).includes('结果')")
    # CJK typed with type() arrives as insertText and does not trigger the search: fill, then a key
    field.fill(query)
    field.press("End")
    # the meta line reads "找到 1 个…结果", "# 个…结果" or "没有找到…结果" once the query has run
    page.wait_for_function(f"() => ({RESULT_META}).includes('结果')")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link",
        "links => links.map(a => a.getAttribute('href'))")
    pages: list[str] = []
    for href in hrefs:
        path = href.replace(site_url, "").split("?")[0].split("#")[0]
        if path not in pages:
            pages.append(path)
    return pages


@pytest.mark.site
@pytest.mark.parametrize("item", QUERIES, ids=[q["query"] for q in QUERIES])
def test_search_finds_the_texts(item, shared_page, site_url):
    page = shared_page
    found = search(page, site_url, item["query"])
    expected = [f"texts/{text_id}/" for text_id in item["pages"]]
    missing = [p for p in expected if p not in found]
    assert not missing, f"{item['query']}: {missing} not among {found}"
    if item.get("top"):
        # the first text found uses the term (the introduction may quote it as an example)
        texts = [p for p in found if p.startswith("texts/")]
        assert texts[0] in expected, f"{item['query']}: first text found is {texts[0]}"
    assert page.foreign_requests == []
