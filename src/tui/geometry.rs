//! Where each pane goes for a terminal size: one pure function, used by
//! drawing and by mouse hit-testing alike.

use ratatui::layout::Rect;

/// The three panes, in focus (Tab) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Article,
    Entities,
}

impl Pane {
    pub const ORDER: [Pane; 3] = [Pane::List, Pane::Article, Pane::Entities];

    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "Articles",
            Pane::Article => "Article",
            Pane::Entities => "Entities",
        }
    }
}

/// Physical arrangement. `Rtl` mirrors the screen for Arabic readers: the
/// list on the right, the article in the middle, entities on the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneOrder {
    Ltr,
    Rtl,
}

impl PaneOrder {
    /// Panes from the left edge of the screen to the right.
    pub fn left_to_right(self) -> [Pane; 3] {
        match self {
            PaneOrder::Ltr => [Pane::List, Pane::Article, Pane::Entities],
            PaneOrder::Rtl => [Pane::Entities, Pane::Article, Pane::List],
        }
    }
}

/// Below this width only one pane is shown at a time.
pub const WIDE: u16 = 100;
/// Below this size the reader shows "terminal too small".
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// The screen split into panes and the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub list: Option<Rect>,
    pub article: Option<Rect>,
    pub entities: Option<Rect>,
    pub status: Rect,
    /// False when the terminal is below the minimum size.
    pub usable: bool,
}

impl Geometry {
    pub fn rect(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Article => self.article,
            Pane::Entities => self.entities,
        }
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        Pane::ORDER.into_iter().find(|&p| {
            self.rect(p)
                .is_some_and(|r| x >= r.x && x < r.right() && y >= r.y && y < r.bottom())
        })
    }

    /// True when all three panes are on screen.
    pub fn is_wide(&self) -> bool {
        self.list.is_some() && self.article.is_some() && self.entities.is_some()
    }
}

/// Splits a `width`×`height` screen. Wide screens show the three panes in
/// `order` (the entity pane a third of the screen when `wide_entities`);
/// narrow ones only the `focus`ed pane.
pub fn geometry(
    width: u16,
    height: u16,
    order: PaneOrder,
    focus: Pane,
    wide_entities: bool,
) -> Geometry {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Geometry::default();
    }
    let body = Rect::new(0, 0, width, height - 1);
    let status = Rect::new(0, height - 1, width, 1);
    let mut g = Geometry {
        status,
        usable: true,
        ..Geometry::default()
    };
    if width < WIDE {
        set(&mut g, focus, body);
        return g;
    }
    // In u32: width * 3 would overflow u16 on absurdly wide terminals.
    let list_w = (u32::from(width) * 3 / 10).clamp(24, 44) as u16;
    let entities_w = if wide_entities {
        (width / 3).clamp(30, 60)
    } else {
        (width / 6).clamp(22, 30)
    };
    let article_w = width - list_w - entities_w;
    let mut x = 0;
    for pane in order.left_to_right() {
        let w = match pane {
            Pane::List => list_w,
            Pane::Article => article_w,
            Pane::Entities => entities_w,
        };
        set(&mut g, pane, Rect::new(x, 0, w, body.height));
        x += w;
    }
    g
}

fn set(g: &mut Geometry, pane: Pane, r: Rect) {
    match pane {
        Pane::List => g.list = Some(r),
        Pane::Article => g.article = Some(r),
        Pane::Entities => g.entities = Some(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_rtl_puts_the_list_on_the_right() {
        let g = geometry(120, 40, PaneOrder::Rtl, Pane::List, false);
        let (list, article, entities) = (g.list.unwrap(), g.article.unwrap(), g.entities.unwrap());
        assert_eq!(list.right(), 120);
        assert!(entities.x == 0 && entities.right() == article.x && article.right() == list.x);
        assert_eq!(g.status, Rect::new(0, 39, 120, 1));
        assert_eq!(g.pane_at(119, 5), Some(Pane::List));
        assert_eq!(g.pane_at(0, 39), None);
    }

    #[test]
    fn narrow_shows_only_the_focused_pane() {
        let g = geometry(80, 24, PaneOrder::Rtl, Pane::Article, false);
        assert_eq!(g.article, Some(Rect::new(0, 0, 80, 23)));
        assert!(g.list.is_none() && g.entities.is_none() && !g.is_wide());
    }

    #[test]
    fn tiny_is_unusable() {
        assert!(!geometry(20, 5, PaneOrder::Ltr, Pane::List, false).usable);
        assert!(geometry(MIN_WIDTH, MIN_HEIGHT, PaneOrder::Ltr, Pane::List, false).usable);
    }

    #[test]
    fn the_entity_pane_widens_and_the_article_gives_the_room() {
        let narrow = geometry(120, 40, PaneOrder::Rtl, Pane::List, false);
        let wide = geometry(120, 40, PaneOrder::Rtl, Pane::List, true);
        let (n, w) = (narrow.entities.unwrap(), wide.entities.unwrap());
        assert_eq!((n.width, w.width), (22, 40));
        assert_eq!(narrow.list, wide.list);
        assert_eq!(
            wide.article.unwrap().width + 18,
            narrow.article.unwrap().width
        );
    }
}
