#!/usr/bin/env python3
"""Writes tests/data/html/: Arabic news pages in the shape of several kinds of
site (a CNN Arabic-like page, an Al Jazeera-like one, a BBC Arabic-like one,
a Saudi newspaper, an old windows-1256 page, a page with JSON-LD only, a
page with no <article>), each with the body text it is known to hold
(NAME.expected: its date and author as JSON, title, blank line, one paragraph per line). Every
article and every line of furniture here was written for these fixtures;
no site's text is copied. Two sites get two more pages sharing their
furniture, so the corpus can learn it. Run from the repository root:
python3 tools/gen_html_fixtures.py"""

import json
import os
import zlib

OUT = "tests/data/html"


def paras(ps):
    return "\n".join(f"<p>{p}</p>" for p in ps)


def links(items, cls="list"):
    return f'<ul class="{cls}">' + "".join(f'<li><a href="/n/{i}">{t}</a></li>' for i, t in enumerate(items)) + "</ul>"


ARTICLES = {
    "cnn": dict(
        title="ارتفاع منسوب مياه نهر النيل يغمر قرى في شمال السودان",
        published="2023-08-14T09:30:00+03:00",
        author="أحمد عبد الرحيم",
        body=[
            "غمرت مياه نهر النيل عشرات المنازل في قرى ولاية نهر النيل بشمال السودان، بعد ارتفاع منسوب النهر إلى مستويات لم يشهدها منذ سنوات، وفقا لما أعلنته السلطات المحلية صباح الاثنين.",
            "وقال مسؤول في الدفاع المدني إن فرق الإنقاذ أجلت نحو ألف وخمسمئة أسرة إلى مدارس ومبان حكومية في المناطق المرتفعة، مشيرا إلى أن بعض الطرق الريفية انقطعت بالكامل.",
            "وأضاف المسؤول أن المزارعين فقدوا مساحات واسعة من محاصيل الذرة والخضروات التي كانت على وشك الحصاد، وأن تقدير الخسائر سيستغرق أسابيع بعد انحسار المياه.",
            "وحذرت هيئة الأرصاد من استمرار هطول الأمطار الغزيرة على الهضبة الإثيوبية خلال الأيام المقبلة، ما يعني أن منسوب النهر قد يواصل الارتفاع حتى نهاية الشهر.",
            "ودعت منظمات إغاثة دولية إلى توفير الخيام ومياه الشرب والأدوية بشكل عاجل، محذرة من انتشار الأمراض المنقولة بالمياه في مراكز الإيواء المكتظة.",
        ],
    ),
    "jazeera": dict(
        title="مزارعو الزيتون في الجنوب يواجهون موسما صعبا بسبب الجفاف",
        published="2022-10-21T14:05:00Z",
        author="ليلى حداد",
        body=[
            "يستعد مزارعو الزيتون في القرى الجنوبية لموسم قطاف يقولون إنه الأصعب منذ عقد، بعد شتاء قليل الأمطار وصيف طويل رفع درجات الحرارة فوق معدلاتها.",
            "ويقول أبو سليم، الذي يملك بستانا ورثه عن جده، إن أشجاره أعطت نصف ما أعطته العام الماضي، وإن حبات الزيتون صغيرة وقليلة الزيت.",
            "وتشير تقديرات الجمعية التعاونية للمزارعين إلى تراجع الإنتاج بنحو أربعين في المئة، في وقت ارتفعت فيه تكاليف النقل والعمالة والأسمدة.",
            "ويخشى أصحاب المعاصر من إغلاق بعضها هذا الموسم لقلة المحصول، إذ لا تكفي الكميات المتوقعة لتغطية نفقات التشغيل.",
            "ويطالب المزارعون الجهات الرسمية بدعم مشاريع حصاد مياه الأمطار وتوفير قروض ميسرة تساعدهم على تجاوز هذه السنة.",
        ],
    ),
    "bbc": dict(
        title="علماء يرصدون نوعا نادرا من السلاحف على شاطئ في عمان",
        published="2021-06-02T07:45:00+01:00",
        author=None,
        body=[
            "رصد فريق من علماء الأحياء البحرية سلحفاة من نوع نادر تضع بيضها على شاطئ رملي في محافظة ظفار جنوبي سلطنة عمان، في مشهد لم يوثق هناك منذ أكثر من عشرين عاما.",
            "وقالت رئيسة الفريق إن السلحفاة وضعت أكثر من مئة بيضة في عش حفرته قرب خط المد، وإن المتطوعين سيحرسون الموقع ليلا حتى يفقس البيض.",
            "ويعد هذا النوع من السلاحف مهددا بالانقراض بسبب الصيد العرضي وتلوث الشواطئ بالبلاستيك وتراجع أماكن التعشيش الآمنة.",
            "ودعت السلطات المحلية زوار الشاطئ إلى إطفاء الأضواء القوية ليلا وعدم الاقتراب من الأعشاش، لأن الضوء يربك صغار السلاحف ويبعدها عن البحر.",
        ],
    ),
    "riyadh": dict(
        title="افتتاح أكبر مكتبة عامة في المنطقة الشرقية بعد أعوام من الانتظار",
        published="2024-01-09T18:00:00+03:00",
        author="فهد الشمري",
        body=[
            "افتتحت أمانة المنطقة الشرقية مساء الثلاثاء المكتبة العامة الجديدة التي تضم أكثر من مئتي ألف كتاب ومخطوطة، إضافة إلى قاعات للقراءة والبحث ومسرح صغير.",
            "وقال مدير المكتبة إن المبنى صمم ليكون مفتوحا للعائلات والطلاب، وإنه يضم جناحا خاصا لكتب الأطفال وورشا أسبوعية في الخط العربي والكتابة الإبداعية.",
            "وأوضح أن المكتبة ستعمل حتى منتصف الليل طوال أيام الأسبوع، وأن بطاقة العضوية ستكون مجانية في العام الأول.",
            "ويأتي افتتاح المكتبة ضمن خطة لتطوير المرافق الثقافية في مدن المنطقة، تشمل متاحف ومراكز فنون ومسارح جديدة.",
        ],
    ),
    "old1256": dict(
        title="بلدية المدينة تبدأ حملة لتشجير الشوارع الرئيسية",
        published="2009-03-17",
        author=None,
        body=[
            "بدأت بلدية المدينة صباح اليوم حملة واسعة لتشجير الشوارع الرئيسية والساحات العامة، بمشاركة طلاب المدارس ومتطوعين من الأحياء.",
            "وقال رئيس البلدية إن الحملة تهدف إلى زراعة عشرة آلاف شجرة خلال شهرين، مع تركيب شبكات ري بالتنقيط للحفاظ على المياه.",
            "ودعا السكان إلى العناية بالأشجار القريبة من منازلهم والإبلاغ عن أي تلف يصيبها.",
        ],
    ),
    "jsonld": dict(
        title="إطلاق قمر صناعي لرصد جودة الهواء فوق المدن العربية",
        published="2023-11-30T11:15:00+04:00",
        author="مريم الكعبي",
        body=[
            "أطلقت وكالة الفضاء قمرا صناعيا صغيرا مخصصا لرصد جودة الهواء فوق المدن العربية الكبرى، على متن صاروخ انطلق من قاعدة في آسيا الوسطى.",
            "وسيقيس القمر تركيز الغبار وثاني أكسيد النيتروجين والأوزون مرتين يوميا، ويرسل بياناته إلى مركز تحكم يتيحها للباحثين مجانا.",
            "وقال مدير المشروع إن البيانات ستساعد البلديات على فهم أسباب التلوث في ساعات الذروة ووضع خطط للحد منه.",
        ],
    ),
    "noarticle": dict(
        title="مهرجان للتمور يجذب آلاف الزوار في الواحة",
        published="2022-09-05",
        author=None,
        body=[
            "استقبل مهرجان التمور السنوي في الواحة آلاف الزوار خلال أيامه الأولى، حيث عرض المزارعون أكثر من ثلاثين صنفا من التمور المحلية.",
            "وشهد المهرجان مسابقات لأفضل إنتاج وأجمل تغليف، إلى جانب أركان للحرف اليدوية والمأكولات الشعبية.",
            "وقال المنظمون إن حجم المبيعات تجاوز توقعاتهم، وإنهم يدرسون تمديد المهرجان يومين إضافيين.",
        ],
    ),
}

