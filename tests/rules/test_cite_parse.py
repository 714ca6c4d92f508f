"""Note text → citations (scripts/edition/cite_parse.py), on real notes of 000, 002 and 003."""

import pytest

from edition.cite.parse import parse_note

CORPORATE = {"United Nations General Assembly", "AI Advisory Body", "联合国大会", "정책홍보담당관실"}


def one(text):
    parsed = parse_note(text, CORPORATE)
    assert len(parsed.citations) == 1, parsed
    return parsed.citations[0]


@pytest.mark.parametrize("text, entry_type, fields", [
    pytest.param("Manyika J. and Spence M., “The Coming AI Economic Revolution”, *Foreign Affairs*, 102(6): 70–86, 2023.",
                 "article", {"title": "The Coming AI Economic Revolution", "journaltitle": "Foreign Affairs",
                             "volume": "102", "number": "6", "pages": "70-86", "date": "2023"}, id="xue-zhao-western-article"),
    pytest.param("Rotolo D., Hicks D. and Martin B. R., “What Is an Emerging Technology?” *Research Policy*, 44(10): 1827–1843, 2015.",
                 "article", {"title": "What Is an Emerging Technology?", "journaltitle": "Research Policy", "pages": "1827-1843"},
                 id="xue-zhao-question-title-no-comma"),
    pytest.param("Bareis J. and Katzenbach C., “Talking AI into Being: The Narratives and Imaginaries of National AI Strategies and Their Performative Politics”, *Science, Technology, & Human Values*, 47(5): 855–881, 2022.",
                 "article", {"journaltitle": "Science, Technology, & Human Values", "volume": "47"}, id="xue-zhao-journal-with-commas"),
    pytest.param("韩永辉、张帆、彭嘉成：“秩序重构：人工智能冲击下的全球经济治理”，《世界经济与政治》，2023年第1期",
                 "article", {"title": "秩序重构：人工智能冲击下的全球经济治理", "journaltitle": "世界经济与政治",
                             "date": "2023", "number": "1"}, id="xue-zhao-chinese-journal-quoted-title"),
    pytest.param("张蛟龙:《联合国与全球网络安全治理》,《国际问题研究》2023年第6期,第98-118页。",
                 "article", {"title": "联合国与全球网络安全治理", "journaltitle": "国际问题研究", "date": "2023",
                             "number": "6", "pages": "98-118"}, id="yan-chinese-journal-halfwidth"),
    pytest.param("张蛟龙：《联合国与全球网络安全治理》，《国际问题研究》2023年第6期，第98-118页。",
                 "article", {"title": "联合国与全球网络安全治理", "journaltitle": "国际问题研究", "pages": "98-118"},
                 id="yan-chinese-journal-fullwidth"),
    pytest.param("曾海军、张钰、苗苗:《确保人工智能服务共同利益,促进教育系统变革——〈人工智能与教育:政策制定者指南〉解读》,《中国电化教育》2022 年第 8 期,第 1-8 页。",
                 "article", {"journaltitle": "中国电化教育", "date": "2022", "number": "8", "pages": "1-8"}, id="yan-spaced-issue"),
    pytest.param("参见梅立润：《技术置换权力：人工智能时代的国家治理权力结构变化》，《武汉大学学报（哲学社会科学版）》，2023年第1期，第44—54页。",
                 "article", {"title": "技术置换权力：人工智能时代的国家治理权力结构变化", "pages": "44-54",
                             "journaltitle": "武汉大学学报（哲学社会科学版）"}, id="li-canjian-prefix"),
    pytest.param("《秘书长组建高级别咨询机构，全球39名专家共商人工智能治理》，联合国新闻网，2023年10月26日，<https://news.un.org/zh/story/2023/10/1123382>。",
                 "online", {"organization": "联合国新闻网", "date": "2023-10-26", "url": "https://news.un.org/zh/story/2023/10/1123382"},
                 id="li-chinese-web-news"),
    pytest.param("《二十国集团领导人新德里峰会宣言（摘要）》，[https://www.gov.cn/yaowen/liebiao/202309/content\\_6903173.htm](https://www.gov.cn/yaowen/liebiao/202309/content_6903173.htm)。",
                 "online", {"url": "https://www.gov.cn/yaowen/liebiao/202309/content_6903173.htm"}, id="li-markdown-link-url"),
    pytest.param("于潇清：“清华教授回忆十月底在美拜访基辛格情景：献策中美，忧心AI”，2023年11月30日，https://www.thepaper.cn/newsDetail_forward_25484784[2024-04-19]。",
                 "online", {"date": "2023-11-30", "urldate": "2024-04-19", "url": "https://www.thepaper.cn/newsDetail_forward_25484784"},
                 id="xue-zhao-access-date"),
    pytest.param("McKinsey Company, “The Economic Potential of Generative AI”, June 2023, [https://www.mckinsey.com/capabilities/mckinsey-digital/our-insights/the-economic-potential-of-generative-ai-the-next-productivity-frontier\\[2024-04-19\\]](https://www.mckinsey.com/capabilities/mckinsey-digital/our-insights/the-economic-potential-of-generative-ai-the-next-productivity-frontier[2024-04-19]).",
                 "online", {"date": "2023-06", "urldate": "2024-04-19"}, id="xue-zhao-escaped-access-date"),
    pytest.param("Daniele Rotolo, Diana Hicks, and Ben R. Martin, “What Is an Emerging Technology?” *Research Policy*, Vol.44, 2015, pp.1827-1843, <https://arxiv.org/pdf/1503.00673v2>.",
                 "article", {"volume": "44", "pages": "1827-1843", "url": "https://arxiv.org/pdf/1503.00673v2"}, id="li-vol-pp-url"),
    pytest.param("Yoshua Bengio et al., \"Managing Extreme AI Risks amid Rapid Progress,\" *Science*, Vol.384, No.6698, 2024, pp.842-845.",
                 "article", {"title": "Managing Extreme AI Risks amid Rapid Progress", "volume": "384", "number": "6698"}, id="yan-vol-no"),
    pytest.param("Russell S. J. and Norvig P., *Artificial Intelligence: A Modern Approach*, Boston: Pearson, 2020.",
                 "book", {"location": "Boston", "publisher": "Pearson", "date": "2020"}, id="xue-zhao-book"),
    pytest.param("Wahlgren P., “How to Regulate AI?” in Colonna L. and Greenstein S. eds., *Nordic Yearbook of Law and Informatics 2020–2021: Law in the Era of Artificial Intelligence*, Stockholm University: The Swedish Law and Informatics Institute, 2022.",
                 "incollection", {"title": "How to Regulate AI?", "publisher": "The Swedish Law and Informatics Institute"}, id="xue-zhao-chapter"),
    pytest.param("Casalini F. and Javier L. G., “Trade and Cross-Border Data Flows”, OECD Trade Policy Papers, OECD Publishing, No. 220, 2019.",
                 "report", {"type": "OECD Trade Policy Papers", "institution": "OECD Publishing", "number": "220"}, id="xue-zhao-working-paper"),
    pytest.param("United Nations General Assembly, \"Seizing the Opportunities of Safe, Secure and Trustworthy Artificial Intelligence Systems for Sustainable Development,\" A/78/L.49 (2024), March 11, 2024, https://documents.un.org/doc/undoc/ltd/n24/065/92/pdf/n2406592.pdf?token=JcOqaZdYOd MBhY4wyF&fe=true.",
                 "report", {"number": "A/78/L.49", "date": "2024-03-11",
                            "url": "https://documents.un.org/doc/undoc/ltd/n24/065/92/pdf/n2406592.pdf?token=JcOqaZdYOdMBhY4wyF&fe=true"},
                 id="yan-un-document"),
    pytest.param("联合国大会:《数字合作路线图》, A/74/821, 2020年5月29日, https://documents.un.org/doc/undoc/gen/n20/102/50/pdf/n2010250.pdf?token=yVBZEbDnAiHdlSEF8I&fe=true。",
                 "report", {"number": "A/74/821", "date": "2020-05-29"}, id="yan-un-document-chinese"),
    pytest.param("“US Government Commission Pushes Manhattan Project-Style AI Initiative,” Reuters, November 19, 2024, <https://www.usnews.com/news/top-news/articles/2024-11-19/us-government-commission-pushes-manhattan-project-style-ai-initiative>.",
                 "online", {"organization": "Reuters", "date": "2024-11-19"}, id="li-news-agency"),
    pytest.param("정책홍보담당관실 , \"AI 서울 정상회의 서울선언 및 의향서 ,\" 2024 년 5 월 , https://www.mofa.go.kr/www/brd/m_26779/view.do?seq=537。",
                 "online", {"title": "AI 서울 정상회의 서울선언 및 의향서", "date": "2024-05",
                            "url": "https://www.mofa.go.kr/www/brd/m_26779/view.do?seq=537"}, id="yan-korean-government-page"),
    pytest.param("鲁传颖:《警惕人工智能发展不平衡》,《人民日报》2018年4月19日,第23版。",
                 "article", {"journaltitle": "人民日报", "date": "2018-04-19", "note": "第23版"}, id="yan-newspaper"),
])
def test_parse_citation(text, entry_type, fields):
    cite = one(text)
    assert not cite.unparsed and not cite.short
    assert cite.entry_type == entry_type
    assert {k: cite.fields.get(k) for k in fields} == fields


