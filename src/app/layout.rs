//! Where each pane goes for a terminal size. Pure geometry shared by drawing and mouse hit-tests.

use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};

use crate::config::LayoutSpec;

/// Below this the reader shows a short notice instead of panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
const WIDE_FROM: u16 = 120;
const MEDIUM_FROM: u16 = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    TooSmall,
    /// One pane at a time, with a tab line.
    Narrow,
    /// List | article, related links below the article (or hidden).
    Medium,
    /// List | article | related, side by side.
    Wide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
    Related,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Related];
}

/// The outer rectangle of each part; an empty `Rect` means "not shown".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub mode: Mode,
    pub whole: Rect,
    pub search: Rect,
    pub tabs: Rect,
    pub list: Rect,
    pub reader: Rect,
    pub related: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn compute(whole: Rect, shown: Pane, related_hidden: bool, spec: &LayoutSpec) -> Areas {
        let mut areas = Areas {
            mode: mode_for(whole.width, whole.height),
            whole,
            search: Rect::default(),
            tabs: Rect::default(),
            list: Rect::default(),
            reader: Rect::default(),
            related: Rect::default(),
            status: Rect::default(),
        };
        if areas.mode == Mode::TooSmall {
            return areas;
        }
        let tab_rows = u16::from(areas.mode == Mode::Narrow);
        let [search, tabs, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(tab_rows),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(whole);
        areas.search = search;
        areas.status = status;
        match areas.mode {
            Mode::Wide => {
                let related = if related_hidden { 0 } else { spec.related_width };
                let reader = 100 - spec.list_width - related;
                let [list, reader, related] = Layout::horizontal([
                    Constraint::Percentage(spec.list_width),
                    Constraint::Percentage(reader),
                    Constraint::Percentage(related),
                ])
                .areas(body);
                (areas.list, areas.reader, areas.related) = (list, reader, related);
            }
            Mode::Medium => {
                // The list keeps its share of what the list and the article have side by side.
                let list = spec.list_width * 100 / (100 - spec.related_width);
                let [list, right] =
                    Layout::horizontal([Constraint::Percentage(list), Constraint::Percentage(100 - list)])
                        .areas(body);
                areas.list = list;
                if related_hidden {
                    areas.reader = right;
                } else {
                    let [reader, related] =
                        Layout::vertical([Constraint::Percentage(65), Constraint::Percentage(35)])
                            .areas(right);
                    (areas.reader, areas.related) = (reader, related);
                }
            }
            Mode::Narrow => {
                areas.tabs = tabs;
                *areas.pane_mut(shown) = body;
            }
            Mode::TooSmall => {}
        }
        areas
    }

    pub fn pane(&self, pane: Pane) -> Rect {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Related => self.related,
        }
    }

    fn pane_mut(&mut self, pane: Pane) -> &mut Rect {
        match pane {
            Pane::List => &mut self.list,
            Pane::Reader => &mut self.reader,
            Pane::Related => &mut self.related,
        }
    }

    /// The pane under a screen position, if any.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let at = Position::new(column, row);
        Pane::ALL.into_iter().find(|pane| self.pane(*pane).contains(at))
    }

    pub fn is_visible(&self, pane: Pane) -> bool {
        !self.pane(pane).is_empty()
    }
}

pub fn mode_for(width: u16, height: u16) -> Mode {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        Mode::TooSmall
    } else if width >= WIDE_FROM {
        Mode::Wide
    } else if width >= MEDIUM_FROM {
        Mode::Medium
    } else {
        Mode::Narrow
    }
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    area.inner(Margin::new(1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_decides_the_mode() {
        assert_eq!(mode_for(120, 40), Mode::Wide);
        assert_eq!(mode_for(119, 40), Mode::Medium);
        assert_eq!(mode_for(80, 24), Mode::Medium);
        assert_eq!(mode_for(79, 24), Mode::Narrow);
        assert_eq!(mode_for(39, 24), Mode::TooSmall);
        assert_eq!(mode_for(100, 9), Mode::TooSmall);
    }

    #[test]
    fn panes_stay_inside_the_screen_at_every_size() {
        for width in 0..=130u16 {
            for height in (0..=45u16).step_by(3) {
                let whole = Rect::new(0, 0, width, height);
                for hidden in [false, true] {
                    let areas = Areas::compute(whole, Pane::Reader, hidden, &LayoutSpec::default());
                    for part in
                        [areas.search, areas.tabs, areas.list, areas.reader, areas.related, areas.status]
                    {
                        assert_eq!(whole.union(part), whole, "{part:?} outside {whole:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn narrow_shows_only_the_chosen_pane() {
        let areas = Areas::compute(Rect::new(0, 0, 60, 20), Pane::Related, false, &LayoutSpec::default());
        assert!(areas.is_visible(Pane::Related));
        assert!(!areas.is_visible(Pane::List) && !areas.is_visible(Pane::Reader));
        assert_eq!(areas.tabs.height, 1);
    }
}
