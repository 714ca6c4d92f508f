from hypothesis import given, strategies as st

from edition.markers import PROTECTED, URL, outside_protected


def test_url_stops_before_chinese_punctuation():
    text = "网址为https://www.cac.gov.cn/2023-10/18/c_1699291032884978.htm。"
    assert URL.search(text).group(0) == "https://www.cac.gov.cn/2023-10/18/c_1699291032884978.htm"


@given(st.text(alphabet="人工,:;()ab ⟦⟧page12[^]", max_size=40))
def test_protected_spans_come_through(text):
    result = outside_protected(lambda s: s.replace(",", "，"), text)
    assert [m.group(0) for m in PROTECTED.finditer(result)] == [m.group(0) for m in PROTECTED.finditer(text)]


def test_markers_untouched():
    text = "发展,⟦page 2⟧另一方面[^3],见https://a.org/x,y"
    assert outside_protected(lambda s: s.replace(",", "，"), text) == "发展，⟦page 2⟧另一方面[^3]，见https://a.org/x,y"
