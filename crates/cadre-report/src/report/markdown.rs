//! Markdown (CommonMark with tables and strikethrough) as typed blocks for
//! the report data. The template lays the blocks out; nothing of the text is
//! ever evaluated as Typst markup, so `#read("/etc/passwd")`, `$x^2$` and raw
//! HTML print as written. HTML comments (`<!-- … -->`) are left out: the
//! narrative skeleton puts its reminders in them.

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag};
use serde::Serialize;

/// A block of a narrative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// Its text.
        inlines: Vec<Inline>,
    },
    /// A heading, `level` 1 for `#`: the template nests it under the
    /// section the narrative belongs to.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Its text.
        inlines: Vec<Inline>,
    },
    /// A bulleted or numbered list.
    List {
        /// The first number of a numbered list; none for bullets.
        start: Option<u64>,
        /// The items, each a sequence of blocks.
        items: Vec<Vec<Block>>,
    },
    /// A block quote.
    Quote {
        /// What it quotes.
        blocks: Vec<Block>,
    },
    /// A table: a header row and body rows of cells.
    Table {
        /// Each column's alignment: `left`, `center`, `right` or `none`.
        align: Vec<&'static str>,
        /// The header cells.
        header: Vec<Vec<Inline>>,
        /// The body rows.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A code block or a block of raw HTML, printed as written.
    Code {
        /// The text.
        text: String,
    },
    /// A thematic break.
    Rule,
}

/// A piece of text in a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text, printed as written.
    Text {
        /// The text.
        text: String,
    },
    /// Emphasis.
    Emph {
        /// What is emphasised.
        inlines: Vec<Inline>,
    },
    /// Strong emphasis.
    Strong {
        /// What is emphasised.
        inlines: Vec<Inline>,
    },
    /// Struck through.
    Strike {
        /// What is struck.
        inlines: Vec<Inline>,
    },
    /// Inline code, printed as written.
    Code {
        /// The text.
        text: String,
    },
    /// A link.
    Link {
        /// Where it goes.
        url: String,
        /// Its text.
        inlines: Vec<Inline>,
    },
    /// A hard line break.
    Break,
}