# Short articles for the sibling pages of a site (same furniture).
SIBLINGS = {
    "cnn": [
        ("انقطاع الكهرباء عن أحياء في العاصمة بسبب موجة الحر", ["شهدت أحياء عدة في العاصمة انقطاعا للتيار الكهربائي استمر ساعات، بعد أن تجاوز الطلب قدرة المحطات خلال موجة الحر.", "وأعلنت شركة الكهرباء جدولا مؤقتا لتخفيف الأحمال حتى تنخفض درجات الحرارة."]),
        ("افتتاح طريق سريع يربط ميناء المدينة بالمنطقة الصناعية", ["افتتح وزير النقل طريقا سريعا بطول أربعين كيلومترا يربط الميناء بالمنطقة الصناعية، ويختصر زمن نقل البضائع إلى النصف.", "وقالت الوزارة إن الطريق سيخفف الازدحام في وسط المدينة."]),
    ],
    "jazeera": [
        ("صيادون يشكون تراجع أعداد الأسماك قرب السواحل", ["يشكو صيادون في المدن الساحلية من تراجع كميات الأسماك التي يصطادونها، ويعزون ذلك إلى الصيد الجائر وارتفاع حرارة المياه.", "وتطالب نقابة الصيادين بفرض مواسم للراحة البيولوجية."]),
        ("طلاب الجامعات يبتكرون تطبيقا لتقاسم الكتب المستعملة", ["أطلق طلاب في كلية الهندسة تطبيقا يتيح تبادل الكتب الجامعية المستعملة، لتخفيف أعباء الدراسة عن زملائهم.", "وسجل في التطبيق أكثر من ثلاثة آلاف طالب في شهره الأول."]),
    ],
}