@pytest.mark.parametrize("text, names", [
    pytest.param("Cihon P., Maas M. M. and Kemp L., “Fragmentation and the Future: Investigating Architectures for International AI Governance”, *Global Policy*, 11(5): 545–556, 2020",
                 ["Cihon, P.", "Maas, M. M.", "Kemp, L."], id="xue-zhao-surname-initials"),
    pytest.param("Peter Cihon, Matthijs Maas and Luke Kemp, \"Fragmentation and the Future: Investigating Architectures for International AI Governance,\" *Global Policy*, Vol.11, No.5, 2020, pp.545-556.",
                 ["Cihon, Peter", "Maas, Matthijs", "Kemp, Luke"], id="yan-first-last"),
    pytest.param("van Noordt C. and Misuraca G., “Artificial Intelligence for the Public Sector: Results of Landscaping the Use of AI in Government across the European Union”, *Government Information Quarterly*, 39(2): 101714, 2022.",
                 ["van Noordt, C.", "Misuraca, G."], id="xue-zhao-particle"),
    pytest.param("Robert O’ Brien, *Contesting Global Governance: Multilateral Economic Institutions and Global Social Movements*, Cambridge University Press, 2000, p.136.",
                 ["O’Brien, Robert"], id="li-apostrophe-surname"),
    pytest.param("Stone P., Brooks R., Brynjolfsson E. et al., “Artificial Intelligence and Life in 2030”, Stanford University, 2016, <https://ai100.stanford.edu/2016-report>[2024-05-07]",
                 ["Stone, P.", "Brooks, R.", "Brynjolfsson, E.", "others"], id="xue-zhao-et-al"),
    pytest.param("薛澜、赵静：《人工智能国际治理：基于技术特性与议题属性的分析》，《国际经济评论》，2024年第3期，第56页。",
                 ["{薛澜}", "{赵静}"], id="li-chinese-names-whole"),
    pytest.param("United Nations General Assembly, A/78/L.49 (2024), p.3.", ["{United Nations General Assembly}"], id="yan-corporate"),
])
def test_authors(text, names):
    assert [n.bibtex() for n in one(text).authors] == names