/// An element being read: what a `Start` opened, closed by its `End`.
enum Frame {
    /// Blocks: the document, a quote, a list item, a footnote.
    Blocks {
        kind: BlocksKind,
        blocks: Vec<Block>,
        /// Text outside any paragraph (the items of a tight list).
        loose: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Table {
        align: Vec<&'static str>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// The header row or a body row.
    Row {
        head: bool,
        cells: Vec<Vec<Inline>>,
    },
    Cell(Vec<Inline>),
    Span(SpanKind, Vec<Inline>),
    /// A code block, as text.
    Text(String),
    /// A block of raw HTML, as text less its comments.
    Html(String),
    /// Anything else (metadata): its content is dropped.
    Skip,
    /// A quote, list or emphasis nested deeper than [`MAX_DEPTH`]: its
    /// content goes to the element around it, so that no input can nest
    /// the data (and the template's recursion) without end.
    Transparent,
}

/// How deep quotes, lists and emphasis nest before their content is
/// flattened into the element around them.
pub const MAX_DEPTH: usize = 16;

#[derive(Clone, Copy, PartialEq, Eq)]
enum BlocksKind {
    Document,
    Quote,
    Item,
    Footnote,
}

enum SpanKind {
    Emph,
    Strong,
    Strike,
    Link(String),
    /// An image cannot be shown: its description and address print as text.
    Image(String),
}

/// `blocks` with their headings renumbered to nest without a gap: the
/// first is level 1, and each is at most one level deeper than the one
/// before it, keeping the officer's order of depth (`##` then `####`
/// becomes 1 then 2). The template adds the level of the section the
/// narrative sits in, so an accessible PDF (PDF/UA), whose heading levels
/// must be consecutive, takes any narrative.
pub fn nested(mut blocks: Vec<Block>) -> Vec<Block> {
    let mut open: Vec<u8> = Vec::new();
    renumber(&mut blocks, &mut open);
    blocks
}

/// Renumbers the headings of `blocks` in document order; `open` holds the
/// written levels of the headings still open, outermost first.
fn renumber(blocks: &mut [Block], open: &mut Vec<u8>) {
    for b in blocks {
        match b {
            Block::Heading { level, .. } => {
                while open.last().is_some_and(|l| *l >= *level) {
                    open.pop();
                }
                open.push(*level);
                *level = open.len() as u8;
            }
            Block::List { items, .. } => {
                for item in items {
                    renumber(item, open);
                }
            }
            Block::Quote { blocks } => renumber(blocks, open),
            _ => {}
        }
    }
}

/// The blocks of a Markdown text.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut stack = vec![Frame::Blocks {
        kind: BlocksKind::Document,
        blocks: Vec::new(),
        loose: Vec::new(),
    }];
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => {
                let frame = if stack.len() >= MAX_DEPTH && nests(&tag) {
                    Frame::Transparent
                } else {
                    open(tag)
                };
                stack.push(frame);
            }
            Event::End(_) => {
                // Events are balanced: every End closes the latest Start.
                if stack.len() > 1
                    && let Some(frame) = stack.pop()
                {
                    close(frame, &mut stack);
                }
            }
            Event::Text(t) => text(&mut stack, &t),
            Event::Code(t) => push_inline(
                &mut stack,
                Inline::Code {
                    text: t.into_string(),
                },
            ),
            Event::InlineMath(t) | Event::DisplayMath(t) => text(&mut stack, &t),
            Event::Html(h) | Event::InlineHtml(h) => match stack.last_mut() {
                // A block's lines arrive one by one: comments are cut at its end.
                Some(Frame::Html(buffer)) => buffer.push_str(&h),
                _ => text(&mut stack, &without_comments(&h)),
            },
            Event::FootnoteReference(label) => text(&mut stack, &format!("[^{label}]")),
            Event::SoftBreak => text(&mut stack, " "),
            Event::HardBreak => push_inline(&mut stack, Inline::Break),
            Event::Rule => push_block(&mut stack, Block::Rule),
            Event::TaskListMarker(done) => text(&mut stack, if done { "☑ " } else { "☐ " }),
        }
    }
    while stack.len() > 1 {
        if let Some(frame) = stack.pop() {
            close(frame, &mut stack);
        }
    }
    match stack.pop() {
        Some(Frame::Blocks {
            mut blocks, loose, ..
        }) => {
            flush(&mut blocks, loose);
            blocks
        }
        _ => Vec::new(),
    }
}

