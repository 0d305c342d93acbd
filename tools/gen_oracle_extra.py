#!/usr/bin/env python3
"""Write tests/data/oracle_extra.txt: mixed Arabic lines for the FriBidi oracle.

Hand-written lines first, then combinations of short fragments (numbers,
Latin words, brackets, quotes, harakat, lam-alef) so that each feature is
met in different positions. Deterministic; run from the crate root:
    python3 tools/gen_oracle_extra.py > tests/data/oracle_extra.txt
"""

HAND = [
    "أطلقت القوات 1,234.56 قذيفة خلال 24 ساعة.",
    "ارتفعت الأسعار بنسبة 50% في عام 2022.",
    "بنسبة 50%",
    "نظام الدفاع Buk-M1 الروسي (المعروف باسم SA-11) أُسقط.",
    "صاروخ NLAW السويدي المضاد للدبابات.",
    "قال: «لا تراجع» ثم غادر.",
    "قال الوزير: \"لكل متر من أرضنا – نار!\"",
    "أُعيدوا إلى بلادهم بعد عقّدت المفاوضات.",
    "هٰذا هو الخبر [عاجل] {مؤكد}.",
    "لا، ليس الآن؛ إلا إذا طلبوا ذلك؟",
    "السلام عليكم ورحمة الله وبركاته",
    "الإثنين، 14 نوفمبر/تشرين الثاني 2022 - 10:30 صباحاً",
    "عدد القتلى ٣٠ ألفًا، والجرحى ١٥٠.",
    "رقم الهاتف +380 44 123 4567 للتواصل.",
    "موقع www.example.com يقول ذلك.",
    "البريد: info@example.org (للاستفسار).",
    "المادة (3) من القرار رقم 2625/2022.",
    "درجة الحرارة -5 درجات.",
    "قُتِلَ 3 جنودٍ وَجُرِحَ 7 آخرون.",
    "مُحَمَّدٌ رَسُولُ اللَّهِ",
    "الـ 159 التابع للقوات",
    "لـ \"تاس\" : \"يقوم جنود",
    "CNN: روسيا تنسحب من خيرسون",
    "Breaking news: القوات الأوكرانية تتقدم",
    "The word «سلام» means peace.",
    "In 2022, قالت وزارة الدفاع (MoD) إن...",
    "أسلحة: HIMARS و M777 و Javelin.",
    "ظهرت صور (1/3) و(2/3) على تويتر.",
    "لأن الأمر لإيران ولآخرين.",
    "إلى أين؟ لا أدري!",
    "- نقطة أولى",
    "١. البند الأول",
    "(مقدمة)",
    "«اقتباس»",
    "[1] المصدر: رويترز.",
    "سعر الصرف 36.9 UAH للدولار.",
    "من 10 إلى 20 كم",
    "5 + 3 = 8 في الحساب",
    "٪٥٠ أو 50٪",
    "الساعة 10:45 م",
]

SUBJECTS = ["الجيش", "وزارة الدفاع", "القوات الأوكرانية", "الرئيس بوتين", "حلف NATO",
            "صحيفة \"ديلي ستار\"", "وكالة (تاس)", "المُتحدِّث"]
VERBS = ["أعلن", "قال إنّ", "نشر", "لاحظ", "أكّد"]
OBJECTS = ["مقتل 120 جندياً", "إسقاط طائرة Su-25", "تدمير 3 دبابات T-72",
           "تقدم 15 كم", "خسارة 1,500 جندي", "اتفاقاً «مؤقتاً»", "بياناً [رسمياً]",
           "تقريراً {سرياً}", "نسبة 75%", "عملية <خاصة>", "الإحصاءات لعام 2023",
           "لقاءً مع Zelensky"]

out = list(HAND)
k = 0
for s in SUBJECTS:
    for v in VERBS:
        o = OBJECTS[k % len(OBJECTS)]
        k += 1
        if k % 3 == 0:
            out.append(f"{s} {v} {o}، وفق مصادر.")
        elif k % 3 == 1:
            out.append(f"{v} {s} ({o}) اليوم.")
        else:
            out.append(f"{o}: {s} {v} ذلك؟")
for o in OBJECTS:
    out.append(f"\"{o}\" - قال المصدر لـ BBC")
    out.append(f"Report: {o} (source: وكالة)")
for i, o in enumerate(OBJECTS):
    out.append(f"عاجل | {o} | {SUBJECTS[i % len(SUBJECTS)]}")
    out.append(f"{i + 1}) {o}")
print("\n".join(out))
