//! Names cut to fit a narrow column so that two names stay apart: «البنك
//! المركزي الأوروبي» and «البنك المركزي الروسي» both cut at the end would
//! read the same; cut in the middle, their last words still tell them apart.

use unicode_width::UnicodeWidthStr;

const ELLIPSIS: char = '…';

/// Each name as it fits `room` cells: whole when it fits, else its start,
/// "…" and its last words, with more last words kept while two cut names
/// still read the same. A name that cannot be cut so (one long word) is
/// left whole for the caller's layout to cut at its end.
pub fn distinct_cuts(names: &[&str], room: usize) -> Vec<String> {
    let mut tails = vec![1; names.len()];
    let mut cut: Vec<String> = names.iter().map(|n| fit(n, room, 1)).collect();
    for _ in 0..4 {
        let mut changed = false;
        for i in 0..names.len() {
            let clash =
                (0..names.len()).any(|j| j != i && cut[j] == cut[i] && names[j] != names[i]);
            if clash && tails[i] + 1 < names[i].split_whitespace().count() {
                tails[i] += 1;
                cut[i] = fit(names[i], room, tails[i]);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    cut
}

/// `name` in `room` cells keeping its last `tail_words` words.
fn fit(name: &str, room: usize, tail_words: usize) -> String {
    if name.width() <= room {
        return name.to_string();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 || tail_words >= words.len() {
        return name.to_string();
    }
    let tail = words[words.len() - tail_words..].join(" ");
    let Some(budget) = room.checked_sub(tail.width() + 1) else {
        return name.to_string();
    };
    // As many whole leading words as fit; else as many letters.
    let mut head = String::new();
    for w in &words[..words.len() - tail_words] {
        let next = if head.is_empty() {
            w.to_string()
        } else {
            format!("{head} {w}")
        };
        if next.width() > budget {
            break;
        }
        head = next;
    }
    if head.is_empty() {
        for c in name.chars() {
            if head.width() + c.to_string().width() > budget {
                break;
            }
            head.push(c);
        }
    }
    format!("{}{ELLIPSIS}{tail}", head.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_banks_stay_apart() {
        let names = ["البنك المركزي الأوروبي", "البنك المركزي الروسي", "كييف"];
        let cut = distinct_cuts(&names, 16);
        assert_eq!(cut[0], "البنك…الأوروبي");
        assert_eq!(cut[1], "البنك…الروسي");
        assert_eq!(cut[2], "كييف");
        for c in &cut {
            assert!(c.width() <= 16, "{c}");
        }
    }

    #[test]
    fn more_last_words_when_one_is_not_enough() {
        // The last word alone gives «وزارة…الروسية» twice; one more word
        // for the first is enough to tell them apart.
        let names = ["وزارة الدفاع الروسية", "وزارة الخارجية الروسية"];
        let cut = distinct_cuts(&names, 18);
        assert_eq!(cut, ["وزا…الدفاع الروسية", "وزارة…الروسية"]);
    }

    #[test]
    fn one_long_word_is_left_for_the_layout_to_cut() {
        assert_eq!(distinct_cuts(&["Zaporizhzhia"], 5), ["Zaporizhzhia"]);
        assert_eq!(distinct_cuts(&["a b"], 10), ["a b"]);
    }
}