def test_several_works_and_prose_in_one_note():
    text = ("Cihon P., Maas M. M. and Kemp L., “Fragmentation and the Future: Investigating Architectures for International AI Governance”, *Global Policy*, 11(5): 545–556, 2020; "
            "Alter K. J. and Meunier S., “The Politics of International Regime Complexity”, *Perspectives on Politics*, 7(1): 13–24, 2009; "
            "Raustiala K. and Victor D. G., “The Regime Complex for Plant Genetic Resources”, *International Organization*, 58(2): 277–309, 2004. "
            "机制复合体主要指某一全球议题领域并行存在的多种治理机制，其特征是治理机制和治理主体多元化，彼此之间没有层级关系，不同机制在遵循原则、规制、程序等方面存在差异和冲突。")
    parsed = parse_note(text)
    assert [c.fields["date"] for c in parsed.citations] == ["2020", "2009", "2004"]
    assert parsed.prose == [text[text.index("机制复合体"):]]


def test_chinese_works_split_at_fullwidth_semicolon():
    parsed = parse_note("余南平：“新一代通用人工智能对国际关系的影响探究”，《国际问题研究》，2023年第4期；"
                        "戚凯：“ChatGPT与数字时代的国际竞争”，《国际论坛》，2023年第4期。")
    assert [c.fields["journaltitle"] for c in parsed.citations] == ["国际问题研究", "国际论坛"]