CNN_NAV = ["الرئيسية", "الشرق الأوسط", "العالم", "اقتصاد", "علوم وتكنولوجيا", "سياحة", "رياضة", "فيديو"]
CNN_MOST = ["خمس نصائح للتغلب على الأرق في الصيف", "ماذا نعرف عن الكويكب الذي يقترب من الأرض؟", "أغلى عشر مدن للعيش في العالم هذا العام"]
JAZ_NAV = ["أخبار", "سياسة", "اقتصاد", "رياضة", "ثقافة", "تقارير", "مدونات", "حلقات"]
JAZ_READ = ["كيف تؤثر موجات الحر على المحاصيل الزراعية؟", "قرى الجبل تعود إلى زراعة القمح القديم"]
JAZ_MOST = ["أسعار الذهب تسجل مستوى قياسيا جديدا", "رحلة في أسواق المدينة القديمة", "لماذا يهاجر الشباب من الأرياف؟"]


def cnn(a, body, title):
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} - CNNArabic.com</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="CNN Arabic">
<meta property="article:published_time" content="{a['published']}">
<meta name="author" content="{a['author'] or ''}">
<link rel="canonical" href="https://arabic.cnn.example/middle-east/article/{zlib.crc32(title.encode()) % 10000}">
<script>window.dataLayer = [{{"page": "article"}}];</script>
</head><body>
<header><div class="logo">CNN بالعربية</div><nav>{links(CNN_NAV, "nav")}</nav></header>
<div class="container"><main>
<div class="byline">بقلم {a['author'] or 'فريق التحرير'}، CNN</div>
<h1>{title}</h1>
<div class="share">شارك هذا المقال <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
<div class="article-body">
{paras(body)}
<p>لمتابعة آخر الأخبار لحظة بلحظة، حمّلوا تطبيق CNN بالعربية على هواتفكم الذكية.</p>
<p><strong>الأكثر تصفحاً</strong></p>
<p>{" ".join(f'<a href="/m/{i}">{t}</a>' for i, t in enumerate(CNN_MOST))}</p>
<p>نرجو من القراء الالتزام بسياسة التعليقات وعدم نشر ما يسيء إلى الآخرين، وتحتفظ الشبكة بحق حذف أي تعليق مخالف.</p>
<p>© 2023 شبكة CNN. جميع الحقوق محفوظة.</p>
</div>
</main></div>
<footer><p>© 2023 شبكة CNN. جميع الحقوق محفوظة.</p>{links(["من نحن", "اتصل بنا", "شروط الاستخدام", "سياسة الخصوصية"], "foot")}</footer>
</body></html>
"""


def jazeera(a, body, title):
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "datePublished": a["published"], "author": {"@type": "Person", "name": a["author"]},
          "publisher": {"@type": "Organization", "name": "الجزيرة نت"}}
    half = len(body) // 2
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} | الجزيرة نت</title>
<meta property="og:title" content="{title} | الجزيرة نت">
<meta property="og:site_name" content="الجزيرة نت">
<link rel="canonical" href="https://www.aljazeera.example/ebusiness/{zlib.crc32(title.encode()) % 10000}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head><body>
<a class="skip" href="#main">انتقل إلى المحتوى</a>
<header><nav>{links(JAZ_NAV, "menu")}</nav><div class="live">البث المباشر</div></header>
<main id="main"><article>
<header><h1>{title}</h1><div class="date">٢١/١٠/٢٠٢٢</div></header>
<div class="wysiwyg">
{paras(body[:half])}
<div class="more-on"><h3>اقرأ أيضا</h3>{links(JAZ_READ)}</div>
{paras(body[half:])}
<p>تابعوا الجزيرة نت على منصات التواصل الاجتماعي لمزيد من التقارير والقصص من الميدان.</p>
</div>
<div class="article-share"><span>شارك</span> <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
<p class="source">المصدر : الجزيرة</p>
</article>
<section class="most-read"><h2>الأكثر قراءة</h2>{links(JAZ_MOST)}</section>
</main>
<footer><p>جميع الحقوق محفوظة © 2022 شبكة الجزيرة الإعلامية</p>{links(["من نحن", "الشروط والأحكام", "اتصل بنا"], "foot")}</footer>
</body></html>
"""


