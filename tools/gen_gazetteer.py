#!/usr/bin/env python3
"""Generate sahifa's built-in gazetteer and calendar word lists.

Run from anywhere:  python3 tools/gen_gazetteer.py
Writes (byte-identically on every run with the same inputs):
  assets/entities.json   gazetteer entries {canonical, kind, aliases}
  assets/calendar.json   month names (Gregorian, Levantine/Iraqi, Maghrebi
                         spellings) and day names

Sources
  * Unicode CLDR, through the Python `babel` package (pip install babel):
    - Arabic territory names (locale `ar`), countries only (two-letter codes),
    - Arabic exemplar city names of the time zones (~420 cities),
    - month and day names of the Arabic locales; the regional locales carry
      the Syriac month names (شباط، آذار … in ar_SY/ar_LB/ar_IQ/ar_JO) and
      the Maghrebi spellings (فبراير/فيفري، شتنبر … in ar_MA/ar_DZ/ar_TN).
    CLDR is © Unicode, Inc., under the Unicode License.
  * Debian `iso-codes` (apt install iso-codes): the ISO 3166-1 country list
    (/usr/share/iso-codes/json/iso_3166-1.json) with English names, and its
    Arabic translation (/usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo, read
    with `gettext`) which often spells a country differently from CLDR. LGPL.
  * tools/gazetteer_curated.json, written by hand: people in the news with
    spelling variants, international organisations and news agencies and
    outlets, places CLDR lacks (Ukrainian and Russian places, regions, seas,
    Middle-East cities), weapons and platforms (MISC), extra aliases for
    generated entries, and CLDR city names to drop because they are common
    Arabic words.
  * tools/gazetteer_places.tsv, written by hand: regions of countries often
    in the news, their main cities, historical and geographic regions.
  * The ج spelling of every name with غ whose Latin name has a g
    (add_g_spellings).

Entries with the same canonical name and kind are merged; aliases are
de-duplicated and sorted, entries sorted by kind then canonical name.
"""

import gettext
import json
import os
import sys

try:
    from babel import Locale
except ImportError:  # pragma: no cover - a message for the user
    sys.exit("gen_gazetteer.py needs CLDR data from babel: pip install babel")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
ISO_LOCALEDIR = "/usr/share/locale"
CURATED = os.path.join(ROOT, "tools", "gazetteer_curated.json")
PLACES = os.path.join(ROOT, "tools", "gazetteer_places.tsv")

# Arabic locales whose month names differ from `ar` in CLDR.
MONTH_LOCALES = ["ar", "ar_SY", "ar_LB", "ar_IQ", "ar_JO", "ar_PS",
                 "ar_EG", "ar_MA", "ar_DZ", "ar_TN", "ar_LY", "ar_MR"]


class Gazetteer:
    """Entries keyed by (kind, canonical), aliases kept as sets."""

    def __init__(self):
        self.entries = {}

    def add(self, canonical, kind, aliases=()):
        canonical = canonical.strip()
        if not canonical:
            return
        names = self.entries.setdefault((kind, canonical), set())
        names.update(a.strip() for a in aliases if a and a.strip())
        names.discard(canonical)

    def extend(self, canonical, aliases):
        """Adds aliases to every entry named `canonical`, whatever its kind."""
        hits = [key for key in self.entries if key[1] == canonical]
        if not hits:
            sys.exit(f"extra_aliases: no generated entry named {canonical!r}")
        for key in hits:
            self.add(canonical, key[0], aliases)

    def to_json(self):
        rows = [
            {"canonical": c, "kind": k, "aliases": sorted(a)}
            for (k, c), a in sorted(self.entries.items())
        ]
        lines = [json.dumps(r, ensure_ascii=False) for r in rows]
        return "[\n" + ",\n".join(lines) + "\n]\n"


def add_countries(gaz, ar):
    """CLDR territory names plus iso-codes Arabic and English names."""
    iso = json.load(open(ISO_JSON, encoding="utf-8"))["3166-1"]
    tr = gettext.translation("iso_3166-1", localedir=ISO_LOCALEDIR,
                             languages=["ar"])
    for country in iso:
        code = country["alpha_2"]
        cldr = ar.territories.get(code)
        iso_ar = tr.gettext(country["name"])
        canonical = cldr or iso_ar
        aliases = {iso_ar, country["name"], country.get("common_name", "")}
        gaz.add(canonical, "LOCATION", aliases)