/// HTML less its comments (`<!-- … -->`); an unclosed comment runs to the end.
fn without_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start + 4..].find("-->") {
            Some(end) => rest = &rest[start + 4 + end + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Whether an element can nest without end (quotes, lists, emphasis).
fn nests(tag: &Tag) -> bool {
    match tag {
        Tag::BlockQuote(_)
        | Tag::List(_)
        | Tag::Item
        | Tag::FootnoteDefinition(_)
        | Tag::Emphasis
        | Tag::Strong
        | Tag::Strikethrough
        | Tag::Link { .. }
        | Tag::Image { .. }
        | Tag::Superscript
        | Tag::Subscript
        | Tag::DefinitionList
        | Tag::DefinitionListTitle
        | Tag::DefinitionListDefinition => true,
        Tag::Paragraph
        | Tag::Heading { .. }
        | Tag::CodeBlock(_)
        | Tag::HtmlBlock
        | Tag::Table(_)
        | Tag::TableHead
        | Tag::TableRow
        | Tag::TableCell
        | Tag::MetadataBlock(_) => false,
    }
}

fn open(tag: Tag) -> Frame {
    let blocks = |kind| Frame::Blocks {
        kind,
        blocks: Vec::new(),
        loose: Vec::new(),
    };
    match tag {
        Tag::Paragraph => Frame::Paragraph(Vec::new()),
        Tag::Heading { level, .. } => Frame::Heading(level as u8, Vec::new()),
        Tag::BlockQuote(_) => blocks(BlocksKind::Quote),
        Tag::CodeBlock(_) => Frame::Text(String::new()),
        Tag::HtmlBlock => Frame::Html(String::new()),
        Tag::List(start) => Frame::List {
            start,
            items: Vec::new(),
        },
        Tag::Item => blocks(BlocksKind::Item),
        Tag::FootnoteDefinition(_) => blocks(BlocksKind::Footnote),
        Tag::Table(align) => Frame::Table {
            align: align
                .iter()
                .map(|a| match a {
                    Alignment::None => "none",
                    Alignment::Left => "left",
                    Alignment::Center => "center",
                    Alignment::Right => "right",
                })
                .collect(),
            header: Vec::new(),
            rows: Vec::new(),
        },
        Tag::TableHead => Frame::Row {
            head: true,
            cells: Vec::new(),
        },
        Tag::TableRow => Frame::Row {
            head: false,
            cells: Vec::new(),
        },
        Tag::TableCell => Frame::Cell(Vec::new()),
        Tag::Emphasis => Frame::Span(SpanKind::Emph, Vec::new()),
        Tag::Strong => Frame::Span(SpanKind::Strong, Vec::new()),
        Tag::Strikethrough => Frame::Span(SpanKind::Strike, Vec::new()),
        Tag::Link { dest_url, .. } => {
            Frame::Span(SpanKind::Link(dest_url.into_string()), Vec::new())
        }
        Tag::Image { dest_url, .. } => {
            Frame::Span(SpanKind::Image(dest_url.into_string()), Vec::new())
        }
        Tag::Superscript
        | Tag::Subscript
        | Tag::DefinitionList
        | Tag::DefinitionListTitle
        | Tag::DefinitionListDefinition => blocks(BlocksKind::Quote),
        Tag::MetadataBlock(_) => Frame::Skip,
    }
}

/// Ends `frame` and gives what it made to the frame below.
fn close(frame: Frame, stack: &mut [Frame]) {
    match frame {
        Frame::Paragraph(inlines) => push_block(stack, Block::Paragraph { inlines }),
        Frame::Heading(level, inlines) => push_block(stack, Block::Heading { level, inlines }),
        Frame::Blocks {
            kind,
            mut blocks,
            loose,
        } => {
            flush(&mut blocks, loose);
            match kind {
                BlocksKind::Item => {
                    if let Some(Frame::List { items, .. }) = stack.last_mut() {
                        items.push(blocks);
                    } else {
                        push_block(stack, Block::Quote { blocks });
                    }
                }
                BlocksKind::Quote | BlocksKind::Footnote => {
                    push_block(stack, Block::Quote { blocks })
                }
                BlocksKind::Document => push_block(stack, Block::Quote { blocks }),
            }
        }
        Frame::List { start, items } => push_block(stack, Block::List { start, items }),
        Frame::Table {
            align,
            header,
            rows,
        } => push_block(
            stack,
            Block::Table {
                align,
                header,
                rows,
            },
        ),
        Frame::Row { head, cells } => {
            if let Some(Frame::Table { header, rows, .. }) = stack.last_mut() {
                if head {
                    *header = cells;
                } else {
                    rows.push(cells);
                }
            }
        }
        Frame::Cell(inlines) => {
            if let Some(Frame::Row { cells, .. }) = stack.last_mut() {
                cells.push(inlines);
            }
        }
        Frame::Span(kind, inlines) => {
            let inline = match kind {
                SpanKind::Emph => Inline::Emph { inlines },
                SpanKind::Strong => Inline::Strong { inlines },
                SpanKind::Strike => Inline::Strike { inlines },
                SpanKind::Link(url) if linkable(&url) => Inline::Link { url, inlines },
                // Any other address prints as text, after the link's words.
                SpanKind::Link(url) => {
                    let mut shown = inlines;
                    if !url.trim().is_empty() {
                        shown.push(Inline::Text {
                            text: format!(" ({url})"),
                        });
                    }
                    Inline::Emph { inlines: shown }
                }
                SpanKind::Image(url) => {
                    let mut shown = inlines;
                    shown.push(Inline::Text {
                        text: format!(" ({url})"),
                    });
                    Inline::Emph { inlines: shown }
                }
            };
            push_inline(stack, inline);
        }
        Frame::Text(text) => push_block(
            stack,
            Block::Code {
                text: text.trim_end_matches('\n').to_owned(),
            },
        ),
        Frame::Html(html) => {
            let text = without_comments(&html);
            if !text.trim().is_empty() {
                push_block(
                    stack,
                    Block::Code {
                        text: text.trim_end_matches('\n').to_owned(),
                    },
                );
            }
        }
        Frame::Skip | Frame::Transparent => {}
    }
}

/// The frame that takes text: the innermost one that can hold it (frames
/// flattened past [`MAX_DEPTH`] give theirs to the one around them).
fn target(stack: &mut [Frame]) -> Option<&mut Frame> {
    stack.iter_mut().rev().find(|f| {
        matches!(
            f,
            Frame::Paragraph(_)
                | Frame::Heading(..)
                | Frame::Cell(_)
                | Frame::Span(..)
                | Frame::Blocks { .. }
                | Frame::Text(_)
                | Frame::Html(_)
                | Frame::Skip
        )
    })
}

/// Whether a link's address may become a link in the PDF: a web or mail
/// address of a sensible length (the PDF refuses empty ones, and a
/// `file:` or `javascript:` link has no place in a report).
fn linkable(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    url.len() <= 2000
        && ["https://", "http://", "mailto:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// Text loose in a block container becomes a paragraph.
fn flush(blocks: &mut Vec<Block>, loose: Vec<Inline>) {
    if !loose.is_empty() {
        blocks.push(Block::Paragraph { inlines: loose });
    }
}

fn push_block(stack: &mut [Frame], block: Block) {
    let container = stack
        .iter_mut()
        .rev()
        .find(|f| matches!(f, Frame::Blocks { .. }));
    if let Some(Frame::Blocks { blocks, loose, .. }) = container {
        flush(blocks, std::mem::take(loose));
        blocks.push(block);
    }
}

fn push_inline(stack: &mut [Frame], inline: Inline) {
    match target(stack) {
        Some(Frame::Paragraph(v) | Frame::Heading(_, v) | Frame::Cell(v) | Frame::Span(_, v)) => {
            v.push(inline)
        }
        Some(Frame::Blocks { loose, .. }) => loose.push(inline),
        Some(Frame::Text(t)) => {
            if let Inline::Text { text } | Inline::Code { text } = inline {
                t.push_str(&text);
            }
        }
        _ => {}
    }
}

/// Text, merged with the text before it.
fn text(stack: &mut [Frame], t: &str) {
    if let Some(Frame::Text(buffer) | Frame::Html(buffer)) = target(stack) {
        buffer.push_str(t);
        return;
    }
    let target = match target(stack) {
        Some(Frame::Paragraph(v) | Frame::Heading(_, v) | Frame::Cell(v) | Frame::Span(_, v)) => v,
        Some(Frame::Blocks { loose, .. }) => loose,
        _ => return,
    };
    match target.last_mut() {
        Some(Inline::Text { text }) => text.push_str(t),
        _ => target.push(Inline::Text { text: t.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Headings nest from level 1, one level at most below the one
    /// before, keeping the order of depth as written.
    #[test]
    fn headings_nest_without_a_gap() {
        let levels = |md: &str| -> Vec<u8> {
            nested(blocks(md))
                .iter()
                .filter_map(|b| match b {
                    Block::Heading { level, .. } => Some(*level),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(levels("## a\n\n#### b\n\n## c\n\n### d\n"), [1, 2, 1, 2]);
        assert_eq!(
            levels("### a\n\n# b\n\n###### c\n\n##### d\n"),
            [1, 1, 2, 2]
        );
        assert_eq!(levels("#### a\n\n## b\n"), [1, 1]);
    }

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn paragraphs_emphasis_links_and_lists() {
        let b = blocks(
            "Un *atelier* et **deux** [réunions](https://x.org).\n\n- a\n- b\n\n1. un\n2. deux\n",
        );
        assert_eq!(
            b[0],
            Block::Paragraph {
                inlines: vec![
                    t("Un "),
                    Inline::Emph {
                        inlines: vec![t("atelier")]
                    },
                    t(" et "),
                    Inline::Strong {
                        inlines: vec![t("deux")]
                    },
                    t(" "),
                    Inline::Link {
                        url: "https://x.org".into(),
                        inlines: vec![t("réunions")]
                    },
                    t("."),
                ]
            }
        );
        assert_eq!(
            b[1],
            Block::List {
                start: None,
                items: vec![
                    vec![Block::Paragraph {
                        inlines: vec![t("a")]
                    }],
                    vec![Block::Paragraph {
                        inlines: vec![t("b")]
                    }]
                ]
            }
        );
        assert!(matches!(b[2], Block::List { start: Some(1), .. }));
    }

    #[test]
    fn markup_of_other_languages_is_text() {
        let b = blocks(
            "#read(\"/etc/passwd\") and $x^2$ and <b>bold</b> <!-- hidden -->\n\n<div>raw</div>\n",
        );
        let Block::Paragraph { inlines } = &b[0] else {
            panic!("{b:?}")
        };
        let all: String = inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text } => text.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(all, "#read(\"/etc/passwd\") and $x^2$ and <b>bold</b> ");
        assert_eq!(
            b[1],
            Block::Code {
                text: "<div>raw</div>".into()
            }
        );
    }

    #[test]
    fn comments_are_left_out_even_over_several_lines() {
        let b = blocks("<!--\nA reminder\n-->\n\n## Activities\n\nText <!-- note --> here.\n");
        assert_eq!(
            b,
            vec![
                Block::Heading {
                    level: 2,
                    inlines: vec![t("Activities")]
                },
                Block::Paragraph {
                    inlines: vec![t("Text  here.")]
                }
            ]
        );
    }

    #[test]
    fn nesting_is_bounded_and_nothing_is_lost() {
        let deep = format!("{} fond\n", ">".repeat(100_000));
        let b = blocks(&deep);
        fn depth(b: &[Block]) -> usize {
            b.iter()
                .map(|b| match b {
                    Block::Quote { blocks } => 1 + depth(blocks),
                    Block::List { items, .. } => {
                        1 + items.iter().map(|i| depth(i)).max().unwrap_or(0)
                    }
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&b) <= MAX_DEPTH, "{}", depth(&b));
        assert!(serde_json::to_string(&b).unwrap().contains("fond"));
        let stars = format!("{}x{}", "*".repeat(5000), "*".repeat(5000));
        assert!(
            serde_json::to_string(&blocks(&stars))
                .unwrap()
                .contains('x')
        );
    }

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        let b = blocks(
            "[ok](https://x.org) [vide]() [js](javascript:alert(1)) [f](file:///etc/passwd)\n",
        );
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(json.matches("\"kind\":\"link\"").count(), 1, "{json}");
        assert!(json.contains("(javascript:alert(1))") && json.contains("(file:///etc/passwd)"));
        assert!(json.contains("vide"));
    }

    #[test]
    fn deep_lists_keep_their_text() {
        let mut md = String::new();
        for i in 0..40 {
            md += &format!("{}- level {i}\n", "  ".repeat(i));
        }
        let json = serde_json::to_string(&blocks(&md)).unwrap();
        for i in 0..40 {
            assert!(json.contains(&format!("level {i}")), "level {i}");
        }
    }

    #[test]
    fn headings_quotes_and_tables() {
        let b = blocks("## Activités\n\n> cité\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n");
        assert_eq!(
            b[0],
            Block::Heading {
                level: 2,
                inlines: vec![t("Activités")]
            }
        );
        assert!(matches!(&b[1], Block::Quote { blocks } if blocks.len() == 1));
        assert_eq!(
            b[2],
            Block::Table {
                align: vec!["left", "right"],
                header: vec![vec![t("a")], vec![t("b")]],
                rows: vec![vec![vec![t("1")], vec![t("2")]]],
            }
        );
    }
}
