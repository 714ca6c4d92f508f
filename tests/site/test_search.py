"""Chinese search: real queries (search_queries.yaml) typed into the edition's search page find
the texts whose running text uses them, with the expected first result, its passage and the
match marked. One page load serves every query (module-scoped)."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
import yaml

from edition.site.search import plain

QUERIES = yaml.safe_load((Path(__file__).with_name("search_queries.yaml")).read_text(encoding="utf-8"))
IDS = [q["query"] for q in QUERIES]


@pytest.fixture(scope="module")
def running_text(edition):
    """Each text's running text (body and notes) as the index holds it: simplified, no markers."""
    return {d.id: "\n".join([plain(b.text) for b in d.blocks] + [plain(n.text) for n in d.notes])
            for d in edition.documents}


@pytest.mark.parametrize("item", QUERIES, ids=IDS)
def test_expectations_are_true_of_the_texts(item, running_text):
    folded = opencc.OpenCC("t2s").convert(item["query"])
    users = sorted(text_id for text_id, text in running_text.items() if folded in text)
    assert users == sorted(item["pages"])


RESULTS = """() => [...document.querySelectorAll('#ed-search-results > li > a')].map(a => ({
    href: a.getAttribute('href'),
    passage: a.querySelector('.ed-search-passage').textContent,
    marks: [...a.querySelectorAll('mark')].map(m => m.textContent)}))"""


def search(page, query: str) -> list[dict]:
    """The results of ``query`` typed into the search page (href relative to the site's root,
    passage and marked words, best first; the first fifty) and the pages listed as having results."""
    page.fill("#ed-search-input", query)
    page.wait_for_function(
        "q => { const s = document.getElementById('ed-search-status').textContent;"
        " return new URL(location).searchParams.get('q') === q && (s.includes('找到') || s.includes(q)); }",
        arg=query)
    results = page.evaluate(RESULTS)
    for result in results:
        result["href"] = result["href"].removeprefix("../")
    pages = page.eval_on_selector_all("#ed-search-texts a", "links => links.map(a => a.dataset.page)")
    return {"results": results, "pages": pages}


@pytest.fixture(scope="module")
def search_page(shared_page, site_url):
    shared_page.goto(site_url + "search/")
    return shared_page


@pytest.fixture(scope="module")
def answers(search_page) -> dict[str, dict]:
    """Every query's results, typed one after the other into the one loaded page."""
    return {item["query"]: search(search_page, item["query"]) for item in QUERIES}


@pytest.mark.site
@pytest.mark.parametrize("item", QUERIES, ids=IDS)
def test_search_answers_as_a_reader_expects(item, answers):
    results = answers[item["query"]]["results"]
    assert results, f"{item['query']}: nothing found"
    first = results[0]
    assert first["href"] == item["first"], f"{item['query']}: first result {first['href']}"
    assert set(first["marks"]) == set(item["marks"]), f"{item['query']}: marked {first['marks']}"
    assert all(r["passage"].strip() for r in results), f"{item['query']}: a result without passage"
    assert all(r["marks"] for r in results if not r["href"].startswith("glossary/")), "a passage without a mark"
    found = answers[item["query"]]["pages"]  # the list of texts with their number of results
    missing = [t for t in item["pages"] if f"texts/{t}/" not in found]
    assert not missing, f"{item['query']}: {missing} not found"
    if "first_text" in item:
        texts = [r["href"] for r in results if r["href"].startswith("texts/")]
        assert texts[0].startswith(item["first_text"]), f"{item['query']}: first text {texts[0]}"


@pytest.mark.site
def test_search_loads_its_index_only_when_used_and_from_this_site(search_page, answers, site_url):
    requests = search_page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    assert [r for r in requests if r.endswith("assets/search/index.json")] == [site_url + "assets/search/index.json"]
    assert search_page.foreign_requests == []


@pytest.mark.site
def test_results_come_fifty_at_a_time(search_page, answers):
    search(search_page, "人工")
    items = "() => document.querySelectorAll('#ed-search-results > li').length"
    assert search_page.evaluate(items) == 50
    search_page.click("#ed-search-more")
    assert search_page.evaluate(items) == 100
    assert search_page.is_visible("#ed-search-more")


@pytest.mark.site
def test_the_header_form_opens_the_search_page_with_the_query(search_page, answers, site_url):
    """On another page the header's search box is a plain form: Enter opens the search page,
    and no page but the search page fetches the index."""
    search_page.goto(site_url + "texts/cai/")
    assert "assets/search/index.json" not in search_page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => e.name).join(' ')")
    box = search_page.locator(".ed-header-search input[name=q]")
    box.fill("数据安全")
    box.press("Enter")
    search_page.wait_for_url("**/search/?q=*")
    search_page.wait_for_function("() => document.getElementById('ed-search-status').textContent.includes('找到')")
    assert search_page.evaluate(RESULTS)[0]["href"] == "../texts/cai/#p-8"