def bbc(a, body, title):
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} - BBC News عربي</title>
<meta property="og:title" content="{title} - BBC News عربي">
<meta property="og:site_name" content="BBC News عربي">
<meta property="og:url" content="https://www.bbc.example/arabic/science-{zlib.crc32(title.encode()) % 100000}">
</head><body>
<header><a href="/arabic">BBC News عربي</a>{links(["الرئيسية", "أخبار", "اقتصاد", "صحة", "علوم", "فيديو"], "nav")}</header>
<main role="main">
<div data-component="headline-block"><h1 id="content">{title}</h1></div>
<div data-component="timestamp-block"><time datetime="{a['published']}">٢ يونيو/ حزيران ٢٠٢١</time></div>
<figure><img src="turtle.jpg" alt=""><figcaption>صورة أرشيفية لسلحفاة بحرية</figcaption></figure>
{''.join(f'<div data-component="text-block">{paras([p])}</div>' for p in body)}
<section><h2>قصص ذات صلة</h2>{links(["الحيتان تعود إلى خليج قديم", "شعاب مرجانية تتعافى ببطء"])}</section>
<section><h2>الأكثر قراءة</h2>{links(["أسرار النوم العميق", "لماذا نحلم؟", "أقدم شجرة في العالم"])}</section>
</main>
<footer><p>© 2021 بي بي سي. بي بي سي ليست مسؤولة عن محتوى المواقع الخارجية.</p></footer>
</body></html>
"""


def riyadh(a, body, title):
    return f"""<!DOCTYPE html>
<html lang="ar"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>جريدة الرياض | {title}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="جريدة الرياض">
<meta name="author" content="{a['author']}">
<link rel="canonical" href="https://www.alriyadh.example/{zlib.crc32(title.encode()) % 1000000}">
</head><body dir="rtl">
<div id="top">{links(["محليات", "اقتصاد", "دوليات", "رياضة", "ثقافة", "كتاب وآراء"], "menu")}</div>
<div class="article-page">
<h1 class="title">{title}</h1>
<div class="info"><span class="author">{a['author']}</span> <time datetime="{a['published']}">الثلاثاء 9 يناير 2024</time></div>
<div class="tools">طباعة</div><div class="tools">نسخ الرابط</div>
<div class="article-text">
{paras(body)}
</div>
<div class="tags">الوسوم: <a href="#">مكتبات</a> <a href="#">ثقافة</a></div>
<div class="related"><h3>مواضيع ذات صلة</h3>{links(["معرض الكتاب يستقبل زواره", "مبادرة لتشجيع القراءة في المدارس"])}</div>
</div>
<div class="footer">جميع الحقوق محفوظة لمؤسسة اليمامة الصحفية 2024 ©</div>
</body></html>
"""


def old1256(a, body, title):
    return f"""<HTML dir=rtl><HEAD>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1256">