@pytest.mark.parametrize("text", [
    pytest.param("如生物技术、信息技术因具有较强的通用性而对经济社会具有明显的影响。", id="xue-zhao-prose-only"),
    pytest.param("2023年5月，上百名专家联名发起警惕人工智能的公开信，建议将人工智能风险等级与流行病、核武器并列。签署人包括OpenAI首席执行官（CEO）萨姆·奥特曼（Sam Altman）。",
                 id="xue-zhao-prose-with-date"),
])
def test_prose_only_note(text):
    parsed = parse_note(text)
    assert parsed.citations == [] and parsed.prose == [text]


@pytest.mark.parametrize("text", [
    pytest.param("中国积极支持联合国在全球人工智能治理中发挥主渠道作用,在《全球人工智能治理倡议》中明确提出积极支持在联合国框架下讨论成立国际人工智能治理机构,协调国际人工智能发展、安全与治理重大问题。",
                 id="yan-sentence-with-title"),
    pytest.param("人工智能的溢出风险挑战了以《联合国宪章》宗旨和原则为核心的国际秩序和国际体系。", id="yan-sentence-with-charter"),
    pytest.param("“利益相关方治理”的基础上，增加了“主权国家战略博弈”的内涵，并呈现出各方主体“治理敏捷性”的实践特征和趋势。",
                 id="xue-zhao-sentence-opening-with-quote"),
])
def test_prose_with_titles_or_quotes_is_prose(text):
    parsed = parse_note(text)
    assert parsed.citations == [] and parsed.prose == [text]


@pytest.mark.parametrize("text, pinpoint", [
    pytest.param("*Ibid.*, p.13.", "13", id="yan-ibid-page"),
    pytest.param("Ibid.", None, id="ibid-bare"),
    pytest.param("同上，第7页。", "7", id="tongshang-page"),
])
def test_ibid(text, pinpoint):
    cite = one(text)
    assert cite.ibid and cite.pinpoint == pinpoint


@pytest.mark.parametrize("text, pinpoint", [
    pytest.param("沈伟、赵尔雅:《数字经济背景下的人工智能国际法规制》,第 123-137 页。", "123-137", id="yan-short-chinese"),
    pytest.param("United Nations General Assembly, A/78/L.49 (2024), pp.5-6.", "5-6", id="yan-short-un"),
    pytest.param("AI Advisory Body, \"Interim Report: Governing AI for Humanity,\" p.16.", "16", id="yan-short-western"),
    pytest.param("AI Advisory Body, \"Interim Report: Governing AI for Humanity.\"", None, id="yan-short-no-page"),
])
def test_short_forms(text, pinpoint):
    cite = one(text)
    assert cite.short and not cite.unparsed and cite.pinpoint == pinpoint


def test_see_prefix_is_not_part_of_the_authors():
    cite = one("See Esmat Zaidan and Imad Antonie Lbrahim, “AI Governance in a Complex and Rapidly Changing Regularory Landscape: A Global Perspective,” *Humanities and Social Sciences Communications*, 2024, pp.1-18.")
    assert cite.authors[0].family == "Zaidan"


def test_pinpoint_of_a_book_stays_with_the_note():
    cite = one("Robert O’ Brien, *Contesting Global Governance: Multilateral Economic Institutions and Global Social Movements*, Cambridge University Press, 2000, p.136.")
    assert cite.pinpoint == "136" and "pages" not in cite.fields


def test_damaged_citation_is_unparsed_not_guessed():
    parsed = parse_note("&}quot;G7 Apulia Leaders' Communiqué,\" The White House, June 14, 2024, https://www.whitehouse.gov/briefing-room/statements-releases/2024/06/14/g7-leaders-statement-8/.")
    assert len(parsed.citations) == 1 and parsed.citations[0].unparsed


from collections import Counter

from hypothesis import given, settings, strategies as st

from edition.cite.parse import unwrap_markdown

PIECES = st.sampled_from(["薛澜、赵静", "：", ":", "《", "》", "“", "”", '"', "，", ",", "；", "; ", "2024年第3期",
                          "第56页", "p.13", "Ibid.", "同上", "See ", "参见", "*", "Global Policy", "A/78/L.49 (2024)",
                          "https://x.org/a_b", "[2024-04-19]", "。", ".", " ", "机制复合体", "Cihon P.", " and "])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_parse_note_never_drops_text(text):
    parsed = parse_note(text)
    kept = "".join(c.text for c in parsed.citations) + "".join(parsed.prose)
    wanted = Counter(ch for ch in unwrap_markdown(text) if ch.isalnum())
    assert Counter(ch for ch in kept if ch.isalnum()) == wanted
