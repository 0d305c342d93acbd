//! Dates feed-rs cannot read. feed-rs knows RFC 2822 and RFC 3339; Arabic
//! sites also write «الثلاثاء 14 مايو 2024 - 09:15» or «١٤ أيار ٢٠٢٤» in
//! `pubDate`. Those items come back from feed-rs without a date; this
//! reads each item's raw date elements, in document order, and hands them
//! to the corpus's date parser, the one that reads dates in files.

use super::item::FeedItem;
use quick_xml::events::Event;
use quick_xml::Reader;

/// Elements that date an item, by local name (RSS, Dublin Core, Atom).
const DATE_ELEMENTS: &[&str] = &["pubDate", "date", "published", "updated", "issued"];

/// Fills in `items`' missing dates from the raw dates of `xml`'s items,
/// when the two lists line up (the same number of items).
pub fn fill_missing(xml: &str, items: &mut [FeedItem]) {
    if items.iter().all(|i| i.published.is_some()) {
        return;
    }
    let raw = raw_item_dates(xml);
    if raw.len() != items.len() {
        return;
    }
    for (item, raw) in items.iter_mut().zip(raw) {
        if item.published.is_none() {
            item.published = raw.as_deref().and_then(crate::corpus::date::normalise_date);
        }
    }
}

/// The first date element's text of each `<item>` / `<entry>`, in order.
fn raw_item_dates(xml: &str) -> Vec<Option<String>> {
    let mut reader = Reader::from_str(xml);
    let mut dates: Vec<Option<String>> = Vec::new();
    let mut depth_in_item = 0usize;
    let mut reading: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let local = e.local_name();
                let name: &str = local.as_ref();
                if matches!(name, "item" | "entry") && depth_in_item == 0 {
                    dates.push(None);
                    depth_in_item = 1;
                    continue;
                }
                if depth_in_item > 0 {
                    depth_in_item += 1;
                    let wanted =
                        dates.last().is_some_and(Option::is_none) && DATE_ELEMENTS.contains(&name);
                    if wanted {
                        reading = Some(String::new());
                    }
                }
            }
            Ok(Event::Text(t)) => {
                if let Some(text) = reading.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(text) = reading.as_mut() {
                    let cdata: &str = t.as_ref();
                    text.push_str(cdata);
                }
            }
            Ok(Event::End(_)) => {
                if let Some(text) = reading.take() {
                    let text = text.trim().to_string();
                    if let Some(slot) = dates.last_mut() {
                        *slot = (!text.is_empty()).then_some(text);
                    }
                }
                depth_in_item = depth_in_item.saturating_sub(1);
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use url::Url;

    #[test]
    fn arabic_dates_are_read_by_the_corpus_parser() {
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>ق</title>\
            <item><title>أ</title><guid>1</guid><pubDate>الثلاثاء 14 مايو 2024</pubDate></item>\
            <item><title>ب</title><guid>2</guid><pubDate>Tue, 14 May 2024 09:15:00 +0300</pubDate></item>\
            <item><title>ج</title><guid>3</guid><pubDate>١١ آب ٢٠١٥ 13:44</pubDate></item>\
            <item><title>د</title><guid>4</guid><pubDate>قريبا</pubDate></item>\
            </channel></rss>";
        let url = Url::parse("http://127.0.0.1/rss").unwrap();
        let feed = super::super::parse_feed(rss.as_bytes(), None, &url).unwrap();
        let dates: Vec<Option<&str>> = feed.items.iter().map(|i| i.published.as_deref()).collect();
        assert_eq!(
            dates,
            [
                Some("2024-05-14"),
                Some("2024-05-14T06:15:00Z"),
                Some("2015-08-11T13:44:00"),
                None
            ]
        );
    }
}