def add_cities(gaz, ar, drop):
    """Exemplar cities of CLDR time zones (Arabic names, English from the id)."""
    for tz, data in sorted(ar.time_zones.items()):
        city = data.get("city")
        if not city or city in drop or "/" not in tz:
            continue
        english = tz.rsplit("/", 1)[1].replace("_", " ")
        gaz.add(city, "LOCATION", [english])


def add_curated(gaz, curated):
    for e in curated["entries"]:
        gaz.add(e["canonical"], e["kind"], e.get("aliases", []))
    for canonical, aliases in sorted(curated["extra_aliases"].items()):
        gaz.extend(canonical, aliases)


def add_places(gaz):
    """tools/gazetteer_places.tsv: Arabic name, English name, other Arabic
    spellings separated by «،»."""
    for n, line in enumerate(open(PLACES, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or not fields[1]:
            sys.exit(f"{PLACES}:{n}: expected «Arabic<tab>English<tab>spellings»")
        arabic, english, others = fields
        gaz.add(arabic, "LOCATION", [english, *others.split("،")])


def add_g_spellings(gaz):
    """Arabic writes the /g/ of foreign names as غ or as ج (Egyptian-style:
    «هونغ كونغ» and «هونج كونج», «بلغاريا» and «بلجاريا»). Each entry
    whose Latin name has a g gets the ج spelling of every Arabic name with
    غ; entries with no g in their Latin name (المغرب, Morocco) keep their
    غ, which there is a real ghain, and so do those whose Latin name writes
    it gh (غانا, Ghana; بنغازي, Benghazi)."""
    for (kind, canonical), aliases in sorted(gaz.entries.items()):
        names = [canonical, *sorted(aliases)]
        latin = [n.lower() for n in names if n.isascii()]
        if not any("g" in n for n in latin) or any("gh" in n for n in latin):
            continue
        variants = [n.replace("غ", "ج") for n in names if "غ" in n]
        gaz.add(canonical, kind, variants)


def calendar(curated):
    """Month names per month number across Arabic locales, day names, and
    the Hijri months (hand-written in the curated file: babel has no
    Islamic calendar names)."""
    months = []
    for number in range(1, 13):
        names = []
        for code in MONTH_LOCALES:
            loc = Locale.parse(code)
            for context in ("format", "stand-alone"):
                name = loc.months[context]["wide"][number]
                if name not in names:
                    names.append(name)
        months.append({"number": number, "names": names})
    ar = Locale.parse("ar")
    # babel numbers days from Monday = 0; list them Sunday first.
    days = [ar.days["format"]["wide"][(i + 6) % 7] for i in range(7)]
    hijri = [{"number": i + 1, "names": names}
             for i, names in enumerate(curated["hijri_months"])]
    data = {"source": "Unicode CLDR via babel; Hijri months from "
                      "tools/gazetteer_curated.json; see tools/gen_gazetteer.py",
            "months": months, "days": days, "hijri_months": hijri,
            "ambiguous_hijri_months": curated["ambiguous_hijri_months"]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main():
    curated = json.load(open(CURATED, encoding="utf-8"))
    ar = Locale.parse("ar")
    gaz = Gazetteer()
    add_countries(gaz, ar)
    add_cities(gaz, ar, set(curated["drop_cldr_cities"]))
    add_curated(gaz, curated)
    add_places(gaz)
    add_g_spellings(gaz)
    outputs = {
        os.path.join(ROOT, "assets", "entities.json"): gaz.to_json(),
        os.path.join(ROOT, "assets", "calendar.json"): calendar(curated),
    }
    for path, text in outputs.items():
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    kinds = {}
    for kind, _ in gaz.entries:
        kinds[kind] = kinds.get(kind, 0) + 1
    print("entities.json:", len(gaz.entries), "entries", dict(sorted(kinds.items())))


if __name__ == "__main__":
    main()