<TITLE>{title} - جريدة الأخبار المحلية</TITLE>
<META NAME="date" CONTENT="{a['published']}">
</HEAD><BODY>
<TABLE width="100%"><TR><TD class=menu><A href="/">الصفحة الرئيسية</A> | <A href="/local">محليات</A> | <A href="/sport">رياضة</A></TD></TR></TABLE>
<TABLE width="760"><TR><TD width="160" valign=top class=side><B>أخبار سريعة</B><BR><A href="/1">ارتفاع أسعار الخضار</A><BR><A href="/2">افتتاح مدرسة جديدة</A></TD>
<TD valign=top><FONT size=5><B>{title}</B></FONT><BR><BR>
{'<BR><BR>'.join(body)}
<BR><BR><A href="/print">نسخة للطباعة</A> | <A href="/send">أرسل لصديق</A>
</TD></TR></TABLE>
<CENTER>جميع الحقوق محفوظة © 2009</CENTER>
</BODY></HTML>
"""


def jsonld_only(a, body, title):
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "datePublished": a["published"], "author": [{"@type": "Person", "name": a["author"]}],
          "articleBody": "\n".join(body), "url": "https://www.space-news.example/a/77"}
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>أخبار الفضاء</title>
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<script src="/app.js"></script>
</head><body>
<div id="root"><noscript>يرجى تفعيل جافاسكربت لعرض هذه الصفحة.</noscript></div>
<div class="cookie">نستخدم ملفات تعريف الارتباط لتحسين تجربتك. <button>موافق</button></div>
</body></html>
"""


def noarticle(a, body, title):
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} - صحيفة الواحة</title>
<meta property="og:site_name" content="صحيفة الواحة">
<meta name="pubdate" content="{a['published']}">
</head><body>
<div class="header">{links(["الرئيسية", "الواحة اليوم", "منوعات", "اتصل بنا"], "menu")}</div>
<div class="wrap"><div class="col-main">
<h1>{title}</h1>
<div class="meta">نشر في ٥ سبتمبر ٢٠٢٢</div>
<div class="txt">{paras(body)}</div>
<div class="share">شارك الخبر</div>
</div>
<div class="col-side"><h4>الأكثر قراءة</h4>{links(["سوق الخضار يفتح أبوابه باكرا", "بطولة الشطرنج المدرسية", "تحذير من العواصف الرملية"])}</div></div>
<div class="foot">© صحيفة الواحة 2022</div>
</body></html>
"""


MAKERS = {"cnn": cnn, "jazeera": jazeera, "bbc": bbc, "riyadh": riyadh, "old1256": old1256,
          "jsonld": jsonld_only, "noarticle": noarticle}


def main():
    for name, a in ARTICLES.items():
        d = os.path.join(OUT, name)
        os.makedirs(d, exist_ok=True)
        html = MAKERS[name](a, a["body"], a["title"])
        encoding = "cp1256" if name == "old1256" else "utf-8"
        with open(os.path.join(d, "article.html"), "wb") as f:
            f.write(html.encode(encoding))
        with open(os.path.join(d, "article.expected"), "w", encoding="utf-8") as f:
            meta = {"published": a["published"], "author": a["author"]}
            f.write(json.dumps(meta, ensure_ascii=False) + "\n" + a["title"] + "\n\n" + "\n".join(a["body"]) + "\n")
        for i, (title, body) in enumerate(SIBLINGS.get(name, [])):
            with open(os.path.join(d, f"other{i + 1}.html"), "w", encoding="utf-8") as f:
                f.write(MAKERS[name](a, body, title))


if __name__ == "__main__":
    main()
